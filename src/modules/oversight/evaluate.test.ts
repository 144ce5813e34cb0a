import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateSite, probeWindow } from './evaluate.ts';
import type { ColumnKind, ColumnResult, CrawlResult, Evaluation, FindingItem, GuideResult, InteractionResult, MessageResult, ProbeOutcome } from './monitor-types.ts';

// The evaluation instant: 10:00 on 27 Nov 2026 in Shanghai (02:00 UTC).
const AT = new Date('2026-11-27T02:00:00Z');
const HOME = 'http://site.example.gov.cn/';
const CRAWLED = '2026-11-27T01:55:00.000Z';

// ───────────────────────────── factories ─────────────────────────────

/** A healthy crawl: a dated homepage updated yesterday, a working consultation column, nothing broken. */
function crawl(over: Partial<CrawlResult> = {}): CrawlResult {
  return {
    homepage: { url: HOME, status: 200, ms: 420, error: null, latest: '2026-11-26', dated: 12 },
    columns: [],
    interaction: [channel()],
    guides: [],
    brokenLinks: [],
    slowPages: [],
    pagesFetched: 40,
    linksChecked: 120,
    externalUnchecked: 0,
    robotsDisallowed: [],
    startedAt: '2026-11-27T01:50:00.000Z',
    finishedAt: CRAWLED,
    ...over,
  };
}

let columnNo = 0;
/** A column whose newest (only) item is dated `latest` (null: the item has no date). */
function column(kind: ColumnKind, latest: string | null, over: Partial<ColumnResult> = {}): ColumnResult {
  const n = ++columnNo;
  return {
    name: `栏目${n}`,
    url: `${HOME}col${n}/`,
    kind,
    status: 200,
    error: null,
    items: [{ url: `${HOME}col${n}/item1.html`, title: `信息${n}`, date: latest }],
    latest,
    ...over,
  };
}
const columns = (n: number, kind: ColumnKind, latest: string | null) => Array.from({ length: n }, () => column(kind, latest));

function channel(messages: MessageResult[] = [], over: Partial<InteractionResult> = {}): InteractionResult {
  return { name: '咨询投诉', url: `${HOME}hdjl/`, status: 200, error: null, messages, ...over };
}
const message = (date: string | null, answered = false): MessageResult => ({ title: `关于${date ?? '某事'}的咨询`, date, answered });

function guide(over: Partial<GuideResult> = {}): GuideResult {
  return { name: '户籍迁移', url: `${HOME}bszn/hjqy.html`, status: 200, error: null, missing: [], ...over };
}

/** `total` hourly probes ending just before AT, the first `failed` of them failed (alternately timeout and refused). */
function probes(total: number, failed: number): ProbeOutcome[] {
  return Array.from({ length: total }, (_, i) => {
    const at = new Date(AT.getTime() - (total - i) * 3_600_000).toISOString();
    if (i >= failed) return { at, ok: true, status: 200, ms: 300, error: null };
    return i % 2 === 0 ? { at, ok: false, status: null, ms: 15_000, error: 'timeout' } : { at, ok: false, status: null, ms: 12, error: 'ECONNREFUSED' };
  });
}

const evaluate = (c: CrawlResult | null, p: ProbeOutcome[] = probes(24, 0), at = AT) => evaluateSite({ homepage: HOME, crawl: c, probes: p, at });
const finding = (e: Evaluation, item: FindingItem) => e.findings.find((f) => f.item === item);
const items = (e: Evaluation) => e.findings.map((f) => f.item);

// ───────────────────────────── tests ─────────────────────────────

