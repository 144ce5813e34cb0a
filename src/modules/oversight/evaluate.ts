/**
 * The evaluation of one site against the single-veto items of 国办秘函〔2019〕19号 (spec oversight.md §1), from the
 * week's probes and the latest crawl. Pure: the same inputs give the same findings, each with its evidence.
 *
 * Boundaries (docs/design/oversight.md, unit-tested at each):
 * - unreachable: failed probes / probes of the 7 days before the evaluation ≥ 5 % (exactly 5 % fails), judged once
 *   there are at least 20 probes (a day's visits: one failed visit of a site registered an hour ago is not 100 %);
 * - homepage not updated: the newest dated item on the homepage (or, for a homepage that is only navigation, on any
 *   watched column) is 14 or more days old (exactly 2 weeks fails);
 * - a news column is stale when its newest item is 14 or more days old, a notice/policy column when its newest
 *   item is on or before the same day 6 months earlier; a column without any dated item is stale (an item without
 *   a date counts as not updated); ≥ 5 stale columns fail (exactly 5 fails);
 * - long stale: any watched column whose newest item is on or before the same day a year earlier (or has none);
 *   ≥ 10 fail;
 * - empty: a column page that lists no item, or cannot be opened; ≥ 5 fail;
 * - interaction: no consultation column that opens, or a message from the past year, 3 months old or older
 *   (dated on or before the same day 3 months earlier), still unanswered;
 * - service guides: a registered guide that cannot be opened or lacks a key element.
 * Deductions (no veto): broken links, pages slower than 3 s, items without a date.
 */
import { addDays, addMonths, daysBetween, todayInShanghai } from '../../kernel/calendar/index.ts';
import type { CrawlResult, Evaluation, Evidence, Finding, ProbeOutcome } from './monitor-types.ts';

export const thresholds = {
  unreachablePercent: 5,
  minProbes: 20,
  probeWindowDays: 7,
  homepageStaleDays: 14,
  newsStaleDays: 14,
  noticeStaleMonths: 6,
  longStaleMonths: 12,
  staleColumns: 5,
  longStaleColumns: 10,
  emptyColumns: 5,
  unansweredMonths: 3,
  messageWindowMonths: 12,
} as const;

/** At most this many pieces of evidence per finding are kept (the count is in `value`). */
const MAX_EVIDENCE = 50;

export interface EvaluationInput {
  /** The site's homepage: the URL of the reachability evidence (also before the first crawl). */
  homepage: string;
  /** The latest finished crawl, or null when the site has not been crawled yet. */
  crawl: CrawlResult | null;
  /** The probes of the window (the caller selects the 7 days before `at`). */
  probes: ProbeOutcome[];
  /** The instant of the evaluation; dates are compared in Asia/Shanghai. */
  at: Date;
}

