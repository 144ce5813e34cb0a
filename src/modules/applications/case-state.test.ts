import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkCalendar } from '../../kernel/calendar/index.ts';
import { computeDeadline } from './deadline.ts';
import { foldCase } from './case-state.ts';
import type { CaseEvent } from './types.ts';

const cal = createWorkCalendar();
const online = (on: string): CaseEvent => ({ type: 'submitted', on, data: { channel: 'online' } });
const codes = (events: CaseEvent[], asOf?: string) => foldCase(cal, events, asOf ? { asOf } : {}).violations.map((v) => v.code);

describe('case state from the event log', () => {
  test('the spec example: received 2025-09-26, third-party consultation 10-09 to 10-16, due 2025-11-07; answered on time', () => {
    const events: CaseEvent[] = [
      online('2025-09-26'),
      { type: 'consultationStarted', on: '2025-10-09', data: { party: 'thirdParty' } },
      { type: 'consultationEnded', on: '2025-10-16', data: {} },
    ];
    const open = foldCase(cal, events, { asOf: '2025-10-20' });
    assert.deepEqual(open.violations, []);
    assert.equal(open.state.status, 'inProgress');
    assert.equal(open.state.dueOn, '2025-11-07');
    assert.equal(open.state.deadline?.pausedDays, 6);
    const answered = foldCase(cal, [...events, { type: 'answered', on: '2025-11-07', data: { outcome: 'disclose' } }], { asOf: '2025-11-10' });
    assert.equal(answered.state.status, 'answered');
    assert.equal(answered.state.late, false);
    assert.equal(answered.state.answer?.outcome, 'disclose');
  });

  test('a late answer is accepted and marked late; urgency follows the working days left', () => {
    const events = [online('2025-09-26')];
    assert.equal(foldCase(cal, events, { asOf: '2025-10-27' }).state.urgency, 'dueSoon'); // 3 working days before 10-30
    assert.equal(foldCase(cal, events, { asOf: '2025-10-31' }).state.urgency, 'overdue');
    assert.equal(foldCase(cal, events, { asOf: '2025-10-09' }).state.urgency, 'normal');
    const r = foldCase(cal, [...events, { type: 'answered', on: '2025-10-31', data: { outcome: 'partial', reasons: '涉及个人隐私' } }]);
    assert.deepEqual(r.violations, []);
    assert.equal(r.state.late, true);
  });

  test('post needs the receipt confirmed before anything else; the deadline counts from the confirmed day', () => {
    const posted: CaseEvent = { type: 'submitted', on: '2025-09-22', data: { channel: 'post' } };
    assert.equal(foldCase(cal, [posted]).state.status, 'awaitingReceipt');
    assert.deepEqual(codes([posted, { type: 'answered', on: '2025-09-30', data: { outcome: 'disclose' } }]), ['notReceived']);
    const r = foldCase(cal, [posted, { type: 'receiptConfirmed', on: '2025-09-26', data: {} }]);
    assert.equal(r.state.receivedOn, '2025-09-26');
    assert.equal(r.state.dueOn, '2025-10-30');
  });

  test('correction restarts the count; only one notice, within 7 working days; lapse closes only after the period', () => {
    const base: CaseEvent[] = [online('2025-01-24'), { type: 'correctionRequested', on: '2025-02-05', data: { until: '2025-02-20', what: '请说明文件名称' } }];
    const waiting = foldCase(cal, base, { asOf: '2025-02-06' });
    assert.equal(waiting.state.status, 'correcting');
    assert.equal(waiting.state.urgency, 'paused');
    const corrected = foldCase(cal, [...base, { type: 'corrected', on: '2025-02-10', data: {} }]);
    assert.equal(corrected.state.dueOn, computeDeadline(cal, { receivedOn: '2025-01-24', correction: { requestedOn: '2025-02-05', correctedOn: '2025-02-10' } }).dueOn);
    assert.equal(corrected.state.dueOn, cal.addWorkingDays('2025-02-10', 20).date);
    assert.deepEqual(codes([...base, { type: 'correctionRequested', on: '2025-02-06', data: { until: '2025-02-21', what: 'x' } }]), ['correctionTwice']);
    assert.deepEqual(codes([online('2025-01-24'), { type: 'correctionRequested', on: '2025-02-12', data: { until: '2025-02-28', what: 'x' } }]), ['correctionTooLate']);
    assert.deepEqual(codes([...base, { type: 'answered', on: '2025-02-20', data: { outcome: 'other.correctionLapsed' } }]), ['correctionNotLapsed']);
    assert.deepEqual(codes([...base, { type: 'answered', on: '2025-02-21', data: { outcome: 'other.correctionLapsed' } }]), []);
  });

  test('extension: once, at most 20 working days under cn-2019 (15 under cn-2007), decided before the normal deadline', () => {
    const base = [online('2025-09-26')];
    const ok = foldCase(cal, [...base, { type: 'extensionRequested', on: '2025-10-27', data: { days: 20, reason: '信息量大' } }, { type: 'extended', on: '2025-10-28', data: { days: 20 } }]);
    assert.deepEqual(ok.violations, []);
    assert.equal(ok.state.dueOn, '2025-11-27');
    assert.deepEqual(codes([...base, { type: 'extended', on: '2025-10-28', data: { days: 21 } }]), ['extensionTooLong']);
    assert.deepEqual(codes([...base, { type: 'extended', on: '2025-10-31', data: { days: 10 } }]), ['extensionAfterDeadline']);
    assert.deepEqual(codes([...base, { type: 'extended', on: '2025-10-20', data: { days: 10 } }, { type: 'extended', on: '2025-10-21', data: { days: 10 } }]), ['extensionTwice']);
    assert.deepEqual(codes([online('2018-03-01'), { type: 'extended', on: '2018-03-05', data: { days: 16 } }]), ['extensionTooLong']);
    assert.equal(foldCase(cal, [online('2018-03-01')]).state.rules, 'cn-2007');
  });

  test('one outcome per case; a corrected reconsideration reopens the case for a follow-up answer with its own deadline', () => {
    const answered: CaseEvent[] = [online('2025-03-03'), { type: 'answered', on: '2025-03-20', data: { outcome: 'withhold.process', reasons: '过程稿' } }];
    assert.deepEqual(codes([...answered, { type: 'answered', on: '2025-03-21', data: { outcome: 'disclose' } }]), ['twoOutcomes']);
    const reopened = foldCase(
      cal,
      [
        ...answered,
        { type: 'proceedingFiled', on: '2025-04-10', data: { proceedingId: 'p1', kind: 'reconsideration', body: '市人民政府', filedOn: '2025-04-10' } },
        { type: 'proceedingDecided', on: '2025-06-01', data: { proceedingId: 'p1', result: 'corrected', decidedOn: '2025-06-01', followUpDueOn: '2025-06-20' } },
      ],
      { asOf: '2025-06-03' },
    );
    assert.equal(reopened.state.status, 'reopened');
    assert.equal(reopened.state.dueOn, '2025-06-20');
    const again = foldCase(cal, [...reopenedEvents(), { type: 'answered', on: '2025-06-18', data: { outcome: 'disclose' } }]);
    assert.deepEqual(again.violations, []);
    assert.equal(again.state.status, 'answered');
    assert.equal(again.state.answer?.outcome, 'withhold.process', 'the report counts the first answer');
    assert.equal(again.state.followUps[0].outcome, 'disclose');
    function reopenedEvents(): CaseEvent[] {
      return [
        ...answered,
        { type: 'proceedingFiled', on: '2025-04-10', data: { proceedingId: 'p1', kind: 'reconsideration', body: '市人民政府', filedOn: '2025-04-10' } },
        { type: 'proceedingDecided', on: '2025-06-01', data: { proceedingId: 'p1', result: 'corrected', decidedOn: '2025-06-01', followUpDueOn: '2025-06-20' } },
      ];
    }
  });

  test('answer before receipt, events out of order, events after withdrawal and unknown outcomes are refused', () => {
    assert.deepEqual(codes([online('2025-03-03'), { type: 'answered', on: '2025-03-01', data: { outcome: 'disclose' } }]), ['outOfOrder', 'beforeReceipt']);
    assert.deepEqual(codes([online('2025-03-03'), { type: 'withdrawn', on: '2025-03-04', data: {} }, { type: 'extended', on: '2025-03-05', data: { days: 5 } }]), ['alreadyClosed']);
    assert.deepEqual(codes([online('2025-03-03'), { type: 'answered', on: '2025-03-04', data: { outcome: 'nope' as 'disclose' } }]), ['badOutcome']);
    assert.deepEqual(codes([online('2025-03-03'), { type: 'answered', on: '2025-03-04', data: { outcome: 'partial', detail: 'alreadyPublished' } }]), ['badDetail']);
  });

  test('fee: the clock stops from the notice to payment; unpaid lapses after 20 working days', () => {
    const base: CaseEvent[] = [online('2025-09-26'), { type: 'feeNotified', on: '2025-10-09', data: { amount: 100, basis: 'perCase', quantity: 11 } }];
    const waiting = foldCase(cal, base, { asOf: '2025-10-13' });
    assert.equal(waiting.state.status, 'awaitingFee');
    const paid = foldCase(cal, [...base, { type: 'feePaid', on: '2025-10-16', data: {} }]);
    assert.equal(paid.state.dueOn, '2025-11-07');
    assert.deepEqual(codes([...base, { type: 'answered', on: '2025-10-20', data: { outcome: 'other.feeUnpaid' } }]), ['feeNotLapsed']);
    const lapse = cal.addWorkingDays('2025-10-09', 20).date;
    assert.deepEqual(codes([...base, { type: 'answered', on: cal.addWorkingDays(lapse, 1).date, data: { outcome: 'other.feeUnpaid' } }]), []);
    assert.deepEqual(codes([online('2018-03-01'), { type: 'feeNotified', on: '2018-03-05', data: { amount: 100, basis: 'perCase', quantity: 11 } }]), ['pauseNotInRules']);
  });

  test('a consultation nobody closes stops the clock for its 15 working days only; then the case can fall overdue', () => {
    const events: CaseEvent[] = [online('2025-09-26'), { type: 'consultationStarted', on: '2025-10-09', data: { party: 'thirdParty' } }];
    const lapse = cal.addWorkingDays('2025-10-09', 15).date;
    const within = foldCase(cal, events, { asOf: '2025-10-20' });
    assert.equal(within.state.urgency, 'paused');
    const long = foldCase(cal, events, { asOf: '2026-01-05' });
    assert.equal(long.state.status, 'consulting');
    assert.equal(long.state.paused, false, 'the period lapsed: silence lets the agency decide');
    assert.equal(long.state.deadline?.pausedDays, 15);
    assert.equal(long.state.dueOn, cal.addWorkingDays('2025-09-26', 35).date);
    assert.equal(long.state.urgency, 'overdue');
    const late = foldCase(cal, [...events, { type: 'consultationEnded', on: '2025-12-01', data: {} }]);
    assert.equal(late.state.dueOn, long.state.dueOn, 'a reply after the period adds nothing');
    assert.ok(lapse < '2025-12-01');
  });

  test('ending a consultation names which one; a fee paid after its period and a fee notice after the deadline are refused', () => {
    const both: CaseEvent[] = [
      online('2025-09-26'),
      { type: 'consultationStarted', on: '2025-10-09', data: { party: 'thirdParty' } },
      { type: 'consultationStarted', on: '2025-10-10', data: { party: 'agency' } },
      { type: 'consultationEnded', on: '2025-10-13', data: { party: 'agency' } },
    ];
    const r = foldCase(cal, both, { asOf: '2025-10-14' });
    assert.deepEqual(r.state.consultations.map((c) => [c.party, c.to]), [['thirdParty', null], ['agency', '2025-10-13']]);
    const fee: CaseEvent[] = [online('2025-09-26'), { type: 'feeNotified', on: '2025-10-09', data: { amount: 100, basis: 'perCase', quantity: 11 } }];
    const lapse = cal.addWorkingDays('2025-10-09', 20).date;
    assert.deepEqual(codes([...fee, { type: 'feePaid', on: cal.addWorkingDays(lapse, 1).date, data: {} }]), ['feePaidLate']);
    assert.deepEqual(codes([online('2025-09-26'), { type: 'feeNotified', on: '2025-10-31', data: { amount: 100, basis: 'perCase', quantity: 11 } }]), ['feeAfterDeadline']);
  });
});
