import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, buildTestApp, Browser, type TestApp } from '../../../test/helpers/app.ts';
import { cli } from '../../../test/helpers/cli.ts';

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

describeEachDialect('API tokens: My account → API tokens, and the CLI', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局');
    await addUser(t.services, 'handler', [['handler', 'HS-JYJ']]);
  });
  after(() => t.dispose());

  test('the page shows a new token once; it works on the API until it is revoked on the page', async () => {
    const b = new Browser(t.app);
    await b.signIn('handler');
    const empty = await b.get('/admin/account/tokens');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<h1>API 令牌<\/h1>/);
    assert.match(text(empty.body), /您还没有 API 令牌/);

    const created = await b.submit('/admin/account/tokens', '/admin/account/tokens', { name: '办件系统对接', days: '30' });
    assert.equal(created.statusCode, 200);
    const token = /value="(gk_[A-Za-z0-9_-]{43})"/.exec(created.body)?.[1];
    assert.ok(token, 'the new token is on the page');
    assert.match(text(created.body), /只显示这一次/);
    assert.match(text(created.body), /有效期至 2026-04-01 10:00/);

    const again = await b.get('/admin/account/tokens');
    assert.ok(!again.body.includes(token), 'shown only once');
    assert.match(text(again.body), /办件系统对接 gk_/);
    assert.match(text(again.body), /有效/);

    const api = await t.app.inject({ url: '/api/v1/staff/applications', headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.statusCode, 200);
    assert.match(text((await b.get('/admin/account/tokens')).body), /2026-03-02 10:00 有效/, 'last use is shown');

    const [k] = await t.services.apiTokens.list(t.services.users.systemPrincipal(), 'handler');
    const revoked = await b.submit('/admin/account/tokens', `/admin/account/tokens/${k.id}/revoke`, {});
    assert.equal(revoked.statusCode, 303);
    const after = await b.get(revoked.headers.location as string);
    assert.match(text(after.body), /令牌已撤销/);
    assert.match(text(after.body), /已撤销/);
    assert.equal((await t.app.inject({ url: '/api/v1/staff/applications', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  });

  test('a bad expiry re-renders the form with the name kept and the message in the user’s language; signed out goes to sign-in', async () => {
    const b = new Browser(t.app);
    await b.signIn('handler');
    const res = await b.submit('/admin/account/tokens', '/admin/account/tokens', { name: '年度报表', days: '400' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /value="年度报表"/);
    assert.match(text(res.body), /有效天数应为 1 至 365 之间的整数/);
    await b.get('/admin?lang=en');
    const en = await b.submit('/admin/account/tokens', '/admin/account/tokens', { name: '', days: '30' });
    assert.equal(en.statusCode, 400);
    assert.match(text(en.body), /Name/);
    assert.doesNotMatch(en.body, /apiTokens\./);

    const anon = await t.app.inject({ url: '/admin/account/tokens' });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/admin\/sign-in/);
  });
});

test('gongkai user token create / list / revoke', async () => {
  const { createTestDbUrl } = await import('../../../test/helpers/db.ts');
  const { url, dispose } = await createTestDbUrl('sqlite');
  try {
    assert.equal((await cli(url, ['migrate'])).code, 0);
    assert.equal((await cli(url, ['agency', 'add', '--code', 'HS-JYJ', '--name', '衡水市教育局', '--kind', 'department'])).code, 0);
    assert.equal((await cli(url, ['user', 'add', '--username', 'handler1', '--name', '经办人', '--role', 'handler:HS-JYJ', '--password', 'Passw0rd-test'])).code, 0);
    const made = await cli(url, ['user', 'token', 'create', 'handler1', '--name', 'sync', '--days', '7', '--json']);
    assert.equal(made.code, 0, made.err);
    const j = JSON.parse(made.out);
    assert.match(j.token, /^gk_/);
    assert.equal(j.state, 'active');
    const list = await cli(url, ['user', 'token', 'list', 'handler1']);
    assert.match(list.out, /sync/);
    assert.ok(!list.out.includes(j.token), 'the list never shows the token');
    const bad = await cli(url, ['user', 'token', 'create', 'handler1', '--name', 'x', '--days', '400']);
    assert.equal(bad.code, 2);
    const rev = await cli(url, ['user', 'token', 'revoke', j.id]);
    assert.equal(rev.code, 0, rev.err);
    assert.match(rev.out, /revoked/);
    assert.match((await cli(url, ['user', 'token', 'list', 'handler1'])).out, /revoked/);
  } finally {
    await dispose();
  }
});
