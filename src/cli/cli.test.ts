import { migrations } from '../storage/migrations/index.ts';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDbUrl, describeEachDialect } from '../../test/helpers/db.ts';
import { cli, servicesFor } from '../../test/helpers/cli.ts';
import { openStorage } from '../storage/db.ts';
import { commands } from './main.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('every command and every group answers --help with its usage and exit 0', async () => {
  for (const c of commands) {
    const r = await cli(null, [...c.name.split(' '), '--help']);
    assert.equal(r.code, 0, c.name);
    assert.match(r.out, new RegExp(`Usage: gongkai ${c.name}`), c.name);
  }
  for (const group of ['user', 'agency', 'calendar']) {
    const r = await cli(null, [group, '--help']);
    assert.equal(r.code, 0, group);
    assert.match(r.out, new RegExp(`Usage: gongkai ${group} add`));
  }
  const overview = await cli(null, ['--help']);
  assert.equal(overview.code, 0);
  for (const name of ['user add', 'user passwd', 'user list', 'user disable', 'agency import', 'calendar add', 'calendar check', 'calendar import', 'demo']) assert.match(overview.out, new RegExp(`  ${name} `));
});

test('bad usage exits 2 with the reason and the usage line on stderr, before touching any database', async () => {
  const nowhere = join(tmpdir(), 'gongkai-never-created', 'x.db');
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['agency', 'frob'], /unknown command 'agency frob'/],
    [['agency', 'add', '--name', '衡水市教育局', '--kind', 'department'], /--code is required/],
    [['agency', 'add', '--code', 'X', '--name', 'X', '--kind', 'bureau'], /--kind must be one of government, department, township/],
    [['agency', 'add', '--code', 'X', '--name', 'X', '--kind', 'department', '--colour', 'red'], /Unknown option '--colour'/],
    [['agency', 'show'], /missing CODE/],
    [['calendar', 'add', '--from', '2025-02-30', '--days', '5'], /--from must be a date as YYYY-MM-DD/],
    [['calendar', 'add', '--from', '2025-09-26', '--days', 'twenty'], /--days must be a whole number/],
    [['calendar', 'check'], /--year is required/],
    [['user', 'add', '--username', 'zhang.san', '--name', '张三', '--role', 'boss:HS'], /unknown role 'boss'/],
    [['user', 'add', '--username', 'zhang.san', '--name', '张三', '--role', 'editor'], /--role editor needs an agency code/],
  ];
  for (const [args, reason] of cases) {
    const r = await cli(`sqlite:${nowhere}`, args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, reason, args.join(' '));
  }
  assert.equal(existsSync(nowhere), false, 'no database file was created');
});

