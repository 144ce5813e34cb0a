import { after, before } from 'node:test';
import { sql } from 'kysely';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { dependentSteps } from '../../../test/e2e/harness.ts';
import { actorOf, addAgency, addUser, asPrincipal, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { caseLine, importCases } from '../../../test/helpers/applications.ts';
import { cliActor } from '../audit/index.ts';
import { createApplicationsRepository } from '../applications/index.ts';
import { createPublicationsRepository } from '../catalog/index.ts';
import { recountApplications, recountPublications } from '../../storage/migrations/0012_report_counts.ts';

// The counts the annual reports read (storage/counts.ts, report-counts.ts of applications and catalog) are kept
// by every write of a case, a proceeding or an item. Migration 0012 computes the same counts from the records in
// SQL. After every kind of change the two must agree: a disagreement is a report whose figures are wrong.
// The steps build on each other (one city's records, changed step by step).

const TODAY = '2026-03-02';

async function countRows(db: Kysely<any>) {
  const rows = async (table: string) =>
    (await db.selectFrom(table).selectAll().execute())
      .filter((r) => Number(r.n) !== 0)
      .map((r) => `${r.agency_id} ${r.year} ${r.fine ?? ''} ${r.cell} ${Number(r.n)}`)
      .sort();
  return { applications: await rows('application_counts'), publications: await rows('publication_counts'), inForce: await rows('publication_in_force') };
}

describeEachDialect('report counts kept as records change', (dialect) => {
  let t: TestApp;
  const sys = () => t.services.users.systemPrincipal();
  const ids = new Map<string, string>();
  const test = dependentSteps();

  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    for (const a of (await t.services.agencies.tree()).byCode.values()) ids.set(a.code, a.id);
    if (dialect === 'postgres') {
      // A database created with a Chinese locale (a plain `createdb` on a zh_CN machine) orders text by that locale,
      // not by code point: the counts must read the same.
      for (const table of ['application_counts', 'publication_counts', 'publication_in_force']) {
        await sql`alter table ${sql.table(table)} alter column cell type text collate "zh-Hans-CN-x-icu"`.execute(t.db.db);
      }
    }
  });
  after(() => t.dispose());

  test('after imports, answers, withdrawals, fees, proceedings, publishing, revising, withdrawing and expiry, the kept counts equal a recount from the records', async () => {
    const db = t.db.db;
    await importCases(t.services, db, [
      // received 2023, answered 2025: carried over into 2024 and 2025
      caseLine('HS-JYJ', 'natural', '2023-12-20', { on: '2025-01-06', outcome: 'disclose' }, { ref: 'C1' }),
      caseLine('HS-JYJ', 'commercial', '2025-03-03', { on: '2025-03-20', outcome: 'partial' }, { ref: 'C2', channel: 'letter' }),
      // received in 2025, open: answered below (2026)
      caseLine('HS-JYJ', 'natural', '2025-12-22', null, { ref: 'C3' }),
      // open: withdrawn below
      caseLine('HS-CZJ', 'natural', '2026-02-16', null, { ref: 'C4' }),
      // open, a fee notified: paid below
      caseLine('HS-CZJ', 'commercial', '2026-02-17', null, { ref: 'C5', events: [{ type: 'feeNotified', on: '2026-02-24', amount: 100, basis: 'perCase', quantity: 1 }] }),
      // answered 2025, reconsideration filed 2025 and decided 2026; litigation filed and pending
      caseLine('HS', 'natural', '2025-04-01', { on: '2025-04-20', outcome: 'withhold.thirdParty' }, {
        ref: 'C6',
        proceedings: [
          { kind: 'reconsideration', body: '衡水市人民政府', filedOn: '2025-05-10', decidedOn: '2026-01-15', result: 'corrected' },
          { kind: 'litigationDirect', body: '衡水市桃城区人民法院', filedOn: '2025-06-01', decidedOn: null, result: 'pending' },
        ],
      }),
      // answered 2025: a reconsideration filed and decided below
      caseLine('HS', 'commercial', '2025-05-06', { on: '2025-05-20', outcome: 'unable.notHeld' }, { ref: 'C7' }),
    ]);
    const repo = createApplicationsRepository(db);
    const caseId = async (agency: string, ref: string) => (await repo.byRef(ids.get(agency)!, ref))!.id;
    const act = async (agency: string, ref: string, input: object) => {
      const handler = asPrincipal(await addUser(t.services, `handler-${agency}-${ref}-${Object.values(input)[0]}`.toLowerCase(), [['handler', agency]]));
      return t.services.applications.act(handler, actorOf(handler), await caseId(agency, ref), input);
    };
    await act('HS-JYJ', 'C3', { action: 'answer', on: TODAY, outcome: 'disclose' });
    await act('HS-CZJ', 'C4', { action: 'withdraw', on: TODAY, reason: '申请人撤回' });
    await act('HS-CZJ', 'C5', { action: 'recordPayment', on: TODAY });
    await act('HS', 'C7', { action: 'fileProceeding', kind: 'reconsideration', body: '衡水市人民政府', filedOn: '2026-01-05' });
    const c7 = await t.services.applications.view(asPrincipal(await addUser(t.services, 'authority-hs', [['authority', 'HS']])), await caseId('HS', 'C7'));
    await act('HS', 'C7', { action: 'decideProceeding', proceedingId: c7.state.proceedings[0]!.id, result: 'upheld', decidedOn: TODAY });

    const publish = async (agency: string, input: Record<string, unknown>) => {
      const d = await t.services.publications.createDraft(sys(), cliActor, agency, { kind: 'normativeDocument', topic: '综合政务/政务公开', ...input } as never);
      await t.services.publications.submit(sys(), cliActor, d.id);
      await t.services.publications.approve(sys(), cliActor, d.id, { confidentialityReviewed: true });
      return d.id;
    };
    const joint = { title: '关于规范校外培训的通知', docNo: '衡政规〔2025〕3号', writtenOn: '2025-04-01', coIssuers: ['HS-JYJ'], validity: { status: 'inForce', from: '2025-04-01', until: null } };
    const jointId = await publish('HS', joint);
    // revised: another written date and one more co-issuer
    await t.services.publications.revise(sys(), cliActor, jointId, { kind: 'normativeDocument', topic: '综合政务/政务公开', ...joint, writtenOn: '2024-11-20', coIssuers: ['HS-JYJ', 'HS-CZJ'] } as never, '更正成文日期');
    const ceasing = await publish('HS-CZJ', { title: '财政专项资金管理暂行办法', docNo: '衡财规〔2023〕1号', writtenOn: '2023-05-01', validity: { status: 'inForce', from: '2023-05-01', until: '2025-12-31' } });
    const withdrawn = await publish('HS-JYJ', { title: '教育收费管理办法', docNo: '衡教规〔2024〕2号', writtenOn: '2024-02-01', validity: { status: 'inForce', from: '2024-02-01', until: null } });
    await publish('HS-JYJ', { kind: 'notice', title: '关于开展2026年招生工作的通知', body: '通知正文（演示）' });
    await t.services.publications.withdraw(sys(), cliActor, withdrawn, '已被新文件替代');
    assert.equal(await t.services.publications.applyValidityEndDates(cliActor), 1, 'the document whose last day was 2025-12-31 expires');
    void ceasing;

    const kept = await countRows(db);
    // What the records say, counted from scratch.
    await recountApplications(db);
    await recountPublications(db);
    assert.deepEqual(kept, await countRows(db));

    // And the figures are the ones a reader expects.
    const jyj = ids.get('HS-JYJ')!;
    const counts2025 = await repo.reportCounts([jyj], 2025);
    assert.deepEqual(counts2025.openAtStart, [{ agencyId: jyj, applicantType: 'natural', n: 1 }], 'C1, received in 2023, was open on 1 January 2025');
    assert.deepEqual(counts2025.openAtEnd, [{ agencyId: jyj, applicantType: 'natural', n: 1 }], 'C3 was open on 31 December 2025');
    const counts2026 = await repo.reportCounts([jyj], 2026);
    assert.deepEqual(counts2026.openAtStart, [{ agencyId: jyj, applicantType: 'natural', n: 1 }], 'C3, answered in 2026, is carried over into 2026');
    assert.deepEqual(counts2026.openAtEnd, []);
    const hs = await repo.reportCounts([ids.get('HS')!], 2025);
    assert.deepEqual(
      hs.proceedingsPending.map((p) => `${p.kind} ${p.n}`).sort(),
      ['litigationDirect 1', 'reconsideration 1'],
      'at the end of 2025 the reconsideration (decided 2026) and the litigation (undecided) were pending',
    );
    assert.deepEqual((await repo.reportCounts([ids.get('HS-CZJ')!], 2026)).fees.map((f) => f.amount), [100]);
  });

  test("table 二's counts: a joint document counts for each issuer, once for the scope, also when its lead agency is outside it", async () => {
    const catalog = createPublicationsRepository(t.db.db);
    const [jyj, czj, hs] = ['HS-JYJ', 'HS-CZJ', 'HS'].map((c) => ids.get(c)!);
    const doc = (r: Awaited<ReturnType<typeof catalog.reportCounts>>, agencyId: string) => r.documents.find((d) => d.agencyId === agencyId && d.kind === 'normativeDocument');
    // 2024: the joint document (written 2024-11-20 after its revision) and the education bureau's own (withdrawn since).
    const y2024 = await catalog.reportCounts([jyj, czj], 2024);
    assert.equal(doc(y2024, jyj)?.issued, 1);
    assert.equal(doc(y2024, czj)?.issued, 1);
    assert.deepEqual(y2024.documentsDistinct, [{ kind: 'normativeDocument', issued: 1, published: 0, repealed: 0, inForce: 2 }], 'led by the city, outside the scope: once');
    // 2025: both still in force on 31 December (the finance bureau's last day); both were published in 2026.
    const whole2025 = await catalog.reportCounts([hs, jyj, czj], 2025);
    assert.deepEqual(whole2025.documentsDistinct, [{ kind: 'normativeDocument', issued: 0, published: 0, repealed: 0, inForce: 2 }]);
    assert.equal(doc(whole2025, czj)?.inForce, 2, 'the joint document and its own');
    // 2026: both published, the finance bureau's ceased on 1 January.
    const whole2026 = await catalog.reportCounts([hs, jyj, czj], 2026);
    assert.deepEqual(whole2026.documentsDistinct, [{ kind: 'normativeDocument', issued: 0, published: 2, repealed: 1, inForce: 1 }]);
    assert.deepEqual(whole2026.published.map((p) => `${p.kind} ${p.n}`).sort(), ['normativeDocument 1', 'normativeDocument 1', 'notice 1']);
  });

  test('two withdrawals of one item at the same moment (a double click) leave the counts right', async () => {
    const d = await t.services.publications.createDraft(sys(), cliActor, 'HS-JYJ', {
      kind: 'normativeDocument', topic: '综合政务/政务公开', title: '学生资助管理办法', docNo: '衡教规〔2025〕9号', writtenOn: '2025-09-01', validity: { status: 'inForce', from: '2025-09-01', until: null },
    } as never);
    await t.services.publications.submit(sys(), cliActor, d.id);
    await t.services.publications.approve(sys(), cliActor, d.id, { confidentialityReviewed: true });
    await Promise.allSettled([t.services.publications.withdraw(sys(), cliActor, d.id, '发布有误'), t.services.publications.withdraw(sys(), cliActor, d.id, '发布有误')]);
    assert.equal((await t.services.publications.staffGet(sys(), d.id)).status, 'withdrawn');
    const kept = await countRows(t.db.db);
    await recountPublications(t.db.db);
    assert.deepEqual(kept, await countRows(t.db.db));
  });
});
