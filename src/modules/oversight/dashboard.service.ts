/**
 * The supervision dashboard (监督概览, issue 6, spec oversight.md §1): for a disclosure authority, one row per agency
 * below it with the year's figures — publications and the share published within 20 working days (Art. 26), rules and
 * normative documents without an interpretation, applications open / due soon / overdue / answered late, last year's
 * annual report, the newest website check and open rectifications — and weekly trends over the last 12 ISO weeks.
 * Every figure is counted in SQL by the owning module's repository (grouped per agency, never rows loaded here).
 */
import { errors } from '../../kernel/errors.ts';
import type { Clock } from '../../kernel/clock.ts';
import { addDays, daysBetween, dayOfWeek, isoWeekOf, todayInShanghai } from '../../kernel/calendar/index.ts';
import { auditScope, canSeeAgency, visibleAgencyIds, type Agency, type AgencyKind, type AgenciesService, type AgencyTree, type Principal } from '../agencies/index.ts';
import { DUE_SOON_DAYS, type ApplicationsRepository } from '../applications/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { PublicationsRepository } from '../catalog/index.ts';
import type { ReportsService, ReportStatus } from '../reports/index.ts';
import type { MonitorRepository } from './monitor.repository.ts';
import type { MonitorService } from './monitor.service.ts';

/** The report column's state for last year's annual report. */
export interface DashboardReport {
  year: number;
  status: ReportStatus | 'none';
  dueOn: string | null;
  overdue: boolean;
}

export interface DashboardFigures {
  published: number;
  late: number;
  /** Published within 20 working days (published − late). */
  onTime: number;
  /** onTime / published; null when nothing was published. */
  onTimeShare: number | null;
  missingInterpretation: number;
  open: number;
  dueSoon: number;
  overdue: number;
  answeredLate: number;
  rectifications: number;
}

export interface DashboardRow extends DashboardFigures {
  agency: Agency;
  depth: number;
  /** Agencies directly below it among the rows of the scope. */
  children: number;
  report: DashboardReport | null;
  website: { verdict: 'pass' | 'fail' | null; checkedAt: string | null; sites: number };
  /** Something needs attention: late items, missing interpretations, overdue cases or answers, an overdue report, a failed check, open rectifications. */
  problems: boolean;
}

export interface DashboardTotals extends DashboardFigures {
  agencies: number;
  reportsOverdue: number;
  reportsPublished: number;
  websitesFailed: number;
  websitesChecked: number;
}

export const dashboardSortKeys = ['agency', 'published', 'onTimeShare', 'late', 'missingInterpretation', 'open', 'dueSoon', 'overdue', 'answeredLate', 'report', 'website', 'rectifications'] as const;
export type DashboardSortKey = (typeof dashboardSortKeys)[number];
export const isDashboardSortKey = (s: unknown): s is DashboardSortKey => typeof s === 'string' && (dashboardSortKeys as readonly string[]).includes(s);
/** The direction a column sorts in first: the worst first (most problems; the lowest share), names A–Z. */
export const defaultDirection = (key: DashboardSortKey): 'asc' | 'desc' => (key === 'agency' || key === 'onTimeShare' ? 'asc' : 'desc');

export interface DashboardQuery {
  year?: number;
  kind?: AgencyKind;
  problemsOnly?: boolean;
  sort?: DashboardSortKey;
  dir?: 'asc' | 'desc';
}

export interface WeekPoint {
  week: string; // 'YYYY-Www'
  from: string;
  to: string;
  published: number;
  publishedLate: number;
  received: number;
  answeredLate: number;
  checksFailed: number;
}

/** How many ISO weeks the trends show, the current one included. */
export const TREND_WEEKS = 12;

const emptyFigures = (): DashboardFigures => ({ published: 0, late: 0, onTime: 0, onTimeShare: null, missingInterpretation: 0, open: 0, dueSoon: 0, overdue: 0, answeredLate: 0, rectifications: 0 });

/** Agencies a principal supervises (authority or inspector: the agency and everything below; administrators: all); empty when none. */
export function supervisedIds(p: Principal, tree: AgencyTree): Set<string> | 'all' {
  return auditScope(p, tree) ?? new Set();
}

/** Higher is worse: overdue, not started, in progress, published. */
const reportRank = (r: DashboardReport | null) => (!r ? -1 : r.overdue ? 3 : r.status === 'published' ? 0 : r.status === 'none' ? 2 : 1);
const websiteRank = (v: 'pass' | 'fail' | null) => (v === 'fail' ? 2 : v === null ? 1 : 0);

/** The value a row sorts by (null: always last). */
function sortValue(r: DashboardRow, key: DashboardSortKey): number | string | null {
  switch (key) {
    case 'agency':
      return r.agency.name;
    case 'report':
      return reportRank(r.report);
    case 'website':
      return websiteRank(r.website.verdict);
    case 'onTimeShare':
      return r.onTimeShare;
    default:
      return r[key];
  }
}

