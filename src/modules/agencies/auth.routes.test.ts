import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { lockout } from './index.ts';

describeEachDialect('staff sign-in', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addUser(t.services, 'editor1', [['editor', 'HS']]);
  });
  after(() => t.dispose());

  test('the back office asks for sign-in, then shows the user their roles', async () => {
    const b = new Browser(t.app);
    const first = await b.get('/admin');
    assert.equal(first.statusCode, 303);
    assert.match(first.headers.location as string, /^\/admin\/sign-in\?next=%2Fadmin/);
    await b.signIn('editor1');
    const home = await b.get('/admin');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /信息编辑 · 衡水市人民政府/);
    assert.ok(b.cookies.has('gk_session'));
  });

  test('a wrong password says so in Chinese and is logged; a form without CSRF token is refused', async () => {
    const b = new Browser(t.app);
    const res = await b.submit('/admin/sign-in', '/admin/sign-in', { username: 'editor1', password: 'wrong-password1' });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /用户名或密码错误/);
    const noToken = await b.post('/admin/sign-in', { username: 'editor1', password: 'Passw0rd-test' });
    assert.equal(noToken.statusCode, 403);
    assert.match(noToken.body, /页面已过期/);
    const log = await t.services.audit.list({ action: 'auth.signInFailed', limit: 10, offset: 0 });
    assert.ok(log.rows.some((r) => r.actorName === 'editor1' && r.ip));
  });

  test('repeated failures lock the account temporarily, and the lock expires', async () => {
    await addUser(t.services, 'victim', [['editor', 'HS']]);
    const b = new Browser(t.app);
    let last;
    for (let i = 0; i < lockout.maxFailures; i++) last = await b.submit('/admin/sign-in', '/admin/sign-in', { username: 'victim', password: 'nope-nope-1' });
    assert.equal(last!.statusCode, 423);
    assert.match(last!.body, /账号已临时锁定/);
    const right = await b.submit('/admin/sign-in', '/admin/sign-in', { username: 'victim', password: 'Passw0rd-test' });
    assert.equal(right.statusCode, 423, 'the right password does not open a locked account');
    t.clock.advance((lockout.minutes + 1) * 60_000);
    await b.signIn('victim');
    const locked = await t.services.audit.list({ action: 'auth.locked', limit: 10, offset: 0 });
    assert.equal(locked.rows.length, 1);
  });

  test('sign-out ends the session', async () => {
    const b = new Browser(t.app);
    await b.signIn('editor1');
    const token = [...b.cookies].find(([k]) => k === 'gk_session')![1];
    const out = await b.submit('/admin', '/admin/sign-out', {});
    assert.equal(out.statusCode, 303);
    assert.equal(await t.services.users.principalForToken(token), null);
    assert.equal((await b.get('/admin')).statusCode, 303);
  });

  test('pages carry a CSP without inline scripts and never show a stack trace', async () => {
    const b = new Browser(t.app);
    const res = await b.get('/admin/sign-in');
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const nf = await b.get('/no/such/page');
    assert.equal(nf.statusCode, 404);
    assert.match(nf.body, /页面不存在/);
    assert.doesNotMatch(nf.body, /at .*\.ts:\d+/);
  });
});
