import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createWorkCalendar } from '../../kernel/calendar/index.ts';
import { translator } from '../../http/i18n/index.ts';
import { computeDeadline, correctionNoticeDueOn, deadlineProvisionalMessage, deadlineStepMessages, pauseLapseOn, type DeadlineResult, type DeadlineStep } from './deadline.ts';
import { articleRefEn, isRuleSetId, ruleSetFor, ruleSets } from './rules.ts';

const calendar = createWorkCalendar();
const spec = { receivedOn: '2025-09-26' };
const consultation = { kind: 'thirdParty', from: '2025-10-09', to: '2025-10-16' } as const;

test('rule sets: cn-2019 and cn-2007 periods, chosen by the receipt date', () => {
  assert.equal(ruleSetFor('2019-05-14').id, 'cn-2007');
  assert.equal(ruleSetFor('2019-05-15').id, 'cn-2019');
  assert.equal(ruleSetFor('2008-05-01').id, 'cn-2007');
  assert.equal(ruleSetFor('2025-09-26').id, 'cn-2019');
  const r19 = ruleSets['cn-2019'];
  assert.deepEqual([r19.answerDays, r19.maxExtensionDays, r19.correctionNoticeDays, r19.consultationDays, r19.feePaymentDays], [20, 20, 7, 15, 20]);
  assert.equal(r19.regulation, '《中华人民共和国政府信息公开条例》（国务院令第711号）');
  assert.equal(r19.articles.answer, '第三十三条');
  assert.equal(r19.articles.correction, '第三十条');
  assert.equal(r19.articles.thirdParty, '第三十二条');
  assert.equal(r19.articles.interAgency, '第三十四条');
  assert.equal(r19.articles.receipt, '第三十一条');
  const r07 = ruleSets['cn-2007'];
  assert.deepEqual([r07.answerDays, r07.maxExtensionDays, r07.correctionNoticeDays, r07.feePaymentDays], [15, 15, null, null]);
  assert.equal(r07.regulation, '《中华人民共和国政府信息公开条例》（国务院令第492号）');
  assert.equal(r07.articles.answer, '第二十四条');
  assert.equal(r07.effectiveFrom, '2008-05-01');
  for (const id of ['cn-2019', 'cn-2007']) assert.equal(isRuleSetId(id), true);
  for (const x of ['cn-2020', '', null, 2019]) assert.equal(isRuleSetId(x), false);
  assert.equal(articleRefEn('第三十三条'), 'Art. 33');
  assert.equal(articleRefEn('第三十三条第二款'), 'Art. 33(2)');
  assert.equal(articleRefEn('第二十一条第（四）项'), 'Art. 21(4)');
  assert.equal(articleRefEn('第十条'), 'Art. 10');
});

test('spec example: received 2025-09-26 is due 2025-10-30; a consultation 10-09 to 10-16 pauses 6 working days → 2025-11-07', () => {
  const plain = computeDeadline(calendar, spec);
  assert.equal(plain.rules, 'cn-2019');
  assert.equal(plain.countFrom, '2025-09-26');
  assert.equal(plain.dueOn, '2025-10-30');
  assert.equal(plain.normalDueOn, '2025-10-30');
  assert.equal(plain.provisional, false);
  assert.equal(plain.daysLeft, null);

  const paused = computeDeadline(calendar, { ...spec, pauses: [consultation] });
  assert.equal(paused.pausedDays, 6, '10, 11 (make-up Saturday), 13, 14, 15, 16');
  assert.equal(paused.dueOn, '2025-11-07');
  assert.equal(paused.normalDueOn, '2025-11-07');
  assert.equal(paused.pausedNow, false);
  assert.deepEqual(paused.steps, [
    { kind: 'receipt', on: '2025-09-26' },
    { kind: 'rules', rules: 'cn-2019', answerDays: 20 },
    { kind: 'pause', pause: 'thirdParty', from: '2025-10-09', to: '2025-10-16', workingDays: 6, overlapsEarlier: false, addedDays: 6, countedUpTo: null },
    { kind: 'due', on: '2025-11-07', provisional: false },
  ] satisfies DeadlineStep[]);

  // With the 20-day extension: 20 + 20 + 6 = 46 working days (40 reach 2025-11-27, then 28, 1, 2, 3, 4, 5 Dec).
  const extended = computeDeadline(calendar, { ...spec, pauses: [consultation], extensionDays: 20 });
  assert.equal(extended.dueOn, '2025-12-05');
  assert.equal(extended.normalDueOn, '2025-11-07', 'the extension must be notified by the normal due date');
  assert.equal(extended.extensionDays, 20);
  assert.deepEqual(extended.steps.slice(-2), [{ kind: 'extension', days: 20 }, { kind: 'due', on: '2025-12-05', provisional: false }]);
  // Without pauses the extension gives the calendar.md vector 2025-09-26 + 40 = 2025-11-27.
  assert.equal(computeDeadline(calendar, { ...spec, extensionDays: 20 }).dueOn, '2025-11-27');
});