export function sortRows(rows: DashboardRow[], key: DashboardSortKey, dir: 'asc' | 'desc'): DashboardRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    let c = 0;
    if (typeof x === 'string' && typeof y === 'string') c = x.localeCompare(y, 'zh-CN');
    else if (x !== null && y !== null) c = (x as number) - (y as number);
    return c * sign || a.agency.name.localeCompare(b.agency.name, 'zh-CN') || a.agency.code.localeCompare(b.agency.code);
  });
}

export function totalsOf(rows: DashboardRow[]): DashboardTotals {
  const t: DashboardTotals = { ...emptyFigures(), agencies: rows.length, reportsOverdue: 0, reportsPublished: 0, websitesFailed: 0, websitesChecked: 0 };
  for (const r of rows) {
    t.published += r.published;
    t.late += r.late;
    t.onTime += r.onTime;
    t.missingInterpretation += r.missingInterpretation;
    t.open += r.open;
    t.dueSoon += r.dueSoon;
    t.overdue += r.overdue;
    t.answeredLate += r.answeredLate;
    t.rectifications += r.rectifications;
    if (r.report?.overdue) t.reportsOverdue++;
    if (r.report?.status === 'published') t.reportsPublished++;
    if (r.website.verdict) t.websitesChecked++;
    if (r.website.verdict === 'fail') t.websitesFailed++;
  }
  t.onTimeShare = t.published ? t.onTime / t.published : null;
  return t;
}

/** The last TREND_WEEKS ISO weeks up to the one holding `today`, oldest first, with zero counts. */
export function trendWeeks(today: string): WeekPoint[] {
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  const first = addDays(monday, -7 * (TREND_WEEKS - 1));
  return Array.from({ length: TREND_WEEKS }, (_, i) => {
    const from = addDays(first, 7 * i);
    return { week: isoWeekOf(from), from, to: addDays(from, 6), published: 0, publishedLate: 0, received: 0, answeredLate: 0, checksFailed: 0 };
  });
}