describeEachDialect('gongkai CLI', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let url: string;
  let dir: string;
  before(async () => {
    db = await createTestDbUrl(dialect);
    url = db.url;
    dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
    const first = await cli(url, ['migrate']);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, new RegExp(`Applied ${Object.keys(migrations).length} migration\\(s\\): 0001_foundation`));
    const again = await cli(url, ['migrate']);
    assert.equal(again.code, 0);
    assert.match(again.out, /up to date/);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.dispose();
  });

  test('agency add, list and show: JSON round trip, tree, failures exit 1 with one line', async () => {
    const hs = await cli(url, ['agency', 'add', '--code', 'HS', '--name', '衡水市人民政府', '--kind', 'government', '--name-en', "Hengshui Municipal People's Government", '--credit-code', '11131100DEM0000012', '--index-prefix', 'DEM000001', '--index-pattern', '{prefix}/{year}-{serial:5}', '--office-name', '衡水市人民政府办公室', '--address', '衡水市桃城区人民政府大街100号（演示地址）', '--postcode', '053000', '--office-hours', '工作日 上午8:30—12:00', '--phone', '0318-0000100', '--fax', '0318-0009100', '--email', 'hs@gongkai-demo.example', '--website', 'https://demo.example/hs/', '--sort', '1', '--json']);
    assert.equal(hs.code, 0, hs.err);
    const added = JSON.parse(hs.out);
    assert.equal(added.code, 'HS');
    assert.equal(added.parent, null);
    assert.equal(added.officeName, '衡水市人民政府办公室');

    const edu = await cli(url, ['agency', 'add', '--code', 'HS-JYJ', '--name', '衡水市教育局', '--kind', 'department', '--parent', 'HS', '--phone', '0318-0000102']);
    assert.equal(edu.code, 0, edu.err);
    assert.match(edu.out, /Added department HS-JYJ 衡水市教育局 under HS/);

    const unknownParent = await cli(url, ['agency', 'add', '--code', 'HS-X', '--name', '某局', '--kind', 'department', '--parent', 'NOPE']);
    assert.equal(unknownParent.code, 1);
    assert.equal(unknownParent.err.split('\n').length, 1, 'one line');
    assert.match(unknownParent.err, /parent: No agency has the code NOPE/);

    const badFields = await cli(url, ['agency', 'add', '--code', 'HS-Y', '--name', '某局', '--kind', 'department', '--email', 'not-an-address', '--credit-code', '123']);
    assert.equal(badFields.code, 1);
    assert.match(badFields.err, /email: Enter a valid e-mail address/);
    assert.match(badFields.err, /creditCode: /);

    const duplicate = await cli(url, ['agency', 'add', '--code', 'HS-JYJ', '--name', '重复', '--kind', 'department', '--parent', 'HS']);
    assert.equal(duplicate.code, 1);

    const show = await cli(url, ['agency', 'show', 'HS', '--json']);
    assert.equal(show.code, 0);
    assert.deepEqual(JSON.parse(show.out), added);
    const showText = await cli(url, ['agency', 'show', 'HS-JYJ']);
    assert.match(showText.out, /Parent:\s+HS 衡水市人民政府/);
    assert.match(showText.out, /Phone:\s+0318-0000102/);

    const list = await cli(url, ['agency', 'list', '--json']);
    const all = JSON.parse(list.out) as { code: string; name: string; parent: string | null; kind: string }[];
    assert.deepEqual(all.map((a) => [a.code, a.name, a.parent, a.kind]), [
      ['HS', '衡水市人民政府', null, 'government'],
      ['HS-JYJ', '衡水市教育局', 'HS', 'department'],
    ]);
    assert.deepEqual(all[0], added);

    const missing = await cli(url, ['agency', 'show', 'NOPE']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /agency not found: NOPE/);
  });

  test('agency import: every bad line is reported with its number and nothing is imported; then a good file builds the tree', async () => {
    const before = JSON.parse((await cli(url, ['agency', 'list', '--json'])).out).length;
    const bad = [
      JSON.stringify({ code: 'HS-TC', name: '桃城区人民政府', kind: 'government', parent: 'HS' }),
      '',
      JSON.stringify({ code: 'HS-TC-JYJ', name: '桃城区教育局', kind: 'bureau', parent: 'HS-TC' }),
      JSON.stringify({ code: 'HS-TC-CZJ', name: '桃城区财政局', kind: 'department', parent: 'HS-NOWHERE' }),
      JSON.stringify({ code: 'HS-TC-MZJ', name: '桃城区民政局', kind: 'department', parent: 'HS-TC' }),
    ].join('\n');
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, bad);
    const r = await cli(url, ['agency', 'import', file]);
    assert.equal(r.code, 1);
    assert.match(r.err, /line 3: kind: must be one of government, department, township/);
    assert.match(r.err, /line 4: parent: No agency has the code HS-NOWHERE/);
    assert.doesNotMatch(r.err, /line [125]:/);
    assert.match(r.err, /nothing was imported/);
    assert.equal(JSON.parse((await cli(url, ['agency', 'list', '--json'])).out).length, before, 'nothing imported');

    const good = [
      JSON.stringify({ code: 'HS-TC', name: '桃城区人民政府', kind: 'government', parent: 'HS', sortOrder: 20 }),
      '   ',
      JSON.stringify({ code: 'HS-TC-JYJ', name: '桃城区教育局', kind: 'department', parent: 'HS-TC', email: 'tc-jyj@gongkai-demo.example' }),
      JSON.stringify({ code: 'HS-JYJ', name: '衡水市教育局', kind: 'department', parent: 'HS', phone: '0318-0000199', sortOrder: 10 }),
    ].join('\n');
    const ok = await cli(url, ['agency', 'import', '-'], { stdin: `${good}\n` });
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /2 created, 1 updated/);
    const tree = await cli(url, ['agency', 'list']);
    assert.equal(tree.code, 0);
    assert.match(tree.out, /^HS {2}衡水市人民政府 {2}\[government\]\n {2}HS-JYJ {2}衡水市教育局 {2}\[department\]\n {2}HS-TC {2}桃城区人民政府 {2}\[government\]\n {4}HS-TC-JYJ {2}桃城区教育局 {2}\[department\]\n4 agencies\.$/);
    const updated = JSON.parse((await cli(url, ['agency', 'show', 'HS-JYJ', '--json'])).out);
    assert.equal(updated.phone, '0318-0000199');

    // What list prints, import reads back unchanged.
    const lines = (await cli(url, ['agency', 'list', '--jsonl'])).out;
    const again = await cli(url, ['agency', 'import', '-', '--json'], { stdin: lines });
    assert.deepEqual(JSON.parse(again.out), { created: 0, updated: 4 });

    const s = servicesFor(url);
    try {
      const log = await s.audit.list({ action: 'agency.', limit: 50, offset: 0 });
      assert.ok(log.rows.length >= 3);
      assert.ok(log.rows.every((row) => row.actorName === 'cli'));
    } finally {
      await s.storage.close();
    }
  });

  test('user add, list, passwd, disable and enable; a disabled user cannot sign in', async () => {
    const add = await cli(url, ['user', 'add', '--username', 'zhang.san', '--name', '张三', '--role', 'editor:HS-JYJ', '--role', 'handler:HS-JYJ', '--password', 'Zhangsan-2026']);
    assert.equal(add.code, 0, add.err);
    assert.doesNotMatch(add.out, /Password:/);

    const generated = await cli(url, ['user', 'add', '--username', 'li.si', '--name', '李四', '--role', 'authority:HS', '--json']);
    assert.equal(generated.code, 0, generated.err);
    const li = JSON.parse(generated.out);
    assert.equal(typeof li.password, 'string');
    assert.ok(li.password.length >= 10);

    const fromStdin = await cli(url, ['user', 'add', '--username', 'wang.wu', '--name', '王五', '--role', 'admin', '--password-stdin'], { stdin: 'Wangwu-pass-1\n' });
    assert.equal(fromStdin.code, 0, fromStdin.err);

    const weak = await cli(url, ['user', 'add', '--username', 'zhao.liu', '--name', '赵六', '--role', 'admin', '--password', 'short']);
    assert.equal(weak.code, 1);
    assert.match(weak.err, /password: At least 10 characters/);
    const authorityAtDepartment = await cli(url, ['user', 'add', '--username', 'zhao.liu', '--name', '赵六', '--role', 'authority:HS-JYJ']);
    assert.equal(authorityAtDepartment.code, 1);
    const taken = await cli(url, ['user', 'add', '--username', 'zhang.san', '--name', '张三', '--role', 'admin']);
    assert.equal(taken.code, 1);

    const list = JSON.parse((await cli(url, ['user', 'list', '--json'])).out) as { username: string; name: string; disabled: boolean; locked: boolean; roles: { role: string; agency: string | null }[] }[];
    const byRole = (a: { role: string }, b: { role: string }) => a.role.localeCompare(b.role);
    assert.deepEqual(
      list.map((u) => [u.username, u.name, u.disabled, u.locked, [...u.roles].sort(byRole)]),
      [
        ['li.si', '李四', false, false, [{ role: 'authority', agency: 'HS' }]],
        ['wang.wu', '王五', false, false, [{ role: 'admin', agency: null }]],
        ['zhang.san', '张三', false, false, [{ role: 'editor', agency: 'HS-JYJ' }, { role: 'handler', agency: 'HS-JYJ' }]],
      ],
    );
    const table = await cli(url, ['user', 'list']);
    assert.match(table.out, /zhang\.san\s+张三\s+active\s+(editor:HS-JYJ, handler:HS-JYJ|handler:HS-JYJ, editor:HS-JYJ)/);

    const s = servicesFor(url);
    const where = { ip: null, userAgent: null };
    try {
      await s.users.signIn('zhang.san', 'Zhangsan-2026', where);
      await s.users.signIn('li.si', li.password, where);
      await s.users.signIn('wang.wu', 'Wangwu-pass-1', where);

      const passwd = await cli(url, ['user', 'passwd', 'zhang.san']);
      assert.equal(passwd.code, 0, passwd.err);
      const newPassword = /Password: (\S+)/.exec(passwd.out)![1];
      await assert.rejects(s.users.signIn('zhang.san', 'Zhangsan-2026', where), { code: 'badCredentials' });
      await s.users.signIn('zhang.san', newPassword, where);

      const disable = await cli(url, ['user', 'disable', 'zhang.san']);
      assert.equal(disable.code, 0, disable.err);
      await assert.rejects(s.users.signIn('zhang.san', newPassword, where), { code: 'accountDisabled' });
      const shown = JSON.parse((await cli(url, ['user', 'list', '--json'])).out).find((u: any) => u.username === 'zhang.san');
      assert.equal(shown.disabled, true);
      assert.match((await cli(url, ['user', 'list'])).out, /zhang\.san\s+张三\s+disabled/);

      assert.equal((await cli(url, ['user', 'enable', 'zhang.san'])).code, 0);
      await s.users.signIn('zhang.san', newPassword, where);

      const nobody = await cli(url, ['user', 'disable', 'nobody']);
      assert.equal(nobody.code, 1);
      assert.match(nobody.err, /user not found: nobody/);

      const log = await s.audit.list({ action: 'user.', limit: 50, offset: 0 });
      const actions = log.rows.filter((r) => r.actorName === 'cli').map((r) => r.action);
      for (const a of ['user.create', 'user.passwordSet', 'user.disable', 'user.enable']) assert.ok(actions.includes(a), a);
    } finally {
      await s.storage.close();
    }
  });

  test('calendar add gives the n-th working day after the date for the calendar.md vectors', async () => {
    const vectors: [string, number, string][] = [
      ['2024-02-01', 20, '2024-03-05'],
      ['2024-04-26', 20, '2024-05-27'],
      ['2024-09-27', 20, '2024-10-30'],
      ['2025-01-20', 20, '2025-02-21'],
      ['2025-01-24', 7, '2025-02-10'],
      ['2025-04-25', 15, '2025-05-20'],
      ['2025-09-26', 20, '2025-10-30'],
      ['2025-09-26', 40, '2025-11-27'],
      ['2025-12-31', 20, '2026-01-29'],
      ['2026-02-02', 20, '2026-03-06'],
      ['2026-02-13', 7, '2026-03-02'],
      ['2026-04-30', 20, '2026-06-01'],
      ['2026-09-18', 20, '2026-10-22'],
      ['2026-09-30', 20, '2026-11-03'],
    ];
    for (const [from, days, expected] of vectors) {
      const r = await cli(url, ['calendar', 'add', '--from', from, '--days', String(days)]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, expected, `${from} + ${days}`);
      assert.equal(r.err, '', 'no warning for official years');
    }
    const json = await cli(url, ['calendar', 'add', '--from', '2025-09-26', '--days', '20', '--json']);
    assert.deepEqual(JSON.parse(json.out), { from: '2025-09-26', days: 20, date: '2025-10-30', provisional: false, unofficialYears: [] });
  });

  test('2027 is provisional with a warning until its notice is imported; then check says official and add uses it', async () => {
    const check = await cli(url, ['calendar', 'check', '--year', '2027', '--json']);
    assert.equal(check.code, 0);
    assert.deepEqual(JSON.parse(check.out), { year: 2027, official: false, source: null });
    const builtin = await cli(url, ['calendar', 'check', '--year', '2026']);
    assert.equal(builtin.code, 0);
    assert.match(builtin.out, /2026: official holiday data \(built into Gongkai/);

    // 2026-12-31 + 10: Monday–Friday only in 2027 (2027-01-01 is a Friday) → 2027-01-14.
    const provisional = await cli(url, ['calendar', 'add', '--from', '2026-12-31', '--days', '10', '--json']);
    assert.equal(provisional.code, 0);
    assert.deepEqual(JSON.parse(provisional.out), { from: '2026-12-31', days: 10, date: '2027-01-14', provisional: true, unofficialYears: [2027] });
    assert.equal(provisional.err.split('\n').length, 1);
    assert.match(provisional.err, /^Warning: provisional result\. 2027 has no official holiday data/);
    const text = await cli(url, ['calendar', 'add', '--from', '2026-12-31', '--days', '10']);
    assert.equal(text.out, '2027-01-14');
    assert.match(text.err, /2027 has no official holiday data/);

    const bad = join(dir, 'bad-2027.json');
    writeFileSync(bad, JSON.stringify({ year: 2027, holidays: [{ from: '2027-01-03', to: '2027-01-01' }], workdays: ['2027-02-31'] }));
    const rejected = await cli(url, ['calendar', 'import', bad]);
    assert.equal(rejected.code, 1);
    assert.match(rejected.err, /holidays\.0\.to: Range ends \(2027-01-01\) before it starts \(2027-01-03\)/);
    assert.match(rejected.err, /workdays\.0: Invalid date/);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"year": 2027,');
    const broken = await cli(url, ['calendar', 'import', notJson]);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /is not valid JSON/);
    assert.equal(JSON.parse((await cli(url, ['calendar', 'check', '--year', '2027', '--json'])).out).official, false);

    const notice = join(dir, 'notice-2027.json');
    writeFileSync(
      notice,
      JSON.stringify({
        year: 2027,
        holidays: [
          { from: '2027-01-01', to: '2027-01-03', name: '元旦' },
          { from: '2027-02-05', to: '2027-02-13', name: '春节' },
        ],
        workdays: ['2027-02-14'],
        source: '演示通知（测试）',
      }),
    );
    const imported = await cli(url, ['calendar', 'import', notice]);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /Imported the 2027 holiday notice/);

    const official = await cli(url, ['calendar', 'check', '--year', '2027', '--json']);
    assert.deepEqual(JSON.parse(official.out), { year: 2027, official: true, source: 'imported', notice: '演示通知（测试）' });
    assert.match((await cli(url, ['calendar', 'check', '--year', '2027'])).out, /2027: official holiday data \(imported notice 演示通知（测试）\)/);

    // 2027-01-01 is now a holiday: one working day later than before, and no longer provisional.
    const after = await cli(url, ['calendar', 'add', '--from', '2026-12-31', '--days', '10', '--json']);
    assert.deepEqual(JSON.parse(after.out), { from: '2026-12-31', days: 10, date: '2027-01-15', provisional: false, unofficialYears: [] });
    assert.equal(after.err, '');
    // Across the Spring Festival of the notice: the make-up working day 2027-02-14 (a Sunday) counts.
    const spring = await cli(url, ['calendar', 'add', '--from', '2027-02-04', '--days', '2']);
    assert.equal(spring.out, '2027-02-15');
  });

  test('the gongkai bin runs as a child process, reads standard input and returns exit codes', () => {
    const bin = join(root, 'bin/gongkai.mjs');
    const env = { ...process.env, DATABASE_URL: url };
    const list = spawnSync(process.execPath, [bin, 'agency', 'list', '--json'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    assert.ok((JSON.parse(list.stdout) as { code: string }[]).some((a) => a.code === 'HS-TC'));
    const imported = spawnSync(process.execPath, [bin, 'agency', 'import', '-'], {
      cwd: root,
      env,
      encoding: 'utf8',
      input: `${JSON.stringify({ code: 'HS-TC-HXJD', name: '河西街道办事处', kind: 'township', parent: 'HS-TC' })}\n`,
    });
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /1 created, 0 updated/);
    const unknown = spawnSync(process.execPath, [bin, 'nonsense'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'nonsense'/);
    const failure = spawnSync(process.execPath, [bin, 'agency', 'show', 'NOPE'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(failure.status, 1);
    assert.equal(failure.stderr.trim().split('\n').length, 1);
  });
});

describeEachDialect('gongkai CLI on an unmigrated database', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  before(async () => {
    db = await createTestDbUrl(dialect);
    if (dialect === 'sqlite') await openStorage(db.url).close(); // the file exists, with no tables
  });
  after(() => db.dispose());

  test('data commands refuse and tell the user to run gongkai migrate', async () => {
    for (const args of [['agency', 'list'], ['user', 'list'], ['calendar', 'check', '--year', '2026'], ['demo']]) {
      const r = await cli(db.url, args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.err, /gongkai migrate/, args.join(' '));
      assert.equal(r.err.split('\n').length, 1);
    }
  });
});

test('a SQLite database that does not exist is not created by a data command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
  try {
    const file = join(dir, 'none.db');
    const r = await cli(`sqlite:${file}`, ['agency', 'list']);
    assert.equal(r.code, 1);
    assert.match(r.err, /There is no database at sqlite:.*none\.db; run `gongkai migrate` first/);
    assert.equal(existsSync(file), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
