import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { buildTestApp, type TestApp } from '../../test/helpers/app.ts';
import { loadDemo } from './index.ts';

describeEachDialect('demo applications', (dialect) => {
  let t: TestApp;
  before(async () => {
    // 2026-03-10 10:00 in Beijing.
    t = await buildTestApp(dialect, { now: '2026-03-10T02:00:00.000Z' });
    await loadDemo(t.services);
  });
  after(() => t.dispose());

  test('2017 reproduces the city report: 184 cases by answer, 3 extended, 14 reconsiderations and 27 lawsuits', async () => {
    const db = t.db.db;
    const rows = await db.selectFrom('applications').select(['outcome', 'outcome_detail', 'extended', 'open', 'late', 'rules']).where('year', '=', 2017).execute();
    assert.equal(rows.length, 184);
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    assert.equal(count((r) => r.outcome === 'disclose' && r.outcome_detail === 'alreadyPublished'), 31);
    assert.equal(count((r) => r.outcome === 'disclose' && r.outcome_detail === null), 38);
    assert.equal(count((r) => r.outcome === 'partial'), 6);
    assert.equal(count((r) => r.outcome!.startsWith('withhold.') && r.outcome !== 'withhold.adminQuery'), 8);
    assert.equal(count((r) => r.outcome === 'unable.notHeld' && r.outcome_detail === 'notThisAgency'), 68);
    assert.equal(count((r) => r.outcome === 'unable.notHeld' && r.outcome_detail === 'notExist'), 16);
    assert.equal(count((r) => ['other.correctionLapsed', 'withhold.adminQuery', 'decline.publication', 'decline.petition'].includes(r.outcome!)), 17);
    assert.equal(count((r) => Number(r.extended) === 1), 3);
    assert.equal(count((r) => Number(r.open) === 1), 0, 'all answered');
    assert.equal(count((r) => Number(r.late) === 1), 0);
    assert.ok(rows.every((r) => r.rules === 'cn-2007'));

    const procs = await db
      .selectFrom('application_proceedings as p')
      .innerJoin('applications as a', 'a.id', 'p.application_id')
      .select(['p.kind', 'p.result', sql<number>`count(*)`.as('n')])
      .where('a.year', '=', 2017)
      .groupBy(['p.kind', 'p.result'])
      .execute();
    const n = (kinds: string[], result: string) => procs.filter((p) => kinds.includes(p.kind) && p.result === result).reduce((s, p) => s + Number(p.n), 0);
    assert.deepEqual([n(['reconsideration'], 'upheld'), n(['reconsideration'], 'corrected'), n(['reconsideration'], 'other')], [12, 2, 0]);
    const suits = ['litigationDirect', 'litigationAfterReconsideration'];
    assert.deepEqual([n(suits, 'upheld'), n(suits, 'corrected'), n(suits, 'other'), n(suits, 'pending')], [19, 3, 5, 0]);
  });

  test('recent cases: the workbench has overdue, due-soon, paused and fresh cases today; a reload adds nothing', async () => {
    const admin = t.services.users.systemPrincipal();
    const q = { limit: 500, offset: 0 } as const;
    const overdue = await t.services.applications.queue(admin, { ...q, urgency: 'overdue' });
    const dueSoon = await t.services.applications.queue(admin, { ...q, urgency: 'dueSoon' });
    assert.ok(overdue.total >= 3, `overdue ${overdue.total}`);
    assert.ok(dueSoon.total >= 3, `due soon ${dueSoon.total}`);
    const open = await t.services.applications.queue(admin, q);
    const statuses = new Set(open.rows.map((r) => r.status));
    for (const s of ['correcting', 'consulting', 'awaitingFee', 'inProgress']) assert.ok(statuses.has(s), s);
    assert.ok(open.rows.some((r) => r.received_on === '2026-03-10'), 'received today');
    assert.ok(open.rows.filter((r) => r.agency_id === (open.tree.byCode.get('HS-JYJ')!.id)).length >= 5, 'the demo handler has work');
    const total = await t.db.db.selectFrom('applications').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    assert.ok(Number(total.n) > 400);
    await loadDemo(t.services);
    const again = await t.db.db.selectFrom('applications').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(again.n), Number(total.n));
  });
});
