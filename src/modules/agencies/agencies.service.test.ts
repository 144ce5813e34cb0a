import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor } from '../audit/index.ts';
import { canChangeAgency, canEditAgencyDetails, visibleAgencyIds, type Principal } from './index.ts';
import { AppError } from '../../kernel/errors.ts';

describeEachDialect('agency tree and permissions', (dialect) => {
  let t: TestApp;
  const principals: Record<string, Principal> = {};
  before(async () => {
    t = await buildTestApp(dialect);
    const s = t.services;
    await addAgency(s, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(s, 'HS-JY', '衡水市教育局', { parent: 'HS' });
    await addAgency(s, 'HS-CZ', '衡水市财政局', { parent: 'HS' });
    await addAgency(s, 'TC', '桃城区人民政府', { parent: 'HS', kind: 'government' });
    await addAgency(s, 'TC-JY', '桃城区教育局', { parent: 'TC' });
    await addAgency(s, 'TC-HX', '河西街道办事处', { parent: 'TC', kind: 'township' });
    await addAgency(s, 'JZ', '冀州区人民政府', { parent: 'HS', kind: 'government' });
    for (const [name, grants] of [
      ['cityauth', [['authority', 'HS']]],
      ['tcauth', [['authority', 'TC']]],
      ['editor', [['editor', 'HS-JY']]],
      ['inspector', [['inspector', 'TC']]],
      ['multi', [['handler', 'HS-JY'], ['approver', 'HS-CZ']]],
    ] as const) {
      const u = await addUser(s, name, grants as any);
      principals[name] = { userId: u.id, username: u.username, displayName: u.displayName, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
    }
  });
  after(() => t.dispose());

  const codes = async (ids: Set<string> | 'all') => {
    if (ids === 'all') return 'all';
    const tree = await t.services.agencies.tree();
    return [...ids].map((id) => tree.byId.get(id)!.code).sort();
  };

  test('an authority sees its government and everything below it, and nothing beside it', async () => {
    const tree = await t.services.agencies.tree();
    assert.deepEqual(await codes(visibleAgencyIds(principals.tcauth, tree)), ['TC', 'TC-HX', 'TC-JY']);
    assert.equal((await codes(visibleAgencyIds(principals.cityauth, tree))).length, 7);
  });

  test('an editor sees and changes its own agency only; an inspector sees below but changes nothing', async () => {
    const tree = await t.services.agencies.tree();
    assert.deepEqual(await codes(visibleAgencyIds(principals.editor, tree)), ['HS-JY']);
    const jy = tree.byCode.get('HS-JY')!.id;
    const cz = tree.byCode.get('HS-CZ')!.id;
    assert.ok(canEditAgencyDetails(principals.editor, tree, jy));
    assert.ok(!canEditAgencyDetails(principals.editor, tree, cz));
    assert.deepEqual(await codes(visibleAgencyIds(principals.inspector, tree)), ['TC', 'TC-HX', 'TC-JY']);
    assert.ok(!canChangeAgency(principals.inspector, tree, tree.byCode.get('TC-JY')!.id));
  });

  test('a user with roles in two agencies acts in each with that role only', async () => {
    const tree = await t.services.agencies.tree();
    const jy = tree.byCode.get('HS-JY')!.id;
    const cz = tree.byCode.get('HS-CZ')!.id;
    assert.ok(canChangeAgency(principals.multi, tree, jy, 'handler'));
    assert.ok(!canChangeAgency(principals.multi, tree, jy, 'approver'));
    assert.ok(canChangeAgency(principals.multi, tree, cz, 'approver'));
    assert.deepEqual(await codes(visibleAgencyIds(principals.multi, tree)), ['HS-CZ', 'HS-JY']);
  });

  test('an editor may change its contacts but not its place in the tree; others are refused', async () => {
    const updated = await t.services.agencies.update(principals.editor, cliActor, 'HS-JY', { code: 'HS-JY', name: '改名', kind: 'department', parent: 'TC', phone: '0318-2222222' });
    assert.equal(updated.phone, '0318-2222222');
    assert.equal(updated.name, '衡水市教育局');
    assert.equal((await t.services.agencies.tree()).parent(updated.id)?.code, 'HS');
    await assert.rejects(t.services.agencies.update(principals.editor, cliActor, 'HS-CZ', { code: 'HS-CZ', name: '衡水市财政局', kind: 'department', phone: '1' }), (e: AppError) => e.code === 'forbidden');
    await assert.rejects(t.services.agencies.create(principals.cityauth, cliActor, { code: 'X', name: 'X', kind: 'department' }), (e: AppError) => e.code === 'forbidden');
  });

  test('the tree cannot get a cycle, codes are unique, bad fields are reported by name', async () => {
    const admin = t.services.users.systemPrincipal();
    await assert.rejects(t.services.agencies.update(admin, cliActor, 'HS', { code: 'HS', name: '衡水市人民政府', kind: 'government', parent: 'TC-JY' }), (e: AppError) => e.code === 'validation' && e.issues[0].message === 'agency.parentCycle');
    await assert.rejects(addAgency(t.services, 'HS-JY', '重复'), (e: AppError) => e.code === 'validation' && e.issues[0].field === 'code');
    await assert.rejects(addAgency(t.services, 'apply', '与页面地址同名'), (e: AppError) => e.issues[0].message === 'validation.reserved');
    await assert.rejects(
      addAgency(t.services, 'NEW', '新机构', { creditCode: '123', email: 'not-mail', parent: 'NOPE' }),
      (e: AppError) => e.code === 'validation' && ['creditCode', 'email'].every((f) => e.issues.some((i) => i.field === f)),
    );
  });

  test('import is all or nothing and reports every bad line', async () => {
    const admin = t.services.users.systemPrincipal();
    const before = await t.services.agencies.count();
    await assert.rejects(
      t.services.agencies.importMany(admin, cliActor, [
        { line: 1, value: { code: 'JZ-JY', name: '冀州区教育局', kind: 'department', parent: 'JZ' } },
        { line: 2, value: { code: 'JZ-CZ', name: '', kind: 'department', parent: 'JZ' } },
        { line: 3, value: { code: 'JZ-WS', name: '冀州区卫健局', kind: 'ministry', parent: 'JZ' } },
      ]),
      (e: AppError) => e.code === 'validation' && e.issues.some((i) => i.field.startsWith('line 2')) && e.issues.some((i) => i.field.startsWith('line 3')),
    );
    assert.equal(await t.services.agencies.count(), before);
    const r = await t.services.agencies.importMany(admin, cliActor, [
      { line: 1, value: { code: 'JZ-JY', name: '冀州区教育局', kind: 'department', parent: 'JZ' } },
      { line: 2, value: { code: 'JZ-JY-1', name: '冀州区第一中学', kind: 'department', parent: 'JZ-JY' } },
      { line: 3, value: { code: 'JZ', name: '冀州区人民政府', kind: 'government', parent: 'HS', phone: '0318-8888888' } },
    ]);
    assert.deepEqual(r, { created: 2, updated: 1 });
    const tree = await t.services.agencies.tree();
    assert.equal(tree.parent(tree.byCode.get('JZ-JY-1')!.id)?.code, 'JZ-JY');
    assert.equal(tree.byCode.get('JZ')!.phone, '0318-8888888');
  });

  test('changes are in the audit log with who and what', async () => {
    const log = await t.services.audit.list({ action: 'agency.', limit: 100, offset: 0 });
    assert.ok(log.rows.some((r) => r.action === 'agency.update' && r.actorName === 'cli' && (r.detail as any).changed.includes('phone')));
    assert.ok(log.rows.some((r) => r.action === 'agency.import'));
  });
});
