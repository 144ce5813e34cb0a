import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, addAgency, addUser, asPrincipal, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { naturalApplication, residentId } from '../../../test/helpers/applications.ts';
import { isAppError } from '../../kernel/errors.ts';
import { computeDeadline } from './deadline.ts';
import { perCaseFee, perPageFee } from './fees.ts';
import type { Principal } from '../agencies/index.ts';

describeEachDialect('applications service', (dialect) => {
  let t: TestApp;
  let handler: Principal;
  let approver: Principal;
  let otherHandler: Principal;
  let authority: Principal;
  let editor: Principal;
  before(async () => {
    // 2026-03-02 10:00 Beijing time (a Monday)
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'CITY', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'EDU', '衡水市教育局', { parent: 'CITY', shortName: '衡教' });
    await addAgency(t.services, 'ENV', '衡水市生态环境局', { parent: 'CITY' });
    handler = asPrincipal(await addUser(t.services, 'handler1', [['handler', 'EDU']]));
    approver = asPrincipal(await addUser(t.services, 'approver1', [['approver', 'EDU']]));
    otherHandler = asPrincipal(await addUser(t.services, 'handler2', [['handler', 'ENV']]));
    authority = asPrincipal(await addUser(t.services, 'authority1', [['authority', 'CITY']]));
    editor = asPrincipal(await addUser(t.services, 'editor1', [['editor', 'EDU']]));
  });
  after(() => t.dispose());

  const rejects = async (p: Promise<unknown>, code: string, message?: RegExp) => {
    try {
      await p;
    } catch (e) {
      assert.ok(isAppError(e), String(e));
      assert.equal(e.code, code);
      if (message) assert.match(JSON.stringify(e.issues) + e.message, message);
      return;
    }
    assert.fail(`expected AppError ${code}`);
  };

  test('the spec’s vectors through this database’s calendar: working days, the deadline example, fees', async () => {
    const cal = await t.services.calendar.current();
    const vectors: [string, number, string][] = [
      ['2024-02-01', 20, '2024-03-05'], ['2024-04-26', 20, '2024-05-27'], ['2024-09-27', 20, '2024-10-30'], ['2025-01-20', 20, '2025-02-21'],
      ['2025-01-24', 7, '2025-02-10'], ['2025-04-25', 15, '2025-05-20'], ['2025-09-26', 20, '2025-10-30'], ['2025-09-26', 40, '2025-11-27'],
      ['2025-12-31', 20, '2026-01-29'], ['2026-02-02', 20, '2026-03-06'], ['2026-02-13', 7, '2026-03-02'], ['2026-04-30', 20, '2026-06-01'],
      ['2026-09-18', 20, '2026-10-22'], ['2026-09-30', 20, '2026-11-03'],
    ];
    for (const [start, n, want] of vectors) assert.equal(cal.addWorkingDays(start, n).date, want, `${start} + ${n}`);
    const d = computeDeadline(cal, { receivedOn: '2025-09-26', pauses: [{ kind: 'thirdParty', from: '2025-10-09', to: '2025-10-16' }] });
    assert.equal(d.pausedDays, 6);
    assert.equal(d.dueOn, '2025-11-07');
    const perCase: [number, number][] = [[10, 0], [11, 100], [30, 2000], [31, 2200], [40, 4000], [41, 4300]];
    for (const [count, total] of perCase) assert.equal(perCaseFee(count).total, total, `per case ${count}`);
    const perPage: [number, number][] = [[30, 0], [31, 10], [100, 700], [101, 720], [200, 2700], [201, 2740]];
    for (const [pages, total] of perPage) assert.equal(perPageFee(pages).total, total, `per page ${pages}`);
  });

  test('online: the submission is the receipt; the applicant opens the case only with code and password', async () => {
    const s = t.services.applications;
    const r = await s.submitOnline('EDU', naturalApplication(), { ip: '127.0.0.1' });
    assert.match(r.trackingCode, /^YS2026[A-Z2-9]{8}$/);
    assert.equal(r.receivedOn, '2026-03-02');
    assert.equal(r.deadline.dueOn, t.services.calendar && (await t.services.calendar.current()).addWorkingDays('2026-03-02', 20).date);
    assert.equal(await s.openForApplicant(r.trackingCode, 'WRONGPASS1'), null);
    assert.equal(await s.openForApplicant(r.trackingCode, r.password), r.id);
    assert.equal(await s.openForApplicant(r.trackingCode.toLowerCase(), r.password.toLowerCase()), r.id, 'codes are not case-sensitive');
    const v = await s.applicantView(r.id);
    assert.deepEqual(v.events.map((e) => e.type), ['submitted']);
  });

  test('a bad resident ID or a missing contact is refused with field messages; nothing is stored', async () => {
    const bad = naturalApplication();
    bad.applicant.idNumber = residentId(2).slice(0, 17) + (residentId(2).endsWith('0') ? '1' : '0');
    await rejects(t.services.applications.submitOnline('EDU', bad, { ip: null }), 'validation', /applications\.validation\.residentId/);
    const noContact = naturalApplication();
    Object.assign(noContact.applicant, { phone: '', email: '', address: '' });
    noContact.delivery = 'collect';
    await rejects(t.services.applications.submitOnline('EDU', noContact, { ip: null }), 'validation', /applications\.validation\.contact/);
    const text = new TextEncoder().encode('not a document');
    await rejects(t.services.applications.submitOnline('EDU', naturalApplication({ serial: 21 }), { ip: null }, [{ name: '身份证.pdf', bytes: text }]), 'validation', /applications\.validation\.fileType/);
    assert.equal((await t.services.applications.queue(authority, { limit: 100, offset: 0, q: '义务教育' })).rows.filter((r) => r.applicant_name === '张*').length, 1, 'only the first application was stored');
  });

  test('the life of a case: correction restarts, consultation pauses, the approver extends, one answer with a numbered letter', async () => {
    const s = t.services.applications;
    const cal = await t.services.calendar.current();
    const r = await s.submitOnline('EDU', naturalApplication({ serial: 3 }), { ip: null });
    const act = (p: Principal, input: object) => s.act(p, actorOf(p), r.id, input);

    await act(handler, { action: 'requestCorrection', on: '2026-03-02', until: '2026-03-16', what: '请说明所需方案的年份' });
    assert.equal((await s.view(handler, r.id)).state.status, 'correcting');
    await s.applicantCorrection(r.id, '需要2025年秋季学期的方案', [], { ip: null });
    let v = await s.view(handler, r.id);
    assert.equal(v.state.dueOn, cal.addWorkingDays('2026-03-02', 20).date, 'restarted from the corrected date (today)');
    assert.equal(v.letters.length, 1);
    assert.equal(v.letters[0].number, '衡教依申〔2026〕1号');
    assert.match(v.letters[0].content, /补正/);

    await act(handler, { action: 'startConsultation', on: '2026-03-02', party: 'thirdParty', with: '某培训学校' });
    await rejects(act(handler, { action: 'approveExtension', on: '2026-03-02' }), 'forbidden');
    await act(handler, { action: 'requestExtension', on: '2026-03-02', days: 15, reason: '需征求第三方意见' });
    await rejects(act(handler, { action: 'approveExtension', on: '2026-03-02' }), 'forbidden', /approver/);
    await act(approver, { action: 'approveExtension', on: '2026-03-02' });
    v = await s.view(handler, r.id);
    assert.equal(v.state.status, 'consulting');
    assert.equal(v.state.extension?.days, 15);
    assert.equal(v.letters.map((l) => l.number).join(' '), '衡教依申〔2026〕1号 衡教依申〔2026〕2号 衡教依申〔2026〕3号');

    await act(handler, { action: 'endConsultation', on: '2026-03-02', result: 'objected' });
    await rejects(act(handler, { action: 'answer', on: '2026-03-02', outcome: 'withhold.thirdParty' }), 'validation', /applications\.validation\.reasons/);
    await act(handler, { action: 'answer', on: '2026-03-02', outcome: 'withhold.thirdParty', reasons: '第三方书面反对公开，涉及其商业秘密' });
    await rejects(act(handler, { action: 'answer', on: '2026-03-02', outcome: 'disclose' }), 'validation', /twoOutcomes/);
    await act(handler, { action: 'recordDelivery', on: '2026-03-02', method: 'email' });
    v = await s.view(handler, r.id);
    assert.equal(v.state.status, 'answered');
    assert.equal(v.row.outcome, 'withhold.thirdParty');
    assert.equal(v.row.open, 0);
    const answer = JSON.parse(v.letters.at(-1)!.content);
    assert.equal(answer.number, '衡教依申〔2026〕4号');
    assert.ok(answer.paragraphs.some((p: string) => p.includes('第十五条')), 'the article is cited');
    assert.ok(answer.paragraphs.some((p: string) => p.includes('行政复议') && p.includes('衡水市人民政府')), 'rights to reconsideration at the city government');
    assert.ok(answer.paragraphs.some((p: string) => p.includes('商业秘密')), 'the reasons');
  });

  test('only the handling agency acts; others do not even see the case; the applicant in full is logged', async () => {
    const s = t.services.applications;
    const r = await s.submitOnline('EDU', naturalApplication({ serial: 4, name: '李四' }), { ip: null });
    await rejects(s.view(otherHandler, r.id), 'notFound');
    await rejects(s.view(editor, r.id), 'notFound');
    const seen = await s.view(authority, r.id);
    assert.equal(seen.applicant.name, '李*');
    assert.match(seen.applicant.idNumber!, /^131102\*+\d{3}[\dX]$/);
    assert.equal(seen.applicant.phone, '138****1234');
    await rejects(s.act(authority, actorOf(authority), r.id, { action: 'note', text: '请抓紧办理' }), 'forbidden');
    await rejects(s.revealApplicant(authority, actorOf(authority), r.id), 'forbidden');
    const full = await s.revealApplicant(handler, actorOf(handler), r.id);
    assert.equal(full.idNumber, residentId(4));
    const log = await t.services.audit.list({ agencyIds: 'all', action: 'application.revealApplicant', limit: 10, offset: 0 });
    assert.ok(log.rows.some((e) => e.targetId === r.id && e.actorName === 'handler1'));
    await s.act(handler, actorOf(handler), r.id, { action: 'note', text: '内部：需核实学区' });
    const mine = await s.applicantView(r.id);
    assert.ok(!mine.events.some((e) => e.type === 'note'), 'internal notes never reach the applicant');
  });

  test('queue: scope per principal, overdue counts per agency for the authority', async () => {
    const s = t.services.applications;
    await s.submitOnline('ENV', naturalApplication({ serial: 5, name: '王五', description: '请公开某化工厂的环境影响评价报告书全文' }), { ip: null });
    const mine = await s.queue(handler, { limit: 50, offset: 0 });
    assert.ok(mine.rows.length > 0 && mine.rows.every((row) => row.agency_id === mine.tree.byCode.get('EDU')!.id));
    const all = await s.queue(authority, { limit: 50, offset: 0 });
    const agencies = new Set(all.rows.map((row) => row.agency_id));
    assert.equal(agencies.size, 2);
    assert.equal(all.counts.reduce((n, c) => n + c.open, 0), all.total);
    t.clock.set('2026-05-06T02:00:00.000Z'); // past every due date of March's cases
    try {
      const late = await s.queue(authority, { limit: 50, offset: 0, urgency: 'overdue' });
      assert.ok(late.total >= 2);
      assert.ok(late.rows.every((row) => row.daysLeft! < 0));
      const flagged = await s.flagDeadlines({ userId: null, name: 'system', ip: null });
      assert.equal(flagged.overdue, late.total);
    } finally {
      t.clock.set('2026-03-02T02:00:00.000Z');
    }
  });

  test('abuse: per-applicant daily limit; a similar earlier application is flagged as a suspected repeat', async () => {
    const s = t.services.applications;
    const app = naturalApplication({ serial: 7, name: '赵六', description: '请公开衡水市第一中学2025年招生计划及录取分数线' });
    const first = await s.submitOnline('EDU', app, { ip: null });
    const second = await s.submitOnline('EDU', { ...app, description: '请公开衡水市第一中学2025年的招生计划和录取分数线' }, { ip: null });
    const v = await s.view(handler, second.id);
    assert.deepEqual(v.state.duplicateOf, [first.id]);
    assert.equal(v.row.duplicate_suspected, 1);
    for (let i = 2; i < s.limits.perApplicantPerDay; i++) await s.submitOnline('ENV', { ...app, description: `第${i}件：请公开环境监测数据` }, { ip: null });
    await rejects(s.submitOnline('ENV', { ...app, description: '再来一件：请公开排污许可证' }, { ip: null }), 'rateLimited');
  });

  test('fee per case: the 11th application of an applicant in a month costs 100 yuan, the 10th nothing', async () => {
    const s = t.services.applications;
    const ids: string[] = [];
    for (let day = 0; day < 11; day++) {
      t.clock.set(`2026-04-${String(day + 1).padStart(2, '0')}T02:00:00.000Z`);
      ids.push((await s.submitOnline('EDU', naturalApplication({ serial: 8, name: '钱七', description: `第${day + 1}件：请公开第${day + 1}号文件的全文内容` }), { ip: null })).id);
    }
    await rejects(s.act(handler, actorOf(handler), ids[9], { action: 'notifyFee', on: '2026-04-11', basis: 'perCase', quantity: 1 }), 'validation', /feeNotDue/);
    await s.act(handler, actorOf(handler), ids[10], { action: 'notifyFee', on: '2026-04-11', basis: 'perCase', quantity: 1 });
    const v = await s.view(handler, ids[10]);
    assert.equal(v.state.fee?.amount, 100);
    assert.equal(v.state.status, 'awaitingFee');
    t.clock.set('2026-03-02T02:00:00.000Z');
  });

  test('a consultation left open: the daily job unpauses the case when its 15 working days lapse, and it falls overdue', async () => {
    const s = t.services.applications;
    const r = await s.submitOnline('EDU', naturalApplication({ serial: 41, name: '孙十', description: '请公开某民办学校办学许可证及年检结论' }), { ip: null });
    await s.act(handler, actorOf(handler), r.id, { action: 'startConsultation', on: '2026-03-02', party: 'thirdParty' });
    assert.equal((await s.view(handler, r.id)).row.paused, 1);
    t.clock.set('2026-05-20T02:00:00.000Z');
    try {
      const job = await s.flagDeadlines({ userId: null, name: 'system', ip: null });
      assert.ok(job.refreshed >= 1);
      const v = await s.view(handler, r.id);
      assert.equal(v.row.paused, 0);
      assert.equal(v.row.due_on, v.state.dueOn, 'the stored due date is the computed one');
      const overdue = await s.queue(handler, { limit: 100, offset: 0, urgency: 'overdue' });
      assert.ok(overdue.rows.some((row) => row.id === r.id));
    } finally {
      t.clock.set('2026-03-02T02:00:00.000Z');
    }
  });

  test('a deadline reaching a year without holiday data is provisional until its notice is entered in this database', async () => {
    t.clock.set('2026-12-18T02:00:00.000Z');
    const open = await t.services.applications.submitOnline('EDU', naturalApplication({ serial: 42, name: '吴十一', description: '请公开2027年寒假放假安排的文件' }), { ip: null });
    assert.equal((await t.services.applications.view(handler, open.id)).row.due_provisional, 1);
    const before = computeDeadline(await t.services.calendar.current(), { receivedOn: '2026-12-18' });
    assert.equal(before.provisional, true);
    assert.deepEqual(before.unofficialYears, [2027]);
    const notice = { year: 2027, holidays: [{ from: '2027-01-01', to: '2027-01-03', name: '元旦' }], workdays: [], source: '测试通知' };
    await t.services.calendar.importNotice(t.services.users.systemPrincipal(), actorOf(authority), notice);
    const after = computeDeadline(await t.services.calendar.current(), { receivedOn: '2026-12-18' });
    assert.equal(after.provisional, false);
    assert.equal(after.dueOn, (await t.services.calendar.current()).addWorkingDays('2026-12-18', 20).date);
    assert.ok(before.dueOn! < after.dueOn!, 'the new-year holiday moves the date');
    const row = (await t.services.applications.view(handler, open.id)).row;
    assert.equal(row.due_provisional, 0, 'recomputed when the notice was entered, not at the next daily job');
    assert.equal(row.due_on, after.dueOn, 'the queue’s stored date follows the new notice');
  });
});
