import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { outcomeCodes, outcomeRules, type ApplicantType, type OutcomeCode } from '../applications/index.ts';
import { checkReport, failedChecks } from './checks.ts';
import { applicantColumns, table3RowsOf, type ReportJson } from './format.ts';
import { parseReportJson } from './reports.schemas.ts';
import { reportDueOn } from './reports.service.ts';
import { compileReport, emptyAggregates, type Aggregates } from './tables.ts';

const shanghaiFile = new URL('../../../test/fixtures/reports/shanghai-2019.json', import.meta.url);
function shanghai(): ReportJson {
  const { reports, issues } = parseReportJson(JSON.parse(readFileSync(shanghaiFile, 'utf8')));
  assert.deepEqual(issues, []);
  return reports[0]!;
}

test('the Shanghai 2019 report (the spec example) passes every balance check', () => {
  const checks = checkReport(shanghai());
  assert.deepEqual(failedChecks(checks), []);
  // Seven columns × identities 1 and 2, every row's total, the three blocks of table 四.
  assert.equal(checks.filter((c) => c.rule === 'table3.balance').length, 7);
  assert.ok(checks.some((c) => c.rule === 'table3.balance' && c.cells.includes('table3.received.natural') && c.left === 839 && c.right === 839));
});

test('a broken column fails identity 1 and names its four cells', () => {
  const r = shanghai();
  r.table3.rows.carriedForward = [73, 0, 0, 0, 0, 0, 73];
  const failed = failedChecks(checkReport(r));
  const balance = failed.filter((c) => c.rule === 'table3.balance');
  assert.deepEqual(balance.map((c) => c.cells[0]), ['table3.received.natural', 'table3.received.total']);
  assert.deepEqual(balance[0]!.cells, ['table3.received.natural', 'table3.carriedOver.natural', 'table3.total.natural', 'table3.carriedForward.natural']);
  assert.equal(balance[0]!.left, 839);
  assert.equal(balance[0]!.right, 840);
});

test('the narrative-style error of a real report: outcome rows that do not add up to 总计 fail identity 2 naming the rows', () => {
  const r = shanghai();
  // "予以公开及部分公开258件" where the table says 275: a row changed without the total.
  r.table3.rows.disclose = [255, 12, 0, 0, 1, 1, 269];
  const failed = failedChecks(checkReport(r));
  const leaf = failed.find((c) => c.rule === 'table3.leafSum' && c.cells[0] === 'table3.total.natural')!;
  assert.ok(leaf.cells.includes('table3.disclose.natural'));
  assert.equal(leaf.left, 767);
  assert.equal(leaf.right, 764);
  assert.ok(failed.some((c) => c.rule === 'table3.leafSum' && c.cells[0] === 'table3.total.total'));
});

test('a row whose 总计 is not the sum of its six columns fails identity 3 and names the row', () => {
  const r = shanghai();
  r.table3.rows.received = [821, 35, 0, 0, 2, 1, 860];
  const failed = failedChecks(checkReport(r));
  const row = failed.find((c) => c.rule === 'table3.rowTotal')!;
  assert.equal(row.cells[0], 'table3.received.total');
  assert.equal(row.left, 860);
  assert.equal(row.right, 859);
});

test('table 四: a block total that is not the sum of its four results fails', () => {
  const r = shanghai();
  r.table4.reconsideration = [5, 0, 0, 2, 8];
  const failed = failedChecks(checkReport(r));
  assert.deepEqual(failed.map((c) => c.rule), ['table4.blockTotal']);
  assert.ok(failed[0]!.cells.includes('table4.reconsideration.total'));
});