test('correction is a restart: the count runs from the day the corrected application arrives', () => {
  const notice = correctionNoticeDueOn(calendar, '2025-01-24');
  assert.equal(notice?.date, '2025-02-10', 'Art. 30: 7 working days after receipt');
  const waiting = computeDeadline(calendar, { receivedOn: '2025-01-24', correction: { requestedOn: '2025-02-05', correctedOn: null } });
  assert.equal(waiting.waitingForCorrection, true);
  assert.equal(waiting.countFrom, null);
  assert.equal(waiting.dueOn, null);
  assert.equal(waiting.normalDueOn, null);
  assert.deepEqual(waiting.steps.at(-1), { kind: 'due', on: null, provisional: false });

  const corrected = computeDeadline(calendar, { receivedOn: '2025-01-24', correction: { requestedOn: '2025-02-05', correctedOn: '2025-02-10' }, asOf: '2025-02-10' });
  assert.equal(corrected.waitingForCorrection, false);
  assert.equal(corrected.countFrom, '2025-02-10');
  assert.equal(corrected.dueOn, calendar.addWorkingDays('2025-02-10', 20).date);
  assert.equal(corrected.dueOn, '2025-03-10');
  assert.equal(corrected.daysLeft, 20);
  assert.deepEqual(corrected.steps[2], { kind: 'correction', requestedOn: '2025-02-05', correctedOn: '2025-02-10' });

  // A pause before the restart does not count; one that straddles it counts only after it (11, 12 Feb).
  const before = computeDeadline(calendar, {
    receivedOn: '2025-01-24',
    correction: { requestedOn: '2025-02-05', correctedOn: '2025-02-10' },
    pauses: [{ kind: 'thirdParty', from: '2025-01-27', to: '2025-02-06' }],
  });
  assert.equal(before.pausedDays, 0);
  assert.equal(before.dueOn, '2025-03-10');
  const straddling = computeDeadline(calendar, {
    receivedOn: '2025-01-24',
    correction: { requestedOn: '2025-02-05', correctedOn: '2025-02-10' },
    pauses: [{ kind: 'thirdParty', from: '2025-02-06', to: '2025-02-12' }],
  });
  assert.equal(straddling.pausedDays, 2);
  assert.equal(straddling.dueOn, '2025-03-12');
});

test('cn-2007: a case received 2018-03-01 has 15 working days, extension at most 15, no inter-agency or fee pause', () => {
  const r = computeDeadline(calendar, { receivedOn: '2018-03-01' });
  assert.equal(r.rules, 'cn-2007');
  assert.equal(r.dueOn, '2018-03-22');
  assert.deepEqual(r.steps[1], { kind: 'rules', rules: 'cn-2007', answerDays: 15 });
  assert.equal(computeDeadline(calendar, { receivedOn: '2018-03-01', extensionDays: 15 }).dueOn, '2018-04-13');
  assert.throws(() => computeDeadline(calendar, { receivedOn: '2018-03-01', extensionDays: 16 }), RangeError);
  assert.throws(() => computeDeadline(calendar, { receivedOn: '2018-03-01', pauses: [{ kind: 'agency', from: '2018-03-05', to: '2018-03-09' }] }), /does not stop the clock under cn-2007/);
  assert.equal(correctionNoticeDueOn(calendar, '2018-03-01'), null, 'the 2007 regulation set no period for the correction notice');
  // The rule set can be named (e.g. by an import line) instead of chosen by date.
  assert.equal(computeDeadline(calendar, { receivedOn: '2025-09-26', rules: 'cn-2007' }).dueOn, calendar.addWorkingDays('2025-09-26', 15).date);
});