describe('evaluateSite: the single-veto items at their boundaries', () => {
  test('a healthy site passes with no finding, and the probe window is reported', () => {
    const p = probes(24, 0);
    const e = evaluate(crawl({ columns: [column('news', '2026-11-20'), column('notice', '2026-10-01'), column('other', '2026-01-01')] }), p);
    assert.equal(e.verdict, 'pass');
    assert.deepEqual(e.findings, []);
    assert.deepEqual(e.probes, { total: 24, failed: 0, from: p[0]!.at, to: p[23]!.at });
    assert.equal(e.evaluatedAt, AT.toISOString());
  });

  test('unreachable: exactly 5 % of probes failed fails (1 of 20), just under passes (1 of 21)', () => {
    const at5 = evaluate(crawl(), probes(20, 1));
    assert.equal(at5.verdict, 'fail');
    const f = finding(at5, 'unreachable')!;
    assert.equal(f.veto, true);
    assert.equal(f.value, 5);
    assert.equal(f.threshold, 5);
    assert.deepEqual(f.evidence, [{ url: HOME, seen: 'probeTimeout', params: { status: '', error: 'timeout', ms: 15_000 }, at: probes(20, 1)[0]!.at }]);
    assert.deepEqual(at5.probes.failed, 1);

    const under = evaluate(crawl(), probes(21, 1));
    assert.equal(under.verdict, 'pass');
    assert.equal(finding(under, 'unreachable'), undefined);
    assert.deepEqual(under.probes, { ...under.probes, total: 21, failed: 1 });
  });

  test('unreachable: each failed probe is evidence, a timeout told apart from another failure; the figure is the percentage', () => {
    const e = evaluate(crawl(), probes(24, 3));
    const f = finding(e, 'unreachable')!;
    assert.equal(f.value, 12.5);
    assert.deepEqual(f.evidence.map((x) => x.seen), ['probeTimeout', 'probeFailed', 'probeTimeout']);
    assert.deepEqual(f.evidence[1]!.params, { status: '', error: 'ECONNREFUSED', ms: 12 });
  });

  test('no probe in the window is no reachability finding', () => {
    const e = evaluate(crawl(), []);
    assert.equal(e.verdict, 'pass');
    assert.deepEqual(e.probes, { total: 0, failed: 0, from: '', to: '' });
  });

  test('homepage: newest item exactly 14 days old fails, 13 days passes', () => {
    const stale = evaluate(crawl({ homepage: { ...crawl().homepage, latest: '2026-11-13' } }));
    assert.equal(stale.verdict, 'fail');
    const f = finding(stale, 'homepageStale')!;
    assert.equal(f.veto, true);
    assert.equal(f.value, 14);
    assert.deepEqual(f.evidence, [{ url: HOME, seen: 'homepageLatest', params: { latest: '2026-11-13', days: 14 }, at: CRAWLED }]);

    const fresh = evaluate(crawl({ homepage: { ...crawl().homepage, latest: '2026-11-14' } }));
    assert.equal(fresh.verdict, 'pass');
    assert.equal(finding(fresh, 'homepageStale'), undefined);
  });

  test('the dates compared are Shanghai dates: at 2026-11-26T17:00Z it is already 27 Nov', () => {
    const at = new Date('2026-11-26T17:00:00Z'); // 01:00 on 27 Nov in Shanghai; still 26 Nov in UTC
    const c = crawl({ homepage: { ...crawl().homepage, latest: '2026-11-13' } });
    const e = evaluate(c, probes(24, 0), at);
    assert.equal(e.verdict, 'fail', '14 days in Shanghai, though 13 by the UTC date');
    assert.equal(finding(e, 'homepageStale')!.value, 14);
    // One hour earlier it is still 26 Nov in Shanghai: 13 days, passes.
    assert.equal(evaluate(c, probes(24, 0), new Date('2026-11-26T15:59:59Z')).verdict, 'pass');
  });

  test('a homepage that is only navigation is judged by the newest item of the watched columns', () => {
    const nav = { ...crawl().homepage, latest: null, dated: 0 };
    const fresh = evaluate(crawl({ homepage: nav, columns: [column('other', '2026-11-14'), column('other', '2026-05-01')] }));
    assert.equal(finding(fresh, 'homepageStale'), undefined);
    assert.equal(fresh.verdict, 'pass');

    const stale = evaluate(crawl({ homepage: nav, columns: [column('other', '2026-11-13'), column('other', '2026-05-01')] }));
    assert.equal(stale.verdict, 'fail');
    const f = finding(stale, 'homepageStale')!;
    assert.equal(f.value, 14);
    assert.deepEqual(f.evidence.map((x) => [x.url, x.seen, x.params.latest]), [[HOME, 'homepageNavigationLatest', '2026-11-13']]);
  });

  test('a homepage with no dated item anywhere is not updated', () => {
    const e = evaluate(crawl({ homepage: { ...crawl().homepage, latest: null, dated: 0 } }));
    assert.equal(e.verdict, 'fail');
    assert.deepEqual(finding(e, 'homepageStale')!.evidence.map((x) => x.seen), ['homepageNoDates']);
  });

  test('a homepage that did not open during the crawl is reachability evidence without a veto, not an update finding', () => {
    const e = evaluate(crawl({ homepage: { ...crawl().homepage, status: 503, error: 'HTTP 503', latest: null, dated: 0 } }));
    assert.equal(finding(e, 'homepageStale'), undefined);
    const f = finding(e, 'unreachable')!;
    assert.equal(f.veto, false);
    assert.deepEqual(f.evidence.map((x) => [x.url, x.seen, x.params.status]), [[HOME, 'crawlHomepageFailed', 503]]);
    assert.equal(e.verdict, 'pass', 'the probes decide reachability');
    // With failing probes, the probes' finding stands alone.
    const both = evaluate(crawl({ homepage: { ...crawl().homepage, status: null, error: 'timeout' } }), probes(20, 2));
    assert.deepEqual(both.findings.filter((x) => x.item === 'unreachable').map((x) => x.veto), [true]);
  });

  test('stale columns: exactly 5 news columns 14 days old fail, 4 (the fifth 13 days old) pass', () => {
    const cols = columns(5, 'news', '2026-11-13');
    const e = evaluate(crawl({ columns: cols }));
    assert.equal(e.verdict, 'fail');
    const f = finding(e, 'columnsStale')!;
    assert.deepEqual([f.veto, f.value, f.threshold], [true, 5, 5]);
    assert.deepEqual(f.evidence[0], { url: cols[0]!.url, seen: 'columnStale.news', params: { column: cols[0]!.name, latest: '2026-11-13', days: 14 }, at: CRAWLED });

    const four = evaluate(crawl({ columns: [...columns(4, 'news', '2026-11-13'), column('news', '2026-11-14')] }));
    assert.equal(finding(four, 'columnsStale'), undefined);
    assert.equal(four.verdict, 'pass');
  });

  test('stale columns: a notice column exactly 6 months old (31 Aug → 28 Feb) is stale, one day later is not', () => {
    const at = new Date('2026-08-31T02:00:00Z');
    const e = evaluate(crawl({ homepage: { ...crawl().homepage, latest: '2026-08-30' }, columns: columns(5, 'notice', '2026-02-28') }), probes(24, 0), at);
    assert.equal(e.verdict, 'fail');
    const f = finding(e, 'columnsStale')!;
    assert.equal(f.value, 5);
    assert.deepEqual(f.evidence.map((x) => x.seen), Array(5).fill('columnStale.notice'));
    assert.equal(f.evidence[0]!.params.days, 184);

    const four = evaluate(crawl({ homepage: { ...crawl().homepage, latest: '2026-08-30' }, columns: [...columns(4, 'notice', '2026-02-28'), column('notice', '2026-03-01')] }), probes(24, 0), at);
    assert.equal(finding(four, 'columnsStale'), undefined);
    assert.equal(four.verdict, 'pass');
  });

  test('stale columns: news and notice columns count together; a column without dates is stale; other columns never are', () => {
    const mixed = [...columns(2, 'news', '2026-11-13'), ...columns(2, 'notice', '2026-05-27'), column('news', null)];
    const e = evaluate(crawl({ columns: mixed }));
    const f = finding(e, 'columnsStale')!;
    assert.equal(f.value, 5);
    assert.deepEqual(f.evidence.map((x) => x.seen), ['columnStale.news', 'columnStale.news', 'columnStale.notice', 'columnStale.notice', 'columnUndated']);
    assert.equal(e.verdict, 'fail');

    // The same four plus an 'other' column two years old: four stale columns, no stale-columns finding.
    const withOther = evaluate(crawl({ columns: [...mixed.slice(0, 4), column('other', '2024-11-01')] }));
    assert.equal(finding(withOther, 'columnsStale'), undefined);
  });

  test('long stale: exactly 10 columns a year old (or more) fail, 9 pass (the tenth a day younger)', () => {
    const e = evaluate(crawl({ columns: [...columns(9, 'other', '2025-11-27'), column('other', null)] }));
    assert.equal(e.verdict, 'fail');
    const f = finding(e, 'columnsLongStale')!;
    assert.deepEqual([f.veto, f.value, f.threshold], [true, 10, 10]);
    assert.deepEqual(f.evidence.map((x) => x.seen), [...Array(9).fill('columnLongStale'), 'columnUndated']);
    assert.equal(f.evidence[0]!.params.days, 365);

    const nine = evaluate(crawl({ columns: [...columns(9, 'other', '2025-11-27'), column('other', '2025-11-28')] }));
    assert.equal(finding(nine, 'columnsLongStale'), undefined);
    assert.equal(nine.verdict, 'pass');
  });

  test('empty: exactly 5 columns that list nothing or cannot be opened fail, 4 pass', () => {
    const empty = (over: Partial<ColumnResult>) => column('news', null, { items: [], latest: null, ...over });
    const five = [empty({}), empty({}), empty({}), empty({ status: 404, error: 'HTTP 404' }), empty({ status: null, error: 'timeout' })];
    const e = evaluate(crawl({ columns: five }));
    assert.equal(e.verdict, 'fail');
    const f = finding(e, 'columnsEmpty')!;
    assert.deepEqual([f.veto, f.value, f.threshold], [true, 5, 5]);
    assert.deepEqual(f.evidence.map((x) => x.seen), ['columnEmpty', 'columnEmpty', 'columnEmpty', 'columnFailed', 'columnFailed']);
    assert.deepEqual(f.evidence[3]!.params, { column: five[3]!.name, status: 404, error: 'HTTP 404' });
    assert.equal(finding(e, 'columnsStale'), undefined, 'an empty column is counted once, as empty');

    const four = evaluate(crawl({ columns: [...five.slice(0, 4), column('news', '2026-11-20')] }));
    assert.equal(finding(four, 'columnsEmpty'), undefined);
    assert.equal(four.verdict, 'pass');
  });

  test('interaction: no consultation channel fails', () => {
    const e = evaluate(crawl({ interaction: [] }));
    assert.equal(e.verdict, 'fail');
    assert.deepEqual(finding(e, 'interaction')!.evidence, [{ url: HOME, seen: 'interactionNone', params: {}, at: CRAWLED }]);
  });

  test('interaction: a channel that cannot be opened fails; one working channel is enough', () => {
    const broken = channel([], { name: '领导信箱', url: `${HOME}ldxx/`, status: 500, error: 'HTTP 500' });
    const e = evaluate(crawl({ interaction: [broken] }));
    assert.equal(e.verdict, 'fail');
    assert.deepEqual(finding(e, 'interaction')!.evidence, [{ url: `${HOME}ldxx/`, seen: 'interactionFailed', params: { column: '领导信箱', status: 500, error: 'HTTP 500' }, at: CRAWLED }]);
    assert.equal(evaluate(crawl({ interaction: [broken, channel()] })).verdict, 'pass');
  });

  test('interaction: a message exactly 3 months old unanswered fails, one day younger passes', () => {
    const e = evaluate(crawl({ interaction: [channel([message('2026-08-27')])] }));
    assert.equal(e.verdict, 'fail');
    const f = finding(e, 'interaction')!;
    assert.deepEqual(f.evidence, [{ url: `${HOME}hdjl/`, seen: 'messageUnanswered', params: { column: '咨询投诉', title: '关于2026-08-27的咨询', date: '2026-08-27', days: 92 }, at: CRAWLED }]);
    const younger = evaluate(crawl({ interaction: [channel([message('2026-08-28')])] }));
    assert.equal(younger.verdict, 'pass');
    assert.equal(finding(younger, 'interaction'), undefined);
  });

  test('interaction: a message older than a year is ignored, one just within the year counts; answered and undated ones never count', () => {
    assert.equal(evaluate(crawl({ interaction: [channel([message('2025-11-27'), message('2024-03-01')])] })).verdict, 'pass');
    const inYear = evaluate(crawl({ interaction: [channel([message('2025-11-28')])] }));
    assert.equal(finding(inYear, 'interaction')!.value, 1);
    const answered = evaluate(crawl({ interaction: [channel([message('2026-01-05', true), message('2026-08-27', true), message(null, true), message(null)])] }));
    assert.equal(answered.verdict, 'pass');
    assert.deepEqual(answered.findings, []);
  });

  test('service guides: a guide missing key elements or failing to open fails; a complete one passes', () => {
    const e = evaluate(crawl({ guides: [guide(), guide({ name: '生育登记', url: `${HOME}bszn/sydj.html`, missing: ['basis', 'fees'] }), guide({ name: '低保申请', url: `${HOME}bszn/db.html`, status: 404, error: 'HTTP 404' })] }));
    assert.equal(e.verdict, 'fail');
    const f = finding(e, 'serviceGuides')!;
    assert.deepEqual([f.veto, f.value], [true, 2]);
    assert.deepEqual(
      f.evidence.map((x) => [x.url, x.seen, x.params]),
      [
        [`${HOME}bszn/sydj.html`, 'guideMissing', { guide: '生育登记', missing: 'basis,fees' }],
        [`${HOME}bszn/db.html`, 'guideFailed', { guide: '低保申请', status: 404, error: 'HTTP 404' }],
      ],
    );
    assert.equal(evaluate(crawl({ guides: [guide()] })).verdict, 'pass');
  });
});

