import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, asPrincipal, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { residentId } from '../../../test/helpers/applications.ts';
import { cliActor } from '../audit/index.ts';
import { createApplicationsRepository, importApplications, type ApplicationImportLine } from '../applications/index.ts';
import type { AppError } from '../../kernel/errors.ts';
import { failedChecks } from './checks.ts';

const line = (ref: string, over: Partial<ApplicationImportLine>): ApplicationImportLine => ({
  ref,
  agency: 'HS-JYJ',
  applicant: { type: 'natural', name: '张某甲', idType: 'residentId', idNumber: residentId(Number(ref.replace(/\D/g, '')) || 1, '139900'), phone: '0318-0900001', address: '衡水市桃城区人民路1号（演示地址）' },
  channel: 'online',
  receivedAt: '2025-03-03',
  rules: 'cn-2019',
  description: '申请公开2025年义务教育阶段学校招生划片范围。',
  form: 'electronic',
  delivery: 'online',
  events: [],
  proceedings: [],
  ...over,
});

describeEachDialect('annual reports service', (dialect) => {
  let t: TestApp;
  const sys = () => t.services.users.systemPrincipal();

  before(async () => {
    // 2026-03-02 10:00 Beijing: the 2025 reports are being written; departments' were due 31 January.
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    const lines = [
      // received in 2024, answered in 2025: carried over into 2025
      line('R1', { receivedAt: '2024-12-16', events: [{ type: 'answered', on: '2025-01-08', outcome: 'disclose', detail: null }] }),
      // received and still open at the end of 2025: carried forward
      line('R2', { agency: 'HS-CZJ', receivedAt: '2025-11-20' }),
      // withdrawn: closed without an outcome, counts in （六）3
      line('R3', { agency: 'HS', receivedAt: '2025-05-06', channel: 'letter', events: [{ type: 'withdrawn', on: '2025-05-12' }] }),
      // a fee paid in 2025
      line('R4', {
        receivedAt: '2025-02-10',
        events: [
          { type: 'feeNotified', on: '2025-02-20', amount: 100, basis: 'perCase', quantity: 1 },
          { type: 'feePaid', on: '2025-02-25' },
          { type: 'answered', on: '2025-03-10', outcome: 'disclose', detail: null },
        ],
      }),
      // withheld, reconsidered (upheld in 2025), then sued (pending at the end of 2025)
      line('R5', {
        events: [{ type: 'answered', on: '2025-03-20', outcome: 'withhold.thirdParty', detail: null, reasons: '涉及个人隐私，第三方不同意公开。' }],
        proceedings: [
          { kind: 'reconsideration', body: '衡水市人民政府', filedOn: '2025-04-10', decidedOn: '2025-06-10', result: 'upheld' },
          { kind: 'litigationAfterReconsideration', body: '衡水市中级人民法院', filedOn: '2025-06-20', decidedOn: null, result: 'pending' },
        ],
      }),
    ];
    const s = await importApplications(
      { repo: createApplicationsRepository(t.db.db), agencies: t.services.agencies, calendar: t.services.calendar, clock: t.services.clock, audit: t.services.audit },
      () => Readable.from([lines.map((l) => JSON.stringify(l)).join('\n')]),
      { actor: cliActor },
    );
    assert.deepEqual(s.issues, []);
    // A normative document issued jointly by the city and its education bureau in 2025, and one of the finance
    // bureau's from 2023 that ceased on 30 June 2025.
    const publish = async (agency: string, input: Record<string, unknown>) => {
      const d = await t.services.publications.createDraft(sys(), cliActor, agency, { kind: 'normativeDocument', topic: '综合政务/政务公开', ...input } as never);
      await t.services.publications.submit(sys(), cliActor, d.id);
      await t.services.publications.approve(sys(), cliActor, d.id, { confidentialityReviewed: true });
    };
    await publish('HS', { title: '关于进一步规范校外培训机构管理的通知', docNo: '衡政规〔2025〕3号', writtenOn: '2025-04-01', coIssuers: ['HS-JYJ'], validity: { status: 'inForce', from: '2025-04-01', until: null } });
    await publish('HS-CZJ', { title: '衡水市财政专项资金管理暂行办法', docNo: '衡财规〔2023〕1号', writtenOn: '2023-05-01', validity: { status: 'repealed', from: '2023-05-01', until: '2025-06-30' } });
  });
  after(() => t.dispose());

  test("a department's report: 一 received, 二 carried over, 三 by outcome, 四 carried forward, table 四 and the fees", async () => {
    const r = await t.services.reports.compile(sys(), { agency: 'HS-JYJ', year: 2025 });
    assert.equal(r.scope, 'agency');
    assert.equal(r.json.format, '2021');
    const rows = r.json.table3.rows;
    assert.deepEqual(rows.received, [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(rows.carriedOver, [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(rows.disclose, [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(rows['withhold.thirdParty'], [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(rows.total, [3, 0, 0, 0, 0, 0, 3]);
    assert.deepEqual(rows.carriedForward, [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(r.json.table4.reconsideration, [1, 0, 0, 0, 1]);
    assert.deepEqual(r.json.table4.litigationAfterReconsideration, [0, 0, 0, 1, 1]);
    assert.deepEqual(failedChecks(r.json.checks), []);
    assert.equal(r.feesCollected, 100);
    assert.match(r.resolved.other, /收取信息处理费100元/);
    assert.match(r.resolved.overview, /全年新收政府信息公开申请2件，上年结转1件，办结3件/);
    // The year before: the case received in December 2024 was carried forward.
    const prev = await t.services.reports.compile(sys(), { agency: 'HS-JYJ', year: 2024 });
    assert.deepEqual(prev.json.table3.rows.carriedForward, [1, 0, 0, 0, 0, 0, 1]);
  });

  test("the city's roll-up: every agency's part, their sum, and a joint document counted once", async () => {
    const r = await t.services.reports.compile(sys(), { agency: 'HS', year: 2025 });
    assert.equal(r.scope, 'rollup');
    assert.deepEqual(r.json.parts!.map((p) => p.agency), ['HS', 'HS-CZJ', 'HS-JYJ'], "the tree's order");
    assert.deepEqual(r.json.table3.rows.received, [4, 0, 0, 0, 0, 0, 4]);
    assert.deepEqual(r.json.table3.rows['other.other'], [1, 0, 0, 0, 0, 0, 1], 'the withdrawn case');
    assert.deepEqual(r.json.table3.rows.carriedForward, [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(failedChecks(r.json.checks), []);
    assert.ok(r.json.checks.some((c) => c.rule === 'rollup.sum'));
    assert.deepEqual(r.json.table2!.normativeDocuments, [1, 1, 1]);
    const part = (code: string) => r.json.parts!.find((p) => p.agency === code)!.table2!.normativeDocuments;
    assert.deepEqual(part('HS'), [1, 0, 1]);
    assert.deepEqual(part('HS-JYJ'), [1, 0, 1], 'the co-issuer counts it too');
    assert.deepEqual(part('HS-CZJ'), [0, 1, 0]);
    // Its own records only (scope agency): the withdrawn case.
    const own = await t.services.reports.compile(sys(), { agency: 'HS', year: 2025, scope: 'agency' });
    assert.deepEqual(own.json.table3.rows.received, [1, 0, 0, 0, 0, 0, 1]);
    assert.equal(own.json.parts, undefined);
    // Trend: 2024 (one case received, still open at its end) and 2025.
    assert.deepEqual(r.trend.map((p) => [p.year, p.received, p.closed, p.carriedForward]), [[2024, 1, 0, 1], [2025, 4, 4, 1]]);
  });

  test('entered figures need a source and valid values, and land in table 二 (summed in the roll-up)', async () => {
    const err = await t.services.reports.saveFigures(sys(), cliActor, 'HS-JYJ', 2025, [{ key: 'permits.decisions', value: -1, source: '' }]).catch((e: AppError) => e);
    assert.deepEqual((err as AppError).issues.map((i) => i.message), ['reports.validation.figureValue', 'reports.validation.sourceRequired']);
    const decimals = await t.services.reports.saveFigures(sys(), cliActor, 'HS-JYJ', 2025, [{ key: 'fees.amount', value: 1.234, source: '非税收入系统' }]).catch((e: AppError) => e);
    assert.deepEqual((decimals as AppError).issues.map((i) => i.message), ['reports.validation.figureDecimals']);
    // Amounts with two decimals that binary floating point cannot hold exactly are fine (1264.37 * 100 = 126436.99999999999).
    await t.services.reports.saveFigures(sys(), cliActor, 'HS-JYJ', 2025, [
      { key: 'permits.decisions', value: 120, source: '政务服务系统' },
      { key: 'fees.amount', value: 1264.37, source: '非税收入系统' },
    ]);
    await t.services.reports.saveFigures(sys(), cliActor, 'HS-CZJ', 2025, [{ key: 'permits.decisions', value: 30, source: '政务服务系统' }]);
    const r = await t.services.reports.compile(sys(), { agency: 'HS', year: 2025 });
    assert.deepEqual(r.json.table2!.permits, [150]);
    assert.deepEqual(r.json.table2!.fees, [1264.37]);
    assert.deepEqual(failedChecks(r.json.checks), []);
    assert.ok(r.figures.some((f) => f.agency === 'HS-JYJ' && f.key === 'permits.decisions' && f.source === '政务服务系统'));
    // Clearing one
    await t.services.reports.saveFigures(sys(), cliActor, 'HS-CZJ', 2025, [{ key: 'permits.decisions', value: null, source: '' }]);
    assert.deepEqual((await t.services.reports.compile(sys(), { agency: 'HS', year: 2025 })).json.table2!.permits, [120]);
  });

  test('texts: placeholders must name a figure of the report; the saved text resolves to the tables', async () => {
    const err = await t.services.reports.saveTexts(sys(), cliActor, { agency: 'HS-JYJ', year: 2025 }, { overview: '共收到申请{table3.received.total}件，{table3.recieved.total}件。' }).catch((e: AppError) => e);
    assert.equal((err as AppError).issues[0]!.message, 'reports.validation.unknownPlaceholder');
    assert.equal((err as AppError).issues[0]!.params!.names, '{table3.recieved.total}');
    await t.services.reports.saveTexts(sys(), cliActor, { agency: 'HS-JYJ', year: 2025 }, { overview: '共收到申请{table3.received.total}件，其中自然人{table3.received.natural}件。' });
    const r = await t.services.reports.compile(sys(), { agency: 'HS-JYJ', year: 2025 });
    assert.equal(r.resolved.overview, '共收到申请2件，其中自然人2件。');
    assert.equal(r.texts.overview, '共收到申请{table3.received.total}件，其中自然人{table3.received.natural}件。');
  });

  test('submit, approve: the report becomes a catalog publication with an index number, frozen as published', async () => {
    const editor = asPrincipal(await addUser(t.services, 'jyj-editor', [['editor', 'HS-JYJ']]));
    const authority = asPrincipal(await addUser(t.services, 'hs-authority', [['authority', 'HS']]));
    const other = asPrincipal(await addUser(t.services, 'czj-editor', [['editor', 'HS-CZJ']]));
    const key = { agency: 'HS-JYJ', year: 2025 };
    await assert.rejects(t.services.reports.submit(other, cliActor, key), (e: AppError) => e.code === 'notFound');
    await t.services.reports.submit(editor, cliActor, key);
    await assert.rejects(t.services.reports.approve(editor, cliActor, key), (e: AppError) => e.code === 'forbidden');
    const before = await t.services.reports.deadlines(authority, 2025);
    const row = (code: string) => before.find((d) => d.agency.code === code)!;
    assert.equal(row('HS-JYJ').status, 'submitted');
    assert.equal(row('HS-JYJ').overdue, true, 'due 31 January');
    assert.equal(row('HS').dueOn, '2026-03-31');
    assert.equal(row('HS').overdue, false);
    const { publicationId, indexNo } = await t.services.reports.approve(authority, cliActor, key);
    assert.ok(indexNo);
    const pub = await t.services.publications.publicGet(publicationId);
    assert.equal(pub.kind, 'annualReport');
    assert.equal(pub.title, '衡水市教育局2025年政府信息公开工作年度报告');
    const published = await t.services.reports.published('HS-JYJ', 2025);
    assert.equal(published.status, 'published');
    assert.equal(published.publication!.indexNo, indexNo);
    // A case registered later does not change the published report.
    await importApplications(
      { repo: createApplicationsRepository(t.db.db), agencies: t.services.agencies, calendar: t.services.calendar, clock: t.services.clock, audit: t.services.audit },
      () => Readable.from([JSON.stringify(line('R9', { receivedAt: '2025-06-02' }))]),
      { actor: cliActor },
    );
    assert.deepEqual((await t.services.reports.published('HS-JYJ', 2025)).json.table3.rows.received, [2, 0, 0, 0, 0, 0, 2]);
    // And the 2026 draft checks its 上年结转 against the published 2025 report (now 1 case off: R9 is open).
    const next = await t.services.reports.compile(sys(), { agency: 'HS-JYJ', year: 2026 });
    const carried = next.json.checks.filter((c) => c.rule === 'table3.carriedOver');
    assert.equal(carried.length, 7);
    assert.deepEqual(failedChecks(carried).map((c) => c.cells[1]), ['table3.carriedOver.natural', 'table3.carriedOver.total']);
    await assert.rejects(t.services.reports.submit(sys(), cliActor, { agency: 'HS-JYJ', year: 2026 }), (e: AppError) => e.code === 'conflict', 'a failing check blocks submission');
  });
});