test('overlapping pauses count each day once; a fee pause counts like a consultation', () => {
  const r = computeDeadline(calendar, { ...spec, pauses: [{ kind: 'agency', from: '2025-10-14', to: '2025-10-21' }, consultation] });
  assert.equal(r.pausedDays, 9, '10-10 … 10-21: 10, 11, 13–17, 20, 21');
  assert.equal(r.dueOn, '2025-11-12');
  const [first, second] = r.steps.filter((s) => s.kind === 'pause');
  assert.deepEqual(first, { kind: 'pause', pause: 'thirdParty', from: '2025-10-09', to: '2025-10-16', workingDays: 6, overlapsEarlier: false, addedDays: 6, countedUpTo: null });
  assert.deepEqual(second, { kind: 'pause', pause: 'agency', from: '2025-10-14', to: '2025-10-21', workingDays: 5, overlapsEarlier: true, addedDays: 3, countedUpTo: null });
  // A pause inside another adds nothing.
  const inner = computeDeadline(calendar, { ...spec, pauses: [consultation, { kind: 'agency', from: '2025-10-10', to: '2025-10-14' }] });
  assert.equal(inner.pausedDays, 6);
  assert.equal(inner.dueOn, '2025-11-07');

  // Fee notice 2025-10-20, paid 2025-10-24: 21–24 Oct not counted → 24 working days → 2025-11-05.
  const fee = computeDeadline(calendar, { ...spec, pauses: [{ kind: 'fee', from: '2025-10-20', to: '2025-10-24' }] });
  assert.equal(fee.pausedDays, 4);
  assert.equal(fee.dueOn, '2025-11-05');
  assert.equal(pauseLapseOn(calendar, '2025-10-20', ruleSets['cn-2019'].feePaymentDays), '2025-11-17');
  assert.equal(pauseLapseOn(calendar, '2025-10-09', ruleSets['cn-2019'].consultationDays), '2025-10-29', 'the make-up Saturday 10-11 counts');
});

test('an open pause counts up to asOf; without asOf it counts nothing yet and the due date is the earliest possible', () => {
  const open = { kind: 'thirdParty', from: '2025-10-09', to: null } as const;
  const asOf = computeDeadline(calendar, { ...spec, pauses: [open], asOf: '2025-10-16' });
  assert.equal(asOf.pausedNow, true);
  assert.equal(asOf.pausedDays, 6);
  assert.equal(asOf.dueOn, '2025-11-07');
  assert.equal(asOf.daysLeft, 16);
  assert.equal((asOf.steps[2] as Extract<DeadlineStep, { kind: 'pause' }>).countedUpTo, '2025-10-16');
  const noAsOf = computeDeadline(calendar, { ...spec, pauses: [open] });
  assert.equal(noAsOf.pausedNow, true);
  assert.equal(noAsOf.pausedDays, 0);
  assert.equal(noAsOf.dueOn, '2025-10-30');
  // Opened after asOf: not paused yet.
  const later = computeDeadline(calendar, { ...spec, pauses: [open], asOf: '2025-10-08' });
  assert.equal(later.pausedNow, false);
  assert.equal(later.pausedDays, 0);
});

test('daysLeft: working days from asOf to the due date, zero on it, negative after it', () => {
  const left = (asOf: string) => computeDeadline(calendar, { ...spec, asOf }).daysLeft;
  assert.equal(left('2025-09-26'), 20);
  assert.equal(left('2025-09-30'), 17, 'the national-day holiday is not counted');
  assert.equal(left('2025-10-29'), 1);
  assert.equal(left('2025-10-30'), 0);
  assert.equal(left('2025-10-31'), -1);
  assert.equal(left('2025-11-03'), -2);
  assert.equal(left('2025-11-01'), -1, 'a weekend does not add to the overdue count');
});

