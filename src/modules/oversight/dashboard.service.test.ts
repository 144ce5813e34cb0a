import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addUser, asPrincipal, type TestApp } from '../../../test/helpers/app.ts';
import type { AppError } from '../../kernel/errors.ts';
import type { Principal } from '../agencies/index.ts';
import { buildDashboardFixture } from './dashboard-test-fixtures.ts';
import type { DashboardRow } from './dashboard.service.ts';

/** The figures of a row that a reader compares, by agency code. */
const figures = (r: DashboardRow) => ({
  published: r.published,
  late: r.late,
  missing: r.missingInterpretation,
  open: r.open,
  dueSoon: r.dueSoon,
  overdue: r.overdue,
  answeredLate: r.answeredLate,
  report: r.report ? `${r.report.status}${r.report.overdue ? ' overdue' : ''}` : null,
  website: r.website.verdict,
  rectifications: r.rectifications,
});

describeEachDialect('supervision dashboard: figures', (dialect) => {
  let t: TestApp;
  let authority: Principal;
  let inspector: Principal;
  let editor: Principal;

  before(async () => {
    t = await buildDashboardFixture(dialect);
    authority = asPrincipal(await addUser(t.services, 'authority1', [['authority', 'HS']]));
    inspector = asPrincipal(await addUser(t.services, 'inspector1', [['inspector', 'HS-TC']]));
    editor = asPrincipal(await addUser(t.services, 'editor1', [['editor', 'HS-JYJ']]));
  });
  after(() => t.dispose());

  test('one row per agency of the authority’s subtree, in tree order, with this year’s figures counted per agency', async () => {
    const r = await t.services.dashboard.overview(authority);
    assert.ok(r.supervising);
    assert.equal(r.year, 2026);
    assert.equal(r.reportYear, 2025);
    assert.deepEqual(
      r.rows.map((x) => [x.agency.code, x.depth, x.children]),
      [
        ['HS', 0, 3],
        ['HS-JYJ', 1, 0],
        ['HS-CZJ', 1, 0],
        ['HS-TC', 1, 1],
        ['HS-TC-HP', 2, 0],
      ],
      'the other city (XT) is not in the authority’s reach',
    );
    const by = new Map(r.rows.map((x) => [x.agency.code, x]));
    assert.deepEqual(figures(by.get('HS-JYJ')!), { published: 3, late: 1, missing: 1, open: 3, dueSoon: 1, overdue: 1, answeredLate: 1, report: 'none overdue', website: null, rectifications: 0 });
    assert.equal(by.get('HS-JYJ')!.onTimeShare, 2 / 3);
    assert.deepEqual(figures(by.get('HS-CZJ')!), { published: 2, late: 0, missing: 0, open: 0, dueSoon: 0, overdue: 0, answeredLate: 0, report: 'none overdue', website: 'fail', rectifications: 1 });
    assert.equal(by.get('HS-CZJ')!.onTimeShare, 1);
    assert.deepEqual(figures(by.get('HS')!), { published: 0, late: 0, missing: 0, open: 0, dueSoon: 0, overdue: 0, answeredLate: 0, report: 'none', website: null, rectifications: 0 });
    assert.equal(by.get('HS')!.onTimeShare, null, 'no share without publications');
    assert.equal(by.get('HS-TC')!.website.verdict, 'pass');
    assert.equal(by.get('HS-CZJ')!.website.checkedAt, '2026-03-12T01:00:30.000Z', 'the newest check');
    assert.deepEqual(
      r.rows.filter((x) => x.problems).map((x) => x.agency.code),
      ['HS-JYJ', 'HS-CZJ'],
      'problems: late items, missing interpretation, overdue, a failed check, an open rectification or an overdue report',
    );
    const tot = r.totals;
    assert.deepEqual(
      { agencies: tot.agencies, published: tot.published, late: tot.late, missing: tot.missingInterpretation, open: tot.open, dueSoon: tot.dueSoon, overdue: tot.overdue, answeredLate: tot.answeredLate, rect: tot.rectifications, reportsOverdue: tot.reportsOverdue, failed: tot.websitesFailed, checked: tot.websitesChecked },
      { agencies: 5, published: 5, late: 1, missing: 1, open: 3, dueSoon: 1, overdue: 1, answeredLate: 1, rect: 1, reportsOverdue: 2, failed: 1, checked: 2 },
    );
    assert.equal(tot.onTimeShare, 4 / 5);
  });

  test('another year: publications and late answers of that year; open cases stay as of today', async () => {
    const r = await t.services.dashboard.overview(authority, { year: 2025 });
    assert.ok(r.supervising);
    assert.equal(r.year, 2025);
    const jyj = r.rows.find((x) => x.agency.code === 'HS-JYJ')!;
    assert.equal(jyj.published, 1);
    assert.equal(jyj.late, 0);
    assert.equal(jyj.answeredLate, 1);
    assert.equal(jyj.open, 3);
    assert.equal(jyj.report?.year, 2024);
    // A year in the future or before 2008 falls back to the current one.
    assert.ok((await t.services.dashboard.overview(authority, { year: 2031 })).year === 2026);
  });

  test('filters by kind and by problems; sorting is flat, worst first, with ties by name', async () => {
    const d = t.services.dashboard;
    const gov = await d.overview(authority, { kind: 'government' });
    assert.ok(gov.supervising);
    assert.deepEqual(gov.rows.map((x) => x.agency.code), ['HS', 'HS-TC']);
    assert.equal(gov.totals.agencies, 2);
    const problems = await d.overview(authority, { problemsOnly: true });
    assert.ok(problems.supervising);
    assert.deepEqual(problems.rows.map((x) => x.agency.code), ['HS-JYJ', 'HS-CZJ']);
    assert.equal(problems.totals.published, 5);
    const byPublished = await d.overview(authority, { sort: 'published' });
    assert.ok(byPublished.supervising && byPublished.sorted);
    assert.deepEqual(byPublished.rows.slice(0, 2).map((x) => x.agency.code), ['HS-JYJ', 'HS-CZJ']);
    const byShare = await d.overview(authority, { sort: 'onTimeShare' });
    assert.ok(byShare.supervising);
    assert.deepEqual(byShare.rows.map((x) => x.agency.code).slice(0, 2), ['HS-JYJ', 'HS-CZJ'], 'lowest share first; agencies without publications last');
    const byWebsite = await d.overview(authority, { sort: 'website', dir: 'asc' });
    assert.ok(byWebsite.supervising);
    assert.equal(byWebsite.rows[0]!.agency.code, 'HS-TC', 'passed first when ascending');
    assert.equal(byWebsite.rows.at(-1)!.agency.code, 'HS-CZJ');
  });

  test('weekly trends over the last 12 ISO weeks (Beijing days, the current week included)', async () => {
    const r = await t.services.dashboard.overview(authority);
    assert.ok(r.supervising);
    assert.equal(r.trends.length, 12);
    assert.equal(r.trends[0]!.week, '2026-W01');
    assert.equal(r.trends[0]!.from, '2025-12-29');
    assert.equal(r.trends.at(-1)!.week, '2026-W12');
    const nonZero = (k: 'published' | 'publishedLate' | 'received' | 'answeredLate' | 'checksFailed') => Object.fromEntries(r.trends.filter((w) => w[k]).map((w) => [w.week, w[k]]));
    assert.deepEqual(nonZero('published'), { '2026-W09': 2, '2026-W11': 3 });
    assert.deepEqual(nonZero('publishedLate'), { '2026-W11': 1 });
    assert.deepEqual(nonZero('received'), { '2026-W02': 2, '2026-W07': 1, '2026-W09': 1, '2026-W10': 1 });
    assert.deepEqual(nonZero('answeredLate'), { '2026-W01': 1, '2026-W07': 1 }, 'an answer of 31 December 2025 falls in 2026-W01');
    assert.deepEqual(nonZero('checksFailed'), { '2026-W10': 1, '2026-W11': 1 }, 'a check at 04:00 on Monday 2 March (Beijing) counts in W10');
  });

  test('an inspector sees only their branch; a user who supervises nothing gets their own agencies; one agency’s figures need sight of it', async () => {
    const d = t.services.dashboard;
    const r = await d.overview(inspector);
    assert.ok(r.supervising);
    assert.deepEqual(r.rows.map((x) => [x.agency.code, x.depth]), [['HS-TC', 0], ['HS-TC-HP', 1]]);
    const own = await d.overview(editor);
    assert.equal(own.supervising, false);
    assert.deepEqual(!own.supervising && own.own.map((a) => a.code), ['HS-JYJ']);
    const one = await d.agency(editor, 'HS-JYJ');
    assert.deepEqual(figures(one.row), { published: 3, late: 1, missing: 1, open: 3, dueSoon: 1, overdue: 1, answeredLate: 1, report: 'none overdue', website: null, rectifications: 0 });
    assert.deepEqual(one.trends.filter((w) => w.published).map((w) => [w.week, w.published, w.publishedLate]), [['2026-W11', 3, 1]]);
    await assert.rejects(d.agency(editor, 'HS-CZJ'), (e: AppError) => e.code === 'notFound');
    await assert.rejects(d.agency(authority, 'XT'), (e: AppError) => e.code === 'notFound');
    await assert.rejects(d.agency(authority, 'NOPE'), (e: AppError) => e.code === 'notFound');
  });
});
