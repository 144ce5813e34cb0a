import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { lockout } from './index.ts';

describeEachDialect('back office: users', (dialect) => {
  let t: TestApp;
  let admin: Browser;
  let editor: Browser;
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    await addAgency(t.services, 'HS-SJJ', '衡水市审计局', { parent: 'HS' });
    await addUser(t.services, 'admin1', [['admin', null]]);
    await addUser(t.services, 'ed1', [['editor', 'HS-CZJ']]);
    admin = new Browser(t.app);
    await admin.signIn('admin1');
    editor = new Browser(t.app);
    await editor.signIn('ed1');
  });
  after(() => t.dispose());

  test('an administrator creates a user with two grants, and the user can sign in', async () => {
    const res = await admin.submit('/admin/users/new', '/admin/users/new', {
      username: 'zhang.wei',
      displayName: '张伟',
      password: 'Chushi-mima-2026',
      'grants.0.role': 'editor',
      'grants.0.agency': 'HS-CZJ',
      'grants.1.role': '',
      'grants.1.agency': '',
      'grants.2.role': 'handler',
      'grants.2.agency': 'HS-SJJ',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/users/zhang.wei?done=created');
    const list = await admin.get('/admin/users');
    assert.match(list.body, /zhang\.wei/);
    assert.match(list.body, /信息编辑 · 衡水市财政局/);
    assert.match(list.body, /依申请公开承办人 · 衡水市审计局/);

    const user = new Browser(t.app);
    await user.signIn('zhang.wei', 'Chushi-mima-2026');
    const home = await user.get('/admin');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /张伟，您好/);
    assert.match(home.body, /依申请公开承办人 · 衡水市审计局/);
  });

  test('a new user with problems is refused field by field, keeping what was typed', async () => {
    const res = await admin.submit('/admin/users/new', '/admin/users/new', {
      username: 'x',
      displayName: '李娜',
      password: 'short',
      'grants.0.role': 'authority',
      'grants.0.agency': 'HS-CZJ',
      'grants.1.role': '',
      'grants.1.agency': 'HS-SJJ',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-username-error">用户名为 3–32 位/);
    assert.match(res.body, /id="f-password-error">密码至少 10 位/);
    assert.match(res.body, /id="f-grants-1-role-error">已选择机构，请同时选择角色/);
    assert.match(res.body, /value="李娜"/);
    assert.match(res.body, /<option value="HS-SJJ" selected>/);
    // The authority role needs a government: reported on its row once the rest is right.
    const res2 = await admin.submit('/admin/users/new', '/admin/users/new', { username: 'li.na', displayName: '李娜', password: 'Chushi-mima-2026', 'grants.0.role': 'authority', 'grants.0.agency': 'HS-CZJ' });
    assert.equal(res2.statusCode, 400);
    assert.match(res2.body, /id="f-grants-0-agency-error">政务公开主管部门角色只能授予人民政府/);
    assert.equal((await t.services.audit.list({ action: 'user.create', limit: 10, offset: 0 })).rows.some((r) => r.targetLabel === 'li.na'), false);
  });

  test('more grant rows can be added without JavaScript, keeping the form', async () => {
    const res = await admin.submit('/admin/users/new', '/admin/users/new', { op: 'addRow', username: 'wang.fang', displayName: '王芳', 'grants.0.role': 'editor', 'grants.0.agency': 'HS-CZJ', rows: '5' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /name="grants\.5\.role"/);
    assert.match(res.body, /value="wang\.fang"/);
    assert.equal(await t.services.users.userCount(), 3, 'nothing was saved');
  });

  test('an administrator edits name and grants, resets a password, and unlocks a locked account', async () => {
    await addUser(t.services, 'liu.yang', [['editor', 'HS-CZJ']]);
    const res = await admin.submit('/admin/users/liu.yang', '/admin/users/liu.yang', { displayName: '刘洋', 'grants.0.role': 'approver', 'grants.0.agency': 'HS-SJJ' });
    assert.equal(res.statusCode, 303);
    const u = await t.services.users.get(t.services.users.systemPrincipal(), 'liu.yang');
    assert.equal(u.displayName, '刘洋');
    assert.deepEqual(u.grants.map((g) => [g.role, g.agencyCode]), [['approver', 'HS-SJJ']]);

    const mismatch = await admin.submit('/admin/users/liu.yang', '/admin/users/liu.yang/password', { password: 'Neue-Passw0rt', confirm: 'Neue-Passw0rd' });
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /两次输入的新密码不一致/);
    const reset = await admin.submit('/admin/users/liu.yang', '/admin/users/liu.yang/password', { password: 'Neue-Passw0rt', confirm: 'Neue-Passw0rt' });
    assert.equal(reset.statusCode, 303);

    const b = new Browser(t.app);
    for (let i = 0; i < lockout.maxFailures; i++) await b.submit('/admin/sign-in', '/admin/sign-in', { username: 'liu.yang', password: 'wrong-pass-1' });
    const list = await admin.get('/admin/users');
    assert.match(list.body, /已临时锁定（至 /);
    const page = await admin.get('/admin/users/liu.yang');
    assert.match(page.body, /解除锁定/);
    const un = await admin.submit('/admin/users/liu.yang', '/admin/users/liu.yang/unlock', {});
    assert.equal(un.statusCode, 303);
    await b.signIn('liu.yang', 'Neue-Passw0rt');
    assert.equal((await b.get('/admin')).statusCode, 200);
  });

  test('disabling a user ends their session at once', async () => {
    await addUser(t.services, 'zhao.lei', [['editor', 'HS-SJJ']]);
    const victim = new Browser(t.app);
    await victim.signIn('zhao.lei');
    assert.equal((await victim.get('/admin')).statusCode, 200);
    const res = await admin.submit('/admin/users/zhao.lei', '/admin/users/zhao.lei/disable', {});
    assert.equal(res.statusCode, 303);
    const after = await victim.get('/admin');
    assert.equal(after.statusCode, 303);
    assert.match(after.headers.location as string, /^\/admin\/sign-in/);
    const list = await admin.get('/admin/users?q=zhao');
    assert.match(list.body, /<strong>已停用<\/strong>/);
    assert.doesNotMatch(list.body, /liu\.yang/, 'the filter applies');
  });

  test('an administrator cannot disable their own account', async () => {
    const res = await admin.submit('/admin/users/admin1', '/admin/users/admin1/disable', {});
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /不能停用自己的账号/);
  });

  test('an editor gets 403 on the user pages', async () => {
    assert.equal((await editor.get('/admin/users')).statusCode, 403);
    assert.equal((await editor.get('/admin/users/new')).statusCode, 403);
    assert.equal((await editor.get('/admin/users/admin1')).statusCode, 403);
    const post = await editor.submit('/admin/account', '/admin/users/ed1/disable', {});
    assert.equal(post.statusCode, 403);
    assert.match(post.body, /您没有权限访问该页面或执行该操作/);
  });

  test('every user changes their own password with the current one', async () => {
    const wrong = await editor.submit('/admin/account', '/admin/account', { currentPassword: 'not-it-123', password: 'Xin-mima-12345', confirm: 'Xin-mima-12345' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /id="f-currentPassword-error">当前密码不正确/);
    const weak = await editor.submit('/admin/account', '/admin/account', { currentPassword: 'Passw0rd-test', password: 'abc', confirm: 'abc' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /id="f-password-error">密码至少 10 位/);
    const ok = await editor.submit('/admin/account', '/admin/account', { currentPassword: 'Passw0rd-test', password: 'Xin-mima-12345', confirm: 'Xin-mima-12345' });
    assert.equal(ok.statusCode, 303);
    assert.match((await editor.get(ok.headers.location as string)).body, /密码已修改/);
    const again = new Browser(t.app);
    await again.signIn('ed1', 'Xin-mima-12345');
  });
});