test('provisional when the count reaches a year without official holiday data, until its notice is known', () => {
  const r = computeDeadline(calendar, { receivedOn: '2026-12-10' });
  assert.equal(r.dueOn, '2027-01-07');
  assert.equal(r.provisional, true);
  assert.deepEqual(r.unofficialYears, [2027]);
  assert.deepEqual(r.steps.at(-1), { kind: 'due', on: '2027-01-07', provisional: true });
  assert.equal(computeDeadline(calendar, { receivedOn: '2026-11-02' }).provisional, false);
  const withNotice = createWorkCalendar({ notices: [{ year: 2027, holidays: [{ from: '2027-01-01', to: '2027-01-03' }], workdays: [] }] });
  const official = computeDeadline(withNotice, { receivedOn: '2026-12-10' });
  assert.equal(official.provisional, false);
  assert.equal(official.dueOn, '2027-01-08');
});

test('bad input is a RangeError', () => {
  assert.throws(() => computeDeadline(calendar, { ...spec, extensionDays: 21 }), /exceeds the maximum of 20 under cn-2019/);
  assert.throws(() => computeDeadline(calendar, { ...spec, extensionDays: -1 }), RangeError);
  assert.throws(() => computeDeadline(calendar, { receivedOn: '2025-02-30' }), RangeError);
  assert.throws(() => computeDeadline(calendar, { ...spec, pauses: [{ kind: 'thirdParty', from: '2025-10-16', to: '2025-10-09' }] }), /before it starts/);
  assert.throws(() => computeDeadline(calendar, { ...spec, correction: { requestedOn: '2025-10-09', correctedOn: '2025-10-08' } }), RangeError);
  assert.throws(() => computeDeadline(calendar, { ...spec, rules: 'cn-2020' as never }), /Unknown rule set/);
});

test('the steps read in Chinese and English through the message catalog', () => {
  const render = (locale: 'zh-CN' | 'en', r: DeadlineResult) => {
    const t = translator(locale);
    return r.steps.map((s) => deadlineStepMessages(s).map((m) => t(m.key, m.params)).join(''));
  };
  const r = computeDeadline(calendar, { ...spec, pauses: [consultation, { kind: 'agency', from: '2025-10-14', to: null }], extensionDays: 20, asOf: '2025-10-21' });
  assert.deepEqual(render('zh-CN', r), [
    '收到申请：2025-09-26（自次日起计算）',
    '适用规则：cn-2019，20个工作日',
    '征求第三方意见 2025-10-09 至 2025-10-16：6个工作日不计算在答复期限内',
    '征求其他行政机关意见 2025-10-14 至 2025-10-21：5个工作日不计算在答复期限内（尚未结束，暂计算至 2025-10-21；结束前答复期限继续顺延）（与此前的暂停期间重叠，重叠的日期只计算一次，实际增加3个工作日）',
    '延长答复期限：20个工作日',
    '答复期限：2025-12-10',
  ]);
  assert.equal(render('en', r)[0], 'Received 2025-09-26 (counting starts the next day)');
  const waiting = computeDeadline(calendar, { receivedOn: '2025-01-24', correction: { requestedOn: '2025-02-05', correctedOn: null } });
  assert.deepEqual(render('zh-CN', waiting).slice(2), ['2025-02-05 一次性告知补正，尚未收到补正后的申请：收到前不计算答复期限', '答复期限：收到补正后的申请后计算']);
  const provisional = computeDeadline(calendar, { receivedOn: '2026-12-10' });
  assert.equal(render('zh-CN', provisional).at(-1), '答复期限：2027-01-07（暂定）');
  const m = deadlineProvisionalMessage(provisional);
  assert.match(translator('zh-CN')(m.key, m.params), /^暂定：2027年的放假安排尚未公布/);
});

test('the results do not depend on the process time zone', { skip: process.env.DEADLINE_TZ_CHILD ? 'in the child' : false }, () => {
  const file = fileURLToPath(import.meta.url);
  for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', file], { env: { ...process.env, TZ: tz, DEADLINE_TZ_CHILD: '1' }, encoding: 'utf8' });
    assert.equal(r.status, 0, `${tz}: ${r.stdout}\n${r.stderr}`);
  }
});
