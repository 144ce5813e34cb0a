import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor } from './index.ts';

/** The data rows of the audit table: [time, actor, action, target, agency, ip, detail]. */
function rowsOf(html: string): string[][] {
  const body = /<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1].replace(/<[^>]+>/g, '')));
}

describeEachDialect('back office: audit log', (dialect) => {
  let t: TestApp;
  const b: Record<string, Browser> = {};
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    await addAgency(t.services, 'TC', '桃城区人民政府', { kind: 'government', parent: 'HS' });
    await addAgency(t.services, 'TC-JYJ', '桃城区教育局', { parent: 'TC' });
    await addUser(t.services, 'admin1', [['admin', null]]);
    await addUser(t.services, 'auth1', [['authority', 'TC']]);
    await addUser(t.services, 'tc.editor', [['editor', 'TC-JYJ']]);
    await addUser(t.services, 'ed1', [['editor', 'HS-CZJ']]);
    await addUser(t.services, 'insp1', [['inspector', 'TC']]);
    for (const u of ['admin1', 'auth1', 'tc.editor', 'ed1', 'insp1']) {
      b[u] = new Browser(t.app);
      await b[u].signIn(u);
    }
    await new Browser(t.app).submit('/admin/sign-in', '/admin/sign-in', { username: 'ed1', password: 'wrong-password-9' });
    await t.services.agencies.update(t.services.users.systemPrincipal(), cliActor, 'HS-CZJ', { code: 'HS-CZJ', name: '衡水市财政局', parent: 'HS', kind: 'department', phone: '0318-2000000' });
    await t.services.agencies.update(t.services.users.systemPrincipal(), cliActor, 'TC-JYJ', { code: 'TC-JYJ', name: '桃城区教育局', parent: 'TC', kind: 'department', phone: '0318-3000000' });
  });
  after(() => t.dispose());

  test('administrators see the sign-ins, with translated actions and seconds, and filter by action', async () => {
    const page = await b.admin1.get('/admin/audit');
    assert.equal(page.statusCode, 200);
    const rows = rowsOf(page.body);
    const signIns = rows.filter((r) => r[2] === '登录');
    assert.deepEqual(signIns.map((r) => r[1]).sort(), ['admin1', 'auth1', 'ed1', 'insp1', 'tc.editor']);
    assert.equal(signIns[0][0], '2026-03-02 10:00:00', 'Beijing time with seconds');
    assert.match(signIns[0][5], /\d/, 'the IP address is shown');
    assert.ok(rows.some((r) => r[2] === '登录失败' && r[1] === 'ed1' && /reason: password/.test(r[6])));

    const failed = await b.admin1.get('/admin/audit?action=auth.signInFailed');
    const frows = rowsOf(failed.body);
    assert.equal(frows.length, 1);
    assert.equal(frows[0][2], '登录失败');
    assert.match(failed.body, /共 1 条记录/);
    assert.match(failed.body, /<option value="auth.signInFailed" selected>登录失败（auth.signInFailed）<\/option>/);

    const byActor = rowsOf((await b.admin1.get('/admin/audit?actor=tc.ed')).body);
    assert.ok(byActor.length > 0 && byActor.every((r) => r[1] === 'tc.editor'));
  });

  test('an authority sees its agencies and the sign-ins of their users, nothing else', async () => {
    for (const who of ['auth1', 'insp1']) {
      const rows = rowsOf((await b[who].get('/admin/audit')).body);
      const signIns = rows.filter((r) => r[2] === '登录').map((r) => r[1]).sort();
      assert.deepEqual(signIns, ['auth1', 'insp1', 'tc.editor'], who);
      assert.ok(rows.some((r) => r[2] === '修改机构' && r[4] === '桃城区教育局'), who);
      assert.ok(!rows.some((r) => r[4] === '衡水市财政局' || r[1] === 'ed1' || r[1] === 'admin1'), who);
    }
  });

  test('editors get 403 on the audit log and its export', async () => {
    for (const url of ['/admin/audit', '/admin/audit.csv']) {
      const res = await b['tc.editor'].get(url);
      assert.equal(res.statusCode, 403, url);
    }
    const out = await new Browser(t.app).get('/admin/audit.csv');
    assert.equal(out.statusCode, 303);
  });

  test('the CSV export has a BOM and exactly the filtered entries', async () => {
    const res = await b.admin1.get('/admin/audit.csv?action=auth.signIn');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition'] as string, /attachment; filename="audit-\d+\.csv"/);
    const raw = res.rawPayload;
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(lines[0], /^时间,操作人,操作,操作代码,/);
    assert.equal(lines.length, 1 + 5);
    assert.ok(lines.slice(1).every((l) => l.startsWith('2026-03-02 10:00:00,') && l.includes(',登录,auth.signIn,')));
    const scoped = await b.auth1.get('/admin/audit.csv?action=auth.signIn');
    assert.equal(scoped.body.trim().split('\r\n').length, 1 + 3, 'the export keeps the viewer\'s scope');
  });

  test('date filters are Beijing calendar days; bad dates are reported; pages hold 50 entries', async () => {
    t.clock.set('2026-03-04T15:59:59.000Z'); // 2026-03-04 23:59:59 in Beijing
    await t.services.audit.record(cliActor, { action: 'test.late', detail: { n: 1 } });
    t.clock.set('2026-03-04T16:00:00.000Z'); // 2026-03-05 00:00:00 in Beijing
    await t.services.audit.record(cliActor, { action: 'test.late', detail: { n: 2 } });
    t.clock.set('2026-03-02T02:00:00.000Z'); // back, so that the sessions stay valid
    const day4 = rowsOf((await b.admin1.get('/admin/audit?action=test.late&from=2026-03-04&to=2026-03-04')).body);
    assert.deepEqual(day4.map((r) => r[0]), ['2026-03-04 23:59:59']);
    assert.equal(day4[0][2], 'test.late', 'unknown actions show their code');
    const day5 = rowsOf((await b.admin1.get('/admin/audit?action=test.late&from=2026-03-05')).body);
    assert.deepEqual(day5.map((r) => r[0]), ['2026-03-05 00:00:00']);

    const bad = await b.admin1.get('/admin/audit?from=2026-02-30');
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /id="f-from-error">请输入有效日期/);

    for (let i = 0; i < 55; i++) await t.services.audit.record(cliActor, { action: 'test.bulk', detail: { i } });
    const p1 = await b.admin1.get('/admin/audit?action=test.bulk');
    assert.equal(rowsOf(p1.body).length, 50);
    assert.match(p1.body, /第 1 页 \/ 共 2 页/);
    assert.match(p1.body, /href="\/admin\/audit\?action=test.bulk&amp;page=2"/);
    const p2 = await b.admin1.get('/admin/audit?action=test.bulk&page=2');
    assert.equal(rowsOf(p2.body).length, 5);
  });
});