describe('evaluateSite: deductions, verdict and evidence', () => {
  test('broken links, slow pages and undated items are deductions: found, never a fail', () => {
    const col = column('news', '2026-11-25', {
      items: [
        { url: `${HOME}x/1.html`, title: '有日期', date: '2026-11-25' },
        { url: `${HOME}x/2.html`, title: '无日期一', date: null },
        { url: null, title: '无日期二', date: null },
      ],
    });
    const e = evaluate(
      crawl({
        columns: [col],
        brokenLinks: [
          { url: `${HOME}gone.html`, from: HOME, external: false, status: 404, error: null },
          { url: 'http://other.example.org/x', from: `${HOME}links/`, external: true, status: null, error: 'ENOTFOUND' },
        ],
        slowPages: [{ url: `${HOME}big/`, ms: 4_200 }],
      }),
    );
    assert.equal(e.verdict, 'pass');
    assert.deepEqual(items(e), ['brokenLinks', 'slowPages', 'undatedItems']);
    assert.ok(e.findings.every((f) => !f.veto));
    assert.deepEqual(finding(e, 'brokenLinks')!.evidence.map((x) => [x.url, x.seen, x.params]), [
      [`${HOME}gone.html`, 'linkBroken', { from: HOME, status: 404, error: '' }],
      ['http://other.example.org/x', 'linkBrokenExternal', { from: `${HOME}links/`, status: '', error: 'ENOTFOUND' }],
    ]);
    assert.deepEqual(finding(e, 'slowPages')!.evidence.map((x) => [x.url, x.seen, x.params.ms]), [[`${HOME}big/`, 'pageSlow', 4_200]]);
    const undated = finding(e, 'undatedItems')!;
    assert.equal(undated.value, 2);
    assert.deepEqual(undated.evidence.map((x) => [x.url, x.seen, x.params.title]), [[`${HOME}x/2.html`, 'itemUndated', '无日期一'], [col.url, 'itemUndated', '无日期二']]);
  });

  test('a finding keeps at most 50 pieces of evidence, its value counts them all', () => {
    const links = Array.from({ length: 60 }, (_, i) => ({ url: `${HOME}gone${i}.html`, from: HOME, external: false, status: 404, error: null }));
    const f = finding(evaluate(crawl({ brokenLinks: links })), 'brokenLinks')!;
    assert.equal(f.value, 60);
    assert.equal(f.evidence.length, 50);
  });

  test('every finding of a site with everything wrong carries evidence: a URL, what was seen, when', () => {
    const e = evaluate(
      crawl({
        homepage: { ...crawl().homepage, latest: '2026-10-01' },
        columns: [...columns(5, 'news', '2026-11-01'), ...columns(9, 'other', '2024-01-01'), ...Array.from({ length: 5 }, () => column('news', null, { items: [], latest: null })), column('other', null)],
        interaction: [channel([message('2026-06-01')])],
        guides: [guide({ missing: ['phone'] })],
        brokenLinks: [{ url: `${HOME}gone.html`, from: HOME, external: false, status: 404, error: null }],
        slowPages: [{ url: `${HOME}big/`, ms: 5_000 }],
      }),
      probes(24, 6),
    );
    assert.equal(e.verdict, 'fail');
    assert.deepEqual(items(e), ['unreachable', 'homepageStale', 'columnsStale', 'columnsLongStale', 'columnsEmpty', 'interaction', 'serviceGuides', 'brokenLinks', 'slowPages', 'undatedItems']);
    for (const f of e.findings) {
      assert.ok(f.evidence.length > 0, `${f.item} has evidence`);
      for (const x of f.evidence) {
        assert.match(x.url, /^https?:\/\//, `${f.item}: a URL`);
        assert.ok(x.seen.length > 0, `${f.item}: what was seen`);
        assert.ok(!Number.isNaN(Date.parse(x.at)) && x.at.endsWith('Z'), `${f.item}: when (an ISO instant)`);
      }
    }
  });

  test('the probe window is the 7 days before the evaluation', () => {
    assert.deepEqual(probeWindow(AT), { from: '2026-11-20T02:00:00.000Z', to: '2026-11-27T02:00:00.000Z' });
  });
});