export function createDashboardService(deps: {
  agencies: AgenciesService;
  catalog: PublicationsRepository;
  applications: ApplicationsRepository;
  monitor: MonitorService;
  monitorRepo: MonitorRepository;
  reports: ReportsService;
  calendar: CalendarService;
  clock: Clock;
}) {
  const { agencies, catalog, applications, monitor, monitorRepo, reports, calendar, clock } = deps;
  const today = () => todayInShanghai(clock.now());
  const currentYear = () => Number(today().slice(0, 4));

  /** A year the dashboard can show: 2008 (the regulation's first full year) to the current one; else the current one. */
  function yearOf(y: number | undefined): number {
    const now = currentYear();
    return y && Number.isInteger(y) && y >= 2008 && y <= now ? y : now;
  }

  /** The figures of the agencies (ids in tree order), counted for `year`. `principal` decides which annual reports show. */
  async function figures(principal: Principal, tree: AgencyTree, list: { agency: Agency; depth: number }[], ids: string[] | 'all', year: number): Promise<DashboardRow[]> {
    const t = today();
    const dueSoonUntil = (await calendar.current()).addWorkingDays(t, DUE_SOON_DAYS).date;
    const openCounts = async () => {
      if (ids === 'all') return applications.openCounts('all', t, dueSoonUntil);
      const out = [];
      for (let i = 0; i < ids.length; i += 900) out.push(...(await applications.openCounts(ids.slice(i, i + 900), t, dueSoonUntil)));
      return out;
    };
    const [pubs, open, late, deadlines, states] = await Promise.all([
      catalog.oversightCounts(ids, year),
      openCounts(),
      applications.lateCounts(ids, year),
      reports.deadlines(principal, year - 1),
      monitor.agencyStates(ids),
    ]);
    const openBy = new Map(open.map((o) => [o.agencyId, o]));
    const reportBy = new Map(deadlines.map((d) => [d.agency.id, d]));
    const inScope = new Set(list.map((l) => l.agency.id));
    return list.map(({ agency, depth }) => {
      const p = pubs.get(agency.id);
      const o = openBy.get(agency.id);
      const d = reportBy.get(agency.id);
      const s = states.get(agency.id);
      const published = p?.published ?? 0;
      const lateN = p?.late ?? 0;
      const row: DashboardRow = {
        agency,
        depth,
        children: tree.children(agency.id).filter((c) => inScope.has(c.id)).length,
        published,
        late: lateN,
        onTime: published - lateN,
        onTimeShare: published ? (published - lateN) / published : null,
        missingInterpretation: p?.missingInterpretation ?? 0,
        open: o?.open ?? 0,
        dueSoon: o?.dueSoon ?? 0,
        overdue: o?.overdue ?? 0,
        answeredLate: late.get(agency.id) ?? 0,
        report: d ? { year: year - 1, status: d.status, dueOn: d.dueOn, overdue: d.overdue } : null,
        website: { verdict: s?.verdict ?? null, checkedAt: s?.checkedAt ?? null, sites: s?.sites ?? 0 },
        rectifications: s?.openRectifications ?? 0,
        problems: false,
      };
      row.problems = row.late > 0 || row.missingInterpretation > 0 || row.overdue > 0 || row.answeredLate > 0 || !!row.report?.overdue || row.website.verdict === 'fail' || row.rectifications > 0;
      return row;
    });
  }

  /** Weekly counts over the last TREND_WEEKS ISO weeks for the agencies ('all': every agency). */
  async function trends(ids: string[] | 'all'): Promise<WeekPoint[]> {
    const t = today();
    const weeks = trendWeeks(t);
    const from = weeks[0]!.from;
    const to = weeks.at(-1)!.to;
    const [pubs, apps, failed] = await Promise.all([
      catalog.weeklyPublished(ids, from),
      applications.weeklySeries(ids, from, to),
      monitorRepo.failedCrawlsByHour(ids, new Date(`${from}T00:00:00+08:00`).toISOString()),
    ]);
    const at = (day: string) => {
      const i = Math.floor(daysBetween(from, day) / 7);
      return i >= 0 && i < weeks.length ? weeks[i]! : null;
    };
    for (const r of pubs) {
      const w = at(r.day);
      if (w) (w.published += r.published), (w.publishedLate += r.late);
    }
    for (const r of apps.received) {
      const w = at(r.day);
      if (w) w.received += r.n;
    }
    for (const r of apps.answeredLate) {
      const w = at(r.day);
      if (w) w.answeredLate += r.n;
    }
    for (const r of failed) {
      const w = at(todayInShanghai(new Date(`${r.hour}:00:00.000Z`)));
      if (w) w.checksFailed += r.n;
    }
    return weeks;
  }

  return {
    yearOf,
    currentYear,
    today,

    /**
     * The dashboard of everything the principal supervises: rows in tree order (or sorted, flat), filtered by kind and
     * problems, with totals over the rows shown. `supervising` is false for a user who supervises nothing: `own` then
     * lists the agencies they belong to (the routes show those).
     */
    async overview(principal: Principal, q: DashboardQuery = {}) {
      const tree = await agencies.tree();
      const year = yearOf(q.year);
      const scope = supervisedIds(principal, tree);
      if (scope !== 'all' && scope.size === 0) {
        const v = visibleAgencyIds(principal, tree);
        const own = tree.flatten().filter(({ agency }) => !agency.disabled && (v === 'all' || v.has(agency.id))).map(({ agency }) => agency);
        return { supervising: false as const, own, year };
      }
      // Depth relative to the scope: a department's authority sees its department as the top of the tree.
      const all = tree.flatten().filter(({ agency }) => !agency.disabled && (scope === 'all' || scope.has(agency.id)));
      const tops = new Set(all.filter(({ agency }) => !agency.parentId || !all.some((x) => x.agency.id === agency.parentId)).map((x) => x.agency.id));
      const list: { agency: Agency; depth: number }[] = [];
      const ids = new Set(all.map((x) => x.agency.id));
      const walk = (a: Agency, depth: number) => {
        list.push({ agency: a, depth });
        for (const c of tree.children(a.id)) if (ids.has(c.id)) walk(c, depth + 1);
      };
      for (const x of all) if (tops.has(x.agency.id)) walk(x.agency, 0);
      const everything = scope === 'all' || tree.all().every((a) => scope.has(a.id));
      let rows = await figures(principal, tree, list, everything ? 'all' : [...ids], year);
      if (q.kind) rows = rows.filter((r) => r.agency.kind === q.kind);
      if (q.problemsOnly) rows = rows.filter((r) => r.problems);
      const sorted = !!q.sort;
      if (q.sort) rows = sortRows(rows, q.sort, q.dir ?? defaultDirection(q.sort));
      return {
        supervising: true as const,
        year,
        reportYear: year - 1,
        today: today(),
        rows,
        sorted,
        totals: totalsOf(rows),
        trends: await trends(everything ? 'all' : [...ids]),
      };
    },

    /** One agency's own figures and trends; not found unless the principal may see the agency. */
    async agency(principal: Principal, code: string, q: { year?: number } = {}) {
      const tree = await agencies.tree();
      const agency = tree.byCode.get(code);
      if (!agency || !canSeeAgency(principal, tree, agency.id)) throw errors.notFound('agency', code);
      const year = yearOf(q.year);
      const [row] = await figures(principal, tree, [{ agency, depth: 0 }], [agency.id], year);
      const v = visibleAgencyIds(principal, tree);
      return {
        year,
        reportYear: year - 1,
        today: today(),
        row: row!,
        parent: ((p) => (p && (v === 'all' || v.has(p.id)) ? p : null))(tree.parent(agency.id)),
        children: tree.children(agency.id).filter((c) => !c.disabled && (v === 'all' || v.has(c.id))),
        trends: await trends([agency.id]),
      };
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
