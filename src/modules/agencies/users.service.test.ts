import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor } from '../audit/index.ts';
import type { AppError } from '../../kernel/errors.ts';

describeEachDialect('users and sessions', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JY', '衡水市教育局', { parent: 'HS' });
  });
  after(() => t.dispose());
  const ctx = { ip: '127.0.0.1', userAgent: 'test' };

  test('passwords are stored as salted scrypt hashes and the policy is enforced', async () => {
    await addUser(t.services, 'alice', [['editor', 'HS-JY']]);
    await addUser(t.services, 'bob', [['editor', 'HS-JY']]);
    const rows = await t.db.db.selectFrom('users').select(['username', 'password_hash']).execute();
    const [a, b] = rows.map((r) => r.password_hash);
    assert.match(a, /^scrypt\$/);
    assert.notEqual(a, b, 'same password, different salt');
    assert.ok(!rows.some((r) => r.password_hash.includes('Passw0rd')));
    await assert.rejects(
      t.services.users.create(t.services.users.systemPrincipal(), cliActor, { username: 'weak', displayName: 'w', password: 'short1', grants: [] }),
      (e: AppError) => e.code === 'validation' && e.issues[0].field === 'password' && e.issues[0].message === 'validation.password',
    );
  });

  test('roles need an agency, and the authority role belongs to a government', async () => {
    const admin = t.services.users.systemPrincipal();
    await assert.rejects(t.services.users.create(admin, cliActor, { username: 'xx1', displayName: 'x', password: 'Passw0rd-test', grants: [{ role: 'editor', agency: null }] }), (e: AppError) => e.issues[0]?.message === 'user.grantNeedsAgency');
    await assert.rejects(t.services.users.create(admin, cliActor, { username: 'xx2', displayName: 'x', password: 'Passw0rd-test', grants: [{ role: 'authority', agency: 'HS-JY' }] }), (e: AppError) => e.issues[0]?.message === 'user.authorityNeedsGovernment');
    await assert.rejects(t.services.users.create(admin, cliActor, { username: 'alice', displayName: 'x', password: 'Passw0rd-test', grants: [] }), (e: AppError) => e.issues[0]?.message === 'user.usernameTaken');
  });

  test('a session lasts its time, and disabling the user ends it', async () => {
    await addUser(t.services, 'carol', [['handler', 'HS-JY']]);
    const { token, principal } = await t.services.users.signIn('carol', 'Passw0rd-test', ctx);
    assert.equal(principal.grants[0].role, 'handler');
    assert.equal((await t.services.users.principalForToken(token))?.username, 'carol');
    t.clock.advance(13 * 3600_000);
    assert.equal(await t.services.users.principalForToken(token), null, 'expired after the session lifetime');
    const again = await t.services.users.signIn('carol', 'Passw0rd-test', ctx);
    await t.services.users.setDisabled(t.services.users.systemPrincipal(), cliActor, 'carol', true);
    assert.equal(await t.services.users.principalForToken(again.token), null);
    await assert.rejects(t.services.users.signIn('carol', 'Passw0rd-test', ctx), (e: AppError) => e.code === 'accountDisabled');
  });

  test('a user changes their own password only with the current one; an admin reset ends their sessions', async () => {
    const alice = await t.services.users.signIn('alice', 'Passw0rd-test', ctx);
    const actor = { userId: alice.principal.userId, name: 'alice', ip: null };
    await assert.rejects(t.services.users.setPassword(alice.principal, actor, 'alice', 'NewPassw0rd-1', 'wrong'), (e: AppError) => e.issues[0]?.message === 'user.currentPasswordWrong');
    await assert.rejects(t.services.users.setPassword(alice.principal, actor, 'bob', 'NewPassw0rd-1'), (e: AppError) => e.code === 'forbidden');
    await t.services.users.setPassword(alice.principal, actor, 'alice', 'NewPassw0rd-1', 'Passw0rd-test');
    await t.services.users.signIn('alice', 'NewPassw0rd-1', ctx);
    await t.services.users.setPassword(t.services.users.systemPrincipal(), cliActor, 'alice', 'Reset-passw0rd');
    assert.equal(await t.services.users.principalForToken(alice.token), null);
  });

  test('unknown users and wrong passwords get the same answer, and both are logged', async () => {
    await assert.rejects(t.services.users.signIn('nobody', 'whatever1x', ctx), (e: AppError) => e.code === 'badCredentials');
    await assert.rejects(t.services.users.signIn('bob', 'whatever1x', ctx), (e: AppError) => e.code === 'badCredentials');
    const log = await t.services.audit.list({ action: 'auth.signInFailed', limit: 10, offset: 0 });
    assert.deepEqual(log.rows.slice(0, 2).map((r) => [r.actorName, r.ip, (r.detail as any).reason]).sort(), [['bob', '127.0.0.1', 'password'], ['nobody', '127.0.0.1', 'unknownUser']]);
  });
});
