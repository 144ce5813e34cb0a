import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor, systemActor } from '../audit/index.ts';
import { translator } from '../../http/i18n/index.ts';
import { createApplicationsRepository } from './applications.repository.ts';
import { importApplications, type ApplicationImportLine } from './import.ts';
import { exportApplications } from './export.ts';
import { startJobs } from '../../jobs/index.ts';

const en = translator('en');
// A resident ID valid by its check character (region 139900 is unassigned).
const ID = '13990019800101001X';

const line = (over: Partial<ApplicationImportLine> = {}): ApplicationImportLine => ({
  ref: 'L-1',
  agency: 'HS-JYJ',
  applicant: { type: 'natural', name: '张某甲', idType: 'residentId', idNumber: ID, phone: '0318-0900001', address: '衡水市桃城区人民路1号（演示地址）' },
  channel: 'online',
  receivedAt: '2025-03-03',
  rules: 'cn-2019',
  description: '申请公开2025年义务教育阶段学校招生划片范围。',
  form: 'electronic',
  delivery: 'online',
  events: [{ type: 'answered', on: '2025-03-20', outcome: 'disclose', detail: null }],
  proceedings: [],
  ...over,
});
const jsonl = (lines: (ApplicationImportLine | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

describeEachDialect('applications import', (dialect) => {
  let t: TestApp;
  let repo: ReturnType<typeof createApplicationsRepository>;
  const deps = () => ({ repo, agencies: t.services.agencies, calendar: t.services.calendar, clock: t.services.clock, audit: t.services.audit });
  const run = (text: string, opts: { mode?: 'file' | 'batch'; batchSize?: number } = {}) => importApplications(deps(), () => Readable.from([Buffer.from(text)]), { actor: cliActor, ...opts });
  const count = async () => (await repo.pageForExport({ agencyIds: 'all', afterId: null, limit: 10_000 })).length;

  before(async () => {
    // 2025-04-07 10:00 in Beijing.
    t = await buildTestApp(dialect, { now: '2025-04-07T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    repo = createApplicationsRepository(t.db.db);
  });
  after(() => t.dispose());

  test('bad lines are named with their line number, field and reason; nothing of the file is written', async () => {
    const text = jsonl([
      line({ ref: 'A-1' }),
      line({ ref: 'A-2', events: [{ type: 'answered', on: '2025-02-28', outcome: 'disclose' }] }),
      line({ ref: 'A-3', events: [{ type: 'answered', on: '2025-03-10', outcome: 'disclose' }, { type: 'answered', on: '2025-03-12', outcome: 'partial' }] }),
      '',
      line({ ref: 'A-4', events: [{ type: 'extended', on: '2025-03-10', days: 30 }] }),
      line({ ref: 'A-5', events: [{ type: 'answered', on: '2025-03-10', outcome: 'disclose.everything' }] }),
      line({ ref: 'A-6', agency: 'HS-NOPE' }),
      '{not json',
    ]);
    const s = await run(text);
    const said = s.issues.map((i) => `line ${i.line}: ${i.field}: ${en(i.message, i.params)}`);
    assert.deepEqual(said, [
      'line 2: events[0]: The date 2025-02-28 is before the receipt date 2025-03-03',
      'line 3: events[1]: A case has exactly one outcome; a second answer only follows a corrected reconsideration or lawsuit',
      'line 5: events[0]: An extension may be at most 20 working days',
      'line 6: events[0]: Unknown outcome: disclose.everything',
      'line 7: agency: No agency with code HS-NOPE',
      `line 8: _: Not valid JSON (${(() => { try { JSON.parse('{not json'); } catch (e) { return (e as Error).message; } return ''; })()})`,
    ]);
    assert.equal(s.lines, 7);
    assert.equal(s.imported, 0);
    assert.equal(s.rejected, 7);
    assert.equal(s.badLines, 6);
    assert.equal(s.complete, false);
    assert.equal(await count(), 0, 'the good line of a bad file is not written either');
  });

  test('per batch: a bad batch is not written at all, the other batches are; a late answer is accepted and counted', async () => {
    const text = jsonl([
      line({ ref: 'B-1' }),
      line({ ref: 'B-2', events: [{ type: 'answered', on: '2025-02-28', outcome: 'disclose' }] }),
      // Received 2025-03-03: due 20 working days later, 2025-03-31; answered 2025-04-03 → late.
      line({ ref: 'B-3', events: [{ type: 'answered', on: '2025-04-03', outcome: 'unable.notHeld', detail: 'notExist' }] }),
      line({ ref: 'B-4', events: [] }),
    ]);
    const s = await run(text, { mode: 'batch', batchSize: 2 });
    assert.deepEqual(s.issues.map((i) => [i.line, i.field, i.message]), [[2, 'events[0]', 'applications.rule.beforeReceipt']]);
    assert.equal(s.imported, 2);
    assert.equal(s.rejected, 2, 'line 1 shares the bad batch');
    assert.equal(s.late, 1);
    assert.equal(s.open, 1);
    assert.deepEqual(s.byAgency, { 'HS-JYJ': 2 });
    const jyj = (await t.services.agencies.tree()).byCode.get('HS-JYJ')!;
    assert.equal(await repo.byRef(jyj.id, 'B-1'), undefined, 'nothing of the bad batch');
    const late = await repo.byId((await repo.byRef(jyj.id, 'B-3'))!.id);
    assert.deepEqual([late!.status, late!.outcome, late!.outcome_detail, late!.late, late!.due_on, late!.password_hash], ['answered', 'unable.notHeld', 'notExist', 1, '2025-03-31', null]);
    const open = await repo.byId((await repo.byRef(jyj.id, 'B-4'))!.id);
    assert.deepEqual([open!.status, open!.open, open!.due_on], ['inProgress', 1, '2025-03-31']);

    // Importing the same ref again is refused: an import never changes a case.
    const again = await run(jsonl([line({ ref: 'B-3' })]));
    assert.deepEqual(again.issues.map((i) => `line ${i.line}: ${i.field}: ${en(i.message, i.params)}`), ['line 1: ref: Agency HS-JYJ already has an application numbered B-3 (an import never overwrites a case)']);
  });

  test('the log: post is confirmed on receipt, pauses and corrections count, proceedings and a renewed answer', async () => {
    const s = await run(
      jsonl([
        line({
          ref: 'C-1',
          channel: 'post',
          delivery: 'post',
          events: [
            { type: 'correctionRequested', on: '2025-03-05', until: '2025-03-20' },
            { type: 'corrected', on: '2025-03-10' },
            { type: 'answered', on: '2025-03-28', outcome: 'withhold.thirdParty', reasons: '涉及商业秘密' },
            { type: 'answered', on: '2025-04-03', outcome: 'partial', followUp: true },
          ],
          proceedings: [{ kind: 'reconsideration', body: '衡水市人民政府', filedOn: '2025-03-31', decidedOn: '2025-04-02', result: 'corrected' }],
        }),
        line({ ref: 'C-2', applicant: { type: 'commercial', name: '衡水示例建材有限公司' }, events: [], proceedings: [] }),
      ]),
    );
    assert.deepEqual(s.issues, []);
    assert.equal(s.imported, 2);
    const jyj = (await t.services.agencies.tree()).byCode.get('HS-JYJ')!;
    const c1 = (await repo.byRef(jyj.id, 'C-1'))!;
    const events = await repo.events(c1.id);
    assert.deepEqual(events.map((e) => e.type), ['submitted', 'receiptConfirmed', 'correctionRequested', 'corrected', 'answered', 'proceedingFiled', 'proceedingDecided', 'answered']);
    const row = (await repo.byId(c1.id))!;
    assert.deepEqual([row.status, row.outcome, row.received_on, row.rules], ['answered', 'withhold.thirdParty', '2025-03-03', 'cn-2019'], 'the first answer is the outcome');
    const c2 = (await repo.byId((await repo.byRef(jyj.id, 'C-2'))!.id))!;
    assert.deepEqual([c2.applicant_type, c2.applicant_name, c2.applicant_id_number], ['commercial', '衡水示例建材有限公司', null], 'an organisation needs only type and name');
  });

  test('export → import into an empty database gives the same cases; personal data only when asked, and audited', async () => {
    const out: string[] = [];
    await exportApplications({ repo, agencies: t.services.agencies, calendar: t.services.calendar, audit: t.services.audit }, { actor: cliActor }, (l) => out.push(l));
    assert.ok(out.length >= 4);
    assert.ok(out.every((l) => !l.includes(ID)), 'no ID number without --include-personal');
    assert.ok(out.every((l) => JSON.parse(l).applicant.phone === null));

    const personal: string[] = [];
    await exportApplications({ repo, agencies: t.services.agencies, calendar: t.services.calendar, audit: t.services.audit }, { actor: cliActor, includePersonal: true, agencyCode: 'HS-JYJ' }, (l) => personal.push(l));
    assert.ok(personal.some((l) => l.includes(ID)));
    const log = await t.services.audit.list({ actor: 'cli', limit: 50, offset: 0 });
    assert.ok(log.rows.some((r) => r.action === 'application.exportPersonal'));

    const u = await buildTestApp(dialect, { now: '2025-04-07T02:00:00.000Z' });
    try {
      await addAgency(u.services, 'HS', '衡水市人民政府', { kind: 'government' });
      await addAgency(u.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
      const repo2 = createApplicationsRepository(u.db.db);
      const s = await importApplications({ repo: repo2, agencies: u.services.agencies, calendar: u.services.calendar, clock: u.services.clock }, () => Readable.from([personal.join('\n')]), { actor: cliActor });
      assert.deepEqual(s.issues, []);
      assert.equal(s.imported, personal.length);
      const pick = (r: Record<string, unknown>) => {
        const { id: _id, agency_id: _a, created_at: _c, updated_at: _u, submitted_at: _s, ...rest } = r;
        return rest;
      };
      const before = (await repo.pageForExport({ agencyIds: 'all', afterId: null, limit: 100 })).map(pick).sort((a, b) => String(a.tracking_code).localeCompare(String(b.tracking_code)));
      const after = (await repo2.pageForExport({ agencyIds: 'all', afterId: null, limit: 100 })).map(pick).sort((a, b) => String(a.tracking_code).localeCompare(String(b.tracking_code)));
      assert.deepEqual(after, before);
      const again: string[] = [];
      await exportApplications({ repo: repo2, agencies: u.services.agencies, calendar: u.services.calendar, audit: u.services.audit }, { actor: cliActor, includePersonal: true }, (l) => again.push(l));
      assert.deepEqual(again.map((l) => JSON.parse(l)).sort((a, b) => a.trackingCode.localeCompare(b.trackingCode)), personal.map((l) => JSON.parse(l)).sort((a, b) => a.trackingCode.localeCompare(b.trackingCode)));
    } finally {
      await u.dispose();
    }
  });

  test('the daily job flags open cases overdue and due soon (and clears a flag that no longer holds)', async () => {
    // Today 2025-04-07 (Mon; 2025-04-04 is 清明). Received 2025-03-03 → due 2025-03-31: overdue.
    // Received 2025-03-10 → due 2025-04-08 (4-04 a holiday): due soon. Received 2025-04-03: normal.
    await run(jsonl([line({ ref: 'D-1', events: [] }), line({ ref: 'D-2', receivedAt: '2025-03-10', events: [] }), line({ ref: 'D-3', receivedAt: '2025-04-03', events: [] })]));
    const stop = startJobs(t.services);
    try {
      const flagged = async () => (await t.services.audit.list({ actor: 'system', limit: 20, offset: 0 })).rows.some((r) => r.action === 'application.flagDeadlines');
      for (let i = 0; i < 200 && !(await flagged()); i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      stop();
    }
    const jyj = (await t.services.agencies.tree()).byCode.get('HS-JYJ')!;
    const flag = async (ref: string) => (await repo.byId((await repo.byRef(jyj.id, ref))!.id))!.flag;
    assert.equal(await flag('D-1'), 'overdue');
    assert.equal(await flag('D-2'), 'dueSoon');
    assert.equal(await flag('D-3'), null);
    assert.equal(await flag('B-4'), 'overdue', 'the open case imported earlier, due 2025-03-31');

    // A week later D-3 is due soon; nothing else is closed by the job.
    t.clock.set('2025-04-28T22:00:00.000Z');
    const r = await t.services.applications.flagDeadlines(systemActor);
    assert.equal(r.today, '2025-04-29');
    assert.equal(await flag('D-3'), 'dueSoon');
    assert.equal(await flag('D-2'), 'overdue');
    assert.equal((await repo.byId((await repo.byRef(jyj.id, 'D-1'))!.id))!.open, 1, 'never closed by the job');
    t.clock.set('2025-04-07T02:00:00.000Z');
  });
});
