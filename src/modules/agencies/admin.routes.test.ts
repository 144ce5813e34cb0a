import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { lockout } from './index.ts';

/** The dashboard's figures: label → number. */
function stats(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/<dt>(.*?)<\/dt>\s*<dd>(.*?)<\/dd>/gs)) out[m[1]] = Number(/\d+/.exec(m[2].replace(/<[^>]+>/g, ''))?.[0]);
  return out;
}

describeEachDialect('back office: dashboard', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'TC', '桃城区人民政府', { kind: 'government', parent: 'HS' });
    await addAgency(t.services, 'TC-JYJ', '桃城区教育局', { parent: 'TC' });
    await addAgency(t.services, 'TC-MZJ', '桃城区民政局', { parent: 'TC' });
    await addAgency(t.services, 'TC-HXJD', '河西街道办事处', { parent: 'TC', kind: 'township' });
    await addUser(t.services, 'admin1', [['admin', null]]);
    await addUser(t.services, 'auth1', [['authority', 'TC']]);
    await addUser(t.services, 'ed1', [['editor', 'TC-JYJ']]);
  });
  after(() => t.dispose());

  test('an administrator sees the counts, locked accounts and recent audit entries', async () => {
    const b = new Browser(t.app);
    for (let i = 0; i < lockout.maxFailures; i++) await b.submit('/admin/sign-in', '/admin/sign-in', { username: 'ed1', password: 'wrong-pass-1' });
    await b.signIn('admin1');
    const home = await b.get('/admin');
    assert.equal(home.statusCode, 200);
    const s = stats(home.body);
    assert.equal(s['机构数'], 5);
    assert.equal(s['用户数'], 3);
    assert.equal(s['临时锁定的账号'], 1);
    assert.match(home.body, /最近操作记录/);
    assert.match(home.body, /<td>账号临时锁定<\/td>/);
    assert.match(home.body, /href="\/admin\/users"/);
    assert.match(home.body, /href="\/admin\/site"/);
  });

  test('an authority sees the agencies below its government by kind; an editor sees only their own tasks', async () => {
    const a = new Browser(t.app);
    await a.signIn('auth1');
    const home = await a.get('/admin');
    assert.match(home.body, /桃城区人民政府所辖机构/);
    assert.match(home.body, /下级机构共 3 个/);
    assert.match(home.body, /<li>部门：2<\/li>/);
    assert.match(home.body, /<li>乡镇（街道）：1<\/li>/);
    assert.match(home.body, /href="\/admin\/audit"/);
    assert.doesNotMatch(home.body, /机构数/);

    t.clock.advance((lockout.minutes + 1) * 60_000);
    const e = new Browser(t.app);
    await e.signIn('ed1');
    const eh = await e.get('/admin');
    assert.match(eh.body, /信息编辑 · 桃城区教育局/);
    assert.match(eh.body, /href="\/admin\/account"/);
    const main = /<main[^>]*>(.*?)<\/main>/s.exec(eh.body)?.[1] ?? '';
    assert.doesNotMatch(main, /href="\/admin\/(users|audit|site)"/);
    const nav = /<nav class="main-nav"[^>]*>(.*?)<\/nav>/s.exec(eh.body)?.[1] ?? '';
    assert.doesNotMatch(nav, /href="\/admin\/(users|audit|site)"/, 'the menu offers an editor only what it may open');
    assert.match(nav, /href="\/admin\/account"/);
  });
});