test("identity 4: last year's 结转下年度 must be this year's 上年结转", () => {
  const y2019 = shanghai();
  const y2020: ReportJson = { ...shanghai(), year: 2020 };
  y2020.table3.rows.carriedOver = [72, 0, 0, 0, 0, 0, 72];
  const across = checkReport(y2020, y2019).filter((c) => c.rule === 'table3.carriedOver');
  assert.equal(across.length, 7);
  assert.ok(across.every((c) => c.ok));
  y2020.table3.rows.carriedOver = [70, 0, 0, 0, 0, 0, 70];
  const bad = failedChecks(checkReport(y2020, y2019)).filter((c) => c.rule === 'table3.carriedOver');
  assert.deepEqual(bad.map((c) => c.cells), [['2019:table3.carriedForward.natural', 'table3.carriedOver.natural'], ['2019:table3.carriedForward.total', 'table3.carriedOver.total']]);
});

test('identity 5: a roll-up that is not the sum of its parts fails per row, naming the cells', () => {
  const part = (code: string, n: number): ReportJson['parts'] extends (infer P)[] | undefined ? P : never => {
    const s = shanghai();
    s.table3.rows.received = [n, 0, 0, 0, 0, 0, n];
    return { agency: code, name: code, table3: s.table3, table4: s.table4 };
  };
  const whole = shanghai();
  whole.scope = 'rollup';
  whole.table3.rows.received = [821, 0, 0, 0, 0, 0, 821];
  whole.parts = [part('A', 800), part('B', 21)];
  // Parts: received natural 821 = whole; but every other row is doubled in the parts.
  const failed = failedChecks(checkReport(whole)).filter((c) => c.rule === 'rollup.sum');
  assert.ok(!failed.some((c) => c.cells.some((x) => x.startsWith('table3.received.'))), 'received sums correctly');
  const disclose = failed.find((c) => c.cells[0]!.startsWith('table3.disclose.'))!;
  assert.deepEqual(disclose.cells, ['table3.disclose.natural', 'table3.disclose.commercial', 'table3.disclose.legalService', 'table3.disclose.otherOrg', 'table3.disclose.total']);
  assert.equal(disclose.left, 258);
  assert.equal(disclose.right, 516);
});

test('imported JSON: wrong lengths, negative counts and unknown rows are reported with their path', () => {
  const raw = JSON.parse(readFileSync(shanghaiFile, 'utf8'));
  raw.table3.rows.received = [821, 35, 0];
  raw.table3.rows.partial = [-3, 0, 0, 0, 0, 0, -3];
  raw.table3.rows['withhold.secret'] = [1, 0, 0, 0, 0, 0, 1];
  const { issues } = parseReportJson([raw]);
  const fields = issues.map((i) => `${i.field} ${i.message}`);
  assert.ok(fields.includes('0.table3.rows.received reports.validation.length7'), fields.join('\n'));
  assert.ok(fields.some((f) => f.startsWith('0.table3.rows.partial.0 reports.validation.negative')), fields.join('\n'));
  const unknownRaw = JSON.parse(readFileSync(shanghaiFile, 'utf8'));
  unknownRaw.table3.rows['withhold.secret'] = [1, 0, 0, 0, 0, 0, 1];
  assert.deepEqual(parseReportJson(unknownRaw).issues.map((i) => i.field), ['table3.rows.withhold.secret']);
});

test('every outcome code lands in its own row of table 三 (2021), in the applicant\'s column; 2019 folds 其他处理 into one row', () => {
  const agg: Aggregates = emptyAggregates();
  const types = applicantColumns as ApplicantType[];
  outcomeCodes.forEach((outcome, i) => {
    const applicantType = types[i % 6]!;
    agg.received.push({ agencyId: 'a', applicantType, channel: 'online', n: i + 1 });
    agg.closed.push({ agencyId: 'a', applicantType, outcome, detail: null, extended: false, n: i + 1 });
  });
  const subject = { id: 'a', code: 'A', name: 'A' };
  const r2021 = compileReport({ format: '2021', subject, year: 2025, scope: 'agency', agencies: [subject], agg });
  assert.deepEqual(failedChecks(r2021.checks), []);
  outcomeCodes.forEach((outcome: OutcomeCode, i) => {
    const row = r2021.table3.rows[outcome]!;
    const col = i % 6;
    assert.equal(row[col], i + 1, `${outcome} (${outcomeRules[outcome].reportRow}) in column ${col}`);
    assert.equal(row[6], i + 1);
    assert.equal(row.reduce((a, b) => a + b, 0), 2 * (i + 1), `${outcome}: nothing elsewhere in the row`);
  });
  assert.equal(r2021.table3.rows.total![6], (21 * 22) / 2);
  const r2019 = compileReport({ format: '2019', subject, year: 2020, scope: 'agency', agencies: [subject], agg });
  assert.ok(!table3RowsOf('2019').includes('other.other'));
  assert.equal(r2019.table3.rows.other![6], 19 + 20 + 21);
  assert.deepEqual(failedChecks(r2019.checks), []);
});