export function evaluateSite(input: EvaluationInput): Evaluation {
  const at = input.at.toISOString();
  const today = todayInShanghai(input.at);
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push({ ...f, evidence: f.evidence.slice(0, MAX_EVIDENCE) });

  // Reachability over the week of probes.
  const failed = input.probes.filter((p) => !p.ok);
  const total = input.probes.length;
  const sorted = [...input.probes].sort((a, b) => a.at.localeCompare(b.at));
  if (total >= thresholds.minProbes && failed.length * 100 >= thresholds.unreachablePercent * total) {
    add({
      item: 'unreachable',
      veto: true,
      value: Math.round((failed.length * 10000) / total) / 100,
      threshold: thresholds.unreachablePercent,
      evidence: failed.map((p) => ({ url: input.homepage, seen: p.error === 'timeout' ? 'probeTimeout' : 'probeFailed', params: { status: p.status ?? '', error: p.error ?? '', ms: p.ms }, at: p.at })),
    });
  }

  const c = input.crawl;
  if (c) {
    const crawled = c.finishedAt;
    // Homepage updates: its own dated items, or (navigation only) the newest item of any watched column.
    const columnLatest = c.columns.map((col) => col.latest).filter((d): d is string => !!d).sort().at(-1) ?? null;
    const navigationOnly = c.homepage.dated === 0;
    const homeLatest = navigationOnly ? columnLatest : c.homepage.latest;
    if (!c.homepage.error && c.homepage.status !== null && c.homepage.status < 400) {
      const age = homeLatest ? daysBetween(homeLatest, today) : null;
      if (age === null || age >= thresholds.homepageStaleDays) {
        add({
          item: 'homepageStale',
          veto: true,
          value: age ?? -1,
          threshold: thresholds.homepageStaleDays,
          evidence: [{ url: c.homepage.url, seen: homeLatest ? (navigationOnly ? 'homepageNavigationLatest' : 'homepageLatest') : 'homepageNoDates', params: { latest: homeLatest ?? '', days: age ?? '' }, at: crawled }],
        });
      }
    } else {
      // The homepage did not open during the crawl: evidence for reachability, not an update finding.
      if (!findings.some((f) => f.item === 'unreachable')) {
        add({ item: 'unreachable', veto: false, value: 0, threshold: thresholds.unreachablePercent, evidence: [{ url: c.homepage.url, seen: 'crawlHomepageFailed', params: { status: c.homepage.status ?? '', error: c.homepage.error ?? '' }, at: crawled }] });
      }
    }

    // Columns: empty, stale, long stale.
    const newsLimit = addDays(today, -thresholds.newsStaleDays);
    const noticeLimit = addMonths(today, -thresholds.noticeStaleMonths);
    const longLimit = addMonths(today, -thresholds.longStaleMonths);
    const empty: Evidence[] = [];
    const stale: Evidence[] = [];
    const longStale: Evidence[] = [];
    for (const col of c.columns) {
      const broken = col.error !== null || col.status === null || col.status >= 400;
      if (broken || col.items.length === 0) {
        empty.push({ url: col.url, seen: broken ? 'columnFailed' : 'columnEmpty', params: { column: col.name, status: col.status ?? '', error: col.error ?? '' }, at: crawled });
        continue;
      }
      const params = { column: col.name, latest: col.latest ?? '', days: col.latest ? daysBetween(col.latest, today) : '' };
      const isStale = col.kind === 'news' ? !col.latest || col.latest <= newsLimit : col.kind === 'notice' ? !col.latest || col.latest <= noticeLimit : false;
      if (isStale) stale.push({ url: col.url, seen: col.latest ? `columnStale.${col.kind}` : 'columnUndated', params, at: crawled });
      if (!col.latest || col.latest <= longLimit) longStale.push({ url: col.url, seen: col.latest ? 'columnLongStale' : 'columnUndated', params, at: crawled });
    }
    if (stale.length >= thresholds.staleColumns) add({ item: 'columnsStale', veto: true, value: stale.length, threshold: thresholds.staleColumns, evidence: stale });
    if (longStale.length >= thresholds.longStaleColumns) add({ item: 'columnsLongStale', veto: true, value: longStale.length, threshold: thresholds.longStaleColumns, evidence: longStale });
    if (empty.length >= thresholds.emptyColumns) add({ item: 'columnsEmpty', veto: true, value: empty.length, threshold: thresholds.emptyColumns, evidence: empty });

    // Interaction: a working channel, and no message of the past year unanswered for 3 months.
    const working = c.interaction.filter((i) => !i.error && i.status !== null && i.status < 400);
    const unansweredLimit = addMonths(today, -thresholds.unansweredMonths);
    const windowStart = addMonths(today, -thresholds.messageWindowMonths);
    const interactionEvidence: Evidence[] = [];
    if (working.length === 0) {
      interactionEvidence.push(
        ...(c.interaction.length
          ? c.interaction.map((i) => ({ url: i.url, seen: 'interactionFailed', params: { column: i.name, status: i.status ?? '', error: i.error ?? '' }, at: crawled }))
          : [{ url: c.homepage.url, seen: 'interactionNone', params: {}, at: crawled }]),
      );
    }
    for (const i of working) {
      for (const m of i.messages) {
        if (m.answered || !m.date || m.date <= windowStart || m.date > unansweredLimit) continue;
        interactionEvidence.push({ url: i.url, seen: 'messageUnanswered', params: { column: i.name, title: m.title, date: m.date, days: daysBetween(m.date, today) }, at: crawled });
      }
    }
    if (interactionEvidence.length) add({ item: 'interaction', veto: true, value: interactionEvidence.length, threshold: 1, evidence: interactionEvidence });

    // Service guides: each registered guide opens and has every key element.
    const guideEvidence: Evidence[] = [];
    for (const g of c.guides) {
      if (g.error || g.status === null || g.status >= 400) guideEvidence.push({ url: g.url, seen: 'guideFailed', params: { guide: g.name, status: g.status ?? '', error: g.error ?? '' }, at: crawled });
      else if (g.missing.length) guideEvidence.push({ url: g.url, seen: 'guideMissing', params: { guide: g.name, missing: g.missing.join(',') }, at: crawled });
    }
    if (guideEvidence.length) add({ item: 'serviceGuides', veto: true, value: guideEvidence.length, threshold: 1, evidence: guideEvidence });

    // Deductions.
    if (c.brokenLinks.length) {
      add({ item: 'brokenLinks', veto: false, value: c.brokenLinks.length, threshold: 1, evidence: c.brokenLinks.map((l) => ({ url: l.url, seen: l.external ? 'linkBrokenExternal' : 'linkBroken', params: { from: l.from, status: l.status ?? '', error: l.error ?? '' }, at: crawled })) });
    }
    if (c.slowPages.length) {
      add({ item: 'slowPages', veto: false, value: c.slowPages.length, threshold: 1, evidence: c.slowPages.map((p) => ({ url: p.url, seen: 'pageSlow', params: { ms: p.ms }, at: crawled })) });
    }
    const undated = c.columns.flatMap((col) => col.items.filter((i) => !i.date).map((i) => ({ col, i })));
    if (undated.length) {
      add({ item: 'undatedItems', veto: false, value: undated.length, threshold: 1, evidence: undated.map(({ col, i }) => ({ url: i.url ?? col.url, seen: 'itemUndated', params: { column: col.name, title: i.title }, at: crawled })) });
    }
  }

  return {
    verdict: findings.some((f) => f.veto) ? 'fail' : 'pass',
    findings,
    probes: { total, failed: failed.length, from: sorted[0]?.at ?? '', to: sorted.at(-1)?.at ?? '' },
    evaluatedAt: at,
  };
}

/** The probes an evaluation at `at` covers: the 7 days before it. */
export function probeWindow(at: Date): { from: string; to: string } {
  return { from: new Date(at.getTime() - thresholds.probeWindowDays * 86_400_000).toISOString(), to: at.toISOString() };
}
