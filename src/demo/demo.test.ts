import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDbUrl, describeEachDialect } from '../../test/helpers/db.ts';
import { cli, servicesFor } from '../../test/helpers/cli.ts';
import { agencyInputSchema, roles } from '../modules/agencies/index.ts';
import { creditCodeCheck, demoAgencies, demoUsers, DEMO_HOME } from './city.ts';

test('the demo city: valid agencies in tree order, the report’s counties and departments, contacts marked as demo', () => {
  const codes = new Set<string>();
  for (const a of demoAgencies) {
    const r = agencyInputSchema.safeParse(a);
    assert.ok(r.success, `${a.code}: ${JSON.stringify(!r.success && r.error.issues)}`);
    assert.ok(!codes.has(a.code), `duplicate code ${a.code}`);
    assert.ok(!a.parent || codes.has(a.parent), `${a.code}: parent ${a.parent} comes first`);
    codes.add(a.code);
    assert.match(a.phone!, /^0318-0\d{6}$/, a.code);
    assert.match(a.fax!, /^0318-0\d{6}$/, a.code);
    assert.match(a.email!, /@gongkai-demo\.example$/, a.code);
    assert.match(a.website!, /^https:\/\/demo\.example\//, a.code);
    assert.match(a.address!, /^衡水市.*（演示地址）$/, a.code);
    assert.equal(a.officeHours, '工作日 上午8:30—12:00 下午13:30—17:30（法定节假日除外）');
    assert.ok(a.nameEn, `${a.code} has an English name`);
    const credit = a.creditCode!;
    assert.equal(credit.length, 18);
    assert.equal(credit.slice(8, 11), 'DEM', 'the organisation-code part says DEM(o)');
    assert.equal(credit[17], creditCodeCheck(credit.slice(0, 17)), `${a.code}: GB 32100 check character`);
  }
  assert.equal(new Set(demoAgencies.map((a) => a.phone)).size, demoAgencies.length, 'phone numbers are distinct');

  const byName = new Map(demoAgencies.map((a) => [a.name, a]));
  const home = demoAgencies.find((a) => a.code === DEMO_HOME)!;
  assert.equal(home.name, '衡水市人民政府');
  assert.equal(home.kind, 'government');
  assert.equal(home.officeName, '衡水市人民政府办公室');
  assert.ok(home.indexPrefix && home.indexPattern);
  for (const county of ['桃城区', '冀州区', '枣强县', '武邑县', '武强县', '饶阳县', '安平县', '故城县', '景县', '阜城县', '深州市']) {
    const g = byName.get(`${county}人民政府`);
    assert.ok(g, county);
    assert.equal(g.kind, 'government');
    assert.equal(g.parent, DEMO_HOME);
    assert.ok(demoAgencies.filter((a) => a.parent === g.code && a.kind === 'department').length >= 3, `${county} has departments of its own`);
  }
  assert.ok(demoAgencies.some((a) => a.kind === 'township' && a.parent === byName.get('桃城区人民政府')!.code));
  for (const dept of ['发展和改革委员会', '教育局', '民政局', '财政局', '人力资源和社会保障局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '农业农村局', '卫生健康委员会', '市场监督管理局', '行政审批局', '公安局', '扶贫开发办公室', '审计局', '统计局', '商务局']) {
    const d = byName.get(`衡水市${dept}`);
    assert.ok(d, dept);
    assert.equal(d.kind, 'department');
    assert.equal(d.parent, DEMO_HOME);
  }
  assert.deepEqual(demoUsers.map((u) => u.role).sort(), [...roles].sort(), 'one demo account per role');
});

/** The credentials table `gongkai demo` prints: username → [password, role, agency]. */
function parseCredentials(out: string): Map<string, [string, string, string]> {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => /^USERNAME\s+PASSWORD\s+ROLE\s+AGENCY$/.test(l));
  assert.ok(start >= 0, 'the credentials table is printed');
  const rows = lines.slice(start + 2).filter((l) => l.trim());
  return new Map(rows.map((l) => l.split(/\s{2,}/)).map(([u, p, r, a]) => [u, [p, r, a]]));
}

describeEachDialect('gongkai demo', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  before(async () => {
    db = await createTestDbUrl(dialect);
    assert.equal((await cli(db.url, ['migrate'])).code, 0);
  });
  after(() => db.dispose());

  test('loads the city, prints the demo accounts, and they can sign in with the printed passwords', async () => {
    const r = await cli(db.url, ['demo']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`Demo city loaded: ${demoAgencies.length} agencies \\(${demoAgencies.length} created, 0 updated\\), 6 demo accounts\\.`));
    const creds = parseCredentials(r.out);
    assert.equal(creds.size, 6);
    assert.deepEqual(creds.get('demo-admin'), ['Demo-admin-2026', 'admin', '-']);
    assert.deepEqual(creds.get('demo-authority'), ['Demo-authority-2026', 'authority', 'HS 衡水市人民政府']);
    assert.deepEqual(creds.get('demo-editor'), ['Demo-editor-2026', 'editor', 'HS-JYJ 衡水市教育局']);

    const s = servicesFor(db.url);
    try {
      for (const [username, [password, role]] of creds) {
        const { principal } = await s.users.signIn(username, password, { ip: null, userAgent: null });
        assert.deepEqual(principal.grants.map((g) => g.role), [role]);
      }
      const site = await s.site.settings();
      assert.equal(site.siteName, '衡水市人民政府');
      assert.equal(site.organiser, '衡水市人民政府办公室');
      assert.equal(site.homeAgency, 'HS');
      assert.match(site.icp, /演示/);
      assert.equal(site.errorReportUrl, '');
      assert.equal(await s.site.demoLoaded(), true);
      const log = await s.audit.list({ actor: 'cli', limit: 100, offset: 0 });
      const actions = new Set(log.rows.map((row) => row.action));
      for (const a of ['agency.import', 'user.create', 'site.update']) assert.ok(actions.has(a), a);
    } finally {
      await s.storage.close();
    }
  });

  test('loading again is idempotent and resets the demo accounts', async () => {
    const agencies = JSON.parse((await cli(db.url, ['agency', 'list', '--json'])).out);
    assert.equal(agencies.length, demoAgencies.length);
    const tc = agencies.find((a: { code: string }) => a.code === 'HS-TC');
    assert.deepEqual([tc.name, tc.parent, tc.kind], ['桃城区人民政府', 'HS', 'government']);

    // Someone changes a demo account; the reload puts it back.
    assert.equal((await cli(db.url, ['user', 'passwd', 'demo-editor', '--password', 'Changed-pass-1'])).code, 0);
    assert.equal((await cli(db.url, ['user', 'disable', 'demo-handler'])).code, 0);

    const again = await cli(db.url, ['demo', '--json']);
    assert.equal(again.code, 0, again.err);
    const result = JSON.parse(again.out);
    assert.deepEqual([result.agencies, result.created, result.updated], [demoAgencies.length, 0, demoAgencies.length]);
    assert.deepEqual(
      result.users.map((u: { username: string; password: string; role: string; agency: string | null }) => [u.username, u.password, u.role, u.agency]),
      demoUsers.map((u) => [u.username, u.password, u.role, u.agency]),
    );
    assert.equal(JSON.parse((await cli(db.url, ['agency', 'list', '--json'])).out).length, demoAgencies.length, 'no agency duplicated');
    const users = JSON.parse((await cli(db.url, ['user', 'list', '--json'])).out);
    assert.equal(users.length, 6, 'no account duplicated');
    assert.ok(users.every((u: { disabled: boolean; roles: unknown[] }) => !u.disabled && u.roles.length === 1));

    const s = servicesFor(db.url);
    try {
      await s.users.signIn('demo-editor', 'Demo-editor-2026', { ip: null, userAgent: null });
      await s.users.signIn('demo-handler', 'Demo-handler-2026', { ip: null, userAgent: null });
    } finally {
      await s.storage.close();
    }
  });
});

describeEachDialect('gongkai demo on a database with real data', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  before(async () => {
    db = await createTestDbUrl(dialect);
    assert.equal((await cli(db.url, ['migrate'])).code, 0);
    assert.equal((await cli(db.url, ['agency', 'add', '--code', 'BJ', '--name', '某市人民政府', '--kind', 'government'])).code, 0);
  });
  after(() => db.dispose());

  test('refuses without --force, loads with it', async () => {
    const refused = await cli(db.url, ['demo']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /not demo data.*--force/);
    assert.equal(JSON.parse((await cli(db.url, ['user', 'list', '--json'])).out).length, 0);
    const forced = await cli(db.url, ['demo', '--force']);
    assert.equal(forced.code, 0, forced.err);
    assert.equal(JSON.parse((await cli(db.url, ['agency', 'list', '--json'])).out).length, demoAgencies.length + 1);
  });
});