test('a withdrawn case (closed without an outcome) counts in （六）3 其他, keeping the balance', () => {
  const agg = emptyAggregates();
  agg.received.push({ agencyId: 'a', applicantType: 'natural', channel: 'online', n: 2 });
  agg.closed.push({ agencyId: 'a', applicantType: 'natural', outcome: null, detail: null, extended: false, n: 1 });
  agg.openAtEnd.push({ agencyId: 'a', applicantType: 'natural', n: 1 });
  const subject = { id: 'a', code: 'A', name: 'A' };
  const r = compileReport({ format: '2021', subject, year: 2025, scope: 'agency', agencies: [subject], agg });
  assert.equal(r.table3.rows['other.other']![0], 1);
  assert.deepEqual(failedChecks(r.checks), []);
});

test('legacy: the answers account for every completed case, by the 2007 categories', () => {
  const agg = emptyAggregates();
  const close = (outcome: OutcomeCode | null, detail: string | null, n: number, extended = false) =>
    agg.closed.push({ agencyId: 'a', applicantType: 'natural', outcome, detail, extended, n });
  agg.received.push({ agencyId: 'a', applicantType: 'natural', channel: 'inPerson', n: 10 }, { agencyId: 'a', applicantType: 'natural', channel: 'email', n: 4 });
  close('disclose', 'alreadyPublished', 2);
  close('disclose', null, 3, true);
  close('withhold.thirdParty', null, 1);
  close('withhold.adminQuery', null, 1);
  close('unable.notHeld', 'notThisAgency', 2);
  close('unable.notHeld', 'notExist', 1);
  close('other.correctionLapsed', null, 1);
  close(null, null, 1);
  agg.openAtEnd.push({ agencyId: 'a', applicantType: 'natural', n: 2 });
  const subject = { id: 'a', code: 'A', name: 'A' };
  const r = compileReport({ format: 'legacy', subject, year: 2017, scope: 'agency', agencies: [subject], agg });
  const l = r.legacy!;
  assert.equal(l.received, 14);
  assert.deepEqual(l.byChannel, { inPerson: 10, fax: 0, online: 4, letter: 0 });
  assert.equal(l.completed, 12);
  assert.equal(l.extended, 3);
  assert.deepEqual(l.answers, { alreadyPublished: 2, disclosed: 3, partial: 0, withheld: 1, notThisAgency: 2, notExist: 1, correction: 1, otherChannel: 1, other: 1 });
  assert.equal(l.withheldByReason.commercialOrPrivacy, 1);
  assert.deepEqual(failedChecks(r.checks), []);
  // The 2021 mapping of the same cases travels with it.
  assert.equal(r.table3.rows.disclose![6], 5);
});

test('annual report deadlines (Art. 49–50): departments 31 January, governments 31 March, townships none set; all 31 March under the 2007 regulation', () => {
  assert.equal(reportDueOn({ kind: 'department' }, 2025), '2026-01-31');
  assert.equal(reportDueOn({ kind: 'government' }, 2025), '2026-03-31');
  assert.equal(reportDueOn({ kind: 'township' }, 2025), null);
  assert.equal(reportDueOn({ kind: 'department' }, 2018), '2019-03-31');
  assert.equal(reportDueOn({ kind: 'township' }, 2017), '2018-03-31');
});
