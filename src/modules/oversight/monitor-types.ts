/**
 * The website monitor's data (spec oversight.md §1, design docs/design/oversight.md): what the office registers
 * for a site, what a probe and a crawl record, and what the evaluation finds. Pure types and constants, no I/O.
 */

/** How the date of each item in a column (or of a message) is found. */
export type DateSource =
  /** The item page's own metadata: <meta name="PubDate|firstpublishedtime|publishdate|article:published_time …">, <time datetime>. */
  | { type: 'meta' }
  /** The text of the first element matching a CSS selector, inside the list item (or on the item page if `onItemPage`). */
  | { type: 'selector'; selector: string; onItemPage?: boolean }
  /** The first match of a date pattern in the list item's text (any of the formats dates.ts knows when pattern is empty). */
  | { type: 'pattern'; pattern?: string };

/** 动态、要闻 (stale after 2 weeks) · 通知公告、政策文件 (stale after 6 months) · anything else (long stale after 1 year). */
export type ColumnKind = 'news' | 'notice' | 'other';
export const columnKinds: ColumnKind[] = ['news', 'notice', 'other'];

export interface WatchedColumn {
  name: string;
  url: string;
  kind: ColumnKind;
  /** CSS selector of one item in the column's list (default: `li` elements that contain a link). */
  itemSelector?: string;
  date: DateSource;
}

/** A consultation (留言) column: each message with its date, and whether it has been answered. */
export interface InteractionColumn {
  name: string;
  url: string;
  /** CSS selector of one message in the list (default: `li`). */
  itemSelector?: string;
  date: DateSource;
  /** A message whose text matches this pattern has not been answered (default: 未回复|待回复|未答复|办理中). */
  unansweredPattern?: string;
}

export interface ServiceGuidePage {
  name: string;
  url: string;
}

/** What the office registers for one website (stored as JSON in monitor_sites.config). */
export interface SiteConfig {
  homepage: string;
  columns: WatchedColumn[];
  interaction: InteractionColumn[];
  guides: ServiceGuidePage[];
  /** robots.txt is respected unless this is set (only for the office's own sites). */
  ignoreRobots: boolean;
  /** Bounds of a crawl: link depth from the homepage and pages fetched (each watched page counts). */
  maxDepth: number;
  maxPages: number;
  /** External links checked per crawl at most (each checked once, HEAD then GET). */
  maxExternalLinks: number;
}

export const defaultCrawlBounds = { maxDepth: 2, maxPages: 500, maxExternalLinks: 100 } as const;

/** Probe and crawl limits of the spec: a visit fails when the page has not opened after 15 s; pages load within 3 s. */
export const PROBE_TIMEOUT_MS = 15_000;
export const SLOW_PAGE_MS = 3_000;
/** At least 20 visits a day at spread intervals: one every 60 minutes (24 a day), each site at its own offset. */
export const PROBE_INTERVAL_MS = 60 * 60 * 1000;
export const USER_AGENT = 'Gongkai-WebsiteMonitor/1.0 (+https://github.com/gongkai; government website monitor)';

/** One reachability visit. */
export interface ProbeOutcome {
  at: string; // ISO instant
  ok: boolean;
  status: number | null;
  ms: number;
  error: string | null; // 'timeout' | 'ECONNREFUSED' | 'HTTP 500' …
}

/** A page fetched during a crawl. */
export interface PageVisit {
  url: string;
  status: number | null;
  ms: number;
  error: string | null;
  /** Where the page was linked from (null for registered pages). */
  from: string | null;
}

export interface ColumnItem {
  url: string | null;
  title: string;
  /** YYYY-MM-DD, or null when no date was found (an item without a date counts as not updated). */
  date: string | null;
}

export interface ColumnResult {
  name: string;
  url: string;
  kind: ColumnKind;
  /** null when the column page itself could not be fetched. */
  status: number | null;
  error: string | null;
  items: ColumnItem[];
  /** The newest dated item (YYYY-MM-DD), or null. */
  latest: string | null;
}

export interface MessageResult {
  title: string;
  date: string | null;
  answered: boolean;
}

export interface InteractionResult {
  name: string;
  url: string;
  status: number | null;
  error: string | null;
  messages: MessageResult[];
}

/** The key elements a service guide must have (服务指南要素). */
export const guideElements = ['name', 'basis', 'conditions', 'materials', 'place', 'fees', 'timeLimit', 'phone', 'procedure'] as const;
export type GuideElement = (typeof guideElements)[number];

export interface GuideResult {
  name: string;
  url: string;
  status: number | null;
  error: string | null;
  missing: GuideElement[];
}

export interface LinkResult {
  url: string;
  from: string;
  external: boolean;
  status: number | null;
  error: string | null;
}

/** Everything one crawl saw (stored as JSON in monitor_crawls.result; bounded by the site's limits). */
export interface CrawlResult {
  homepage: { url: string; status: number | null; ms: number; error: string | null; latest: string | null; dated: number };
  columns: ColumnResult[];
  interaction: InteractionResult[];
  guides: GuideResult[];
  /** Broken links only (status ≥ 400 or an error), with the page they were found on. */
  brokenLinks: LinkResult[];
  /** Pages that took more than SLOW_PAGE_MS. */
  slowPages: { url: string; ms: number }[];
  pagesFetched: number;
  linksChecked: number;
  /** Links to hosts that are not registered: never requested (no request to a host that is not registered). */
  externalUnchecked: number;
  /** Pages not fetched because robots.txt disallows them (evidence that the crawl was bounded by the site). */
  robotsDisallowed: string[];
  startedAt: string;
  finishedAt: string;
}

/** The items of the evaluation: the single-veto items of 国办秘函〔2019〕19号, then the deductions we measure. */
export const findingItems = [
  'unreachable', // 站点无法访问 (veto)
  'homepageStale', // 首页不更新 (veto)
  'columnsStale', // 栏目不更新: ≥ 5 stale columns (veto)
  'columnsLongStale', // 栏目不更新: ≥ 10 long-stale columns (veto)
  'columnsEmpty', // 栏目不更新: ≥ 5 empty columns (veto)
  'interaction', // 互动回应差 (veto)
  'serviceGuides', // 服务不实用 (veto)
  'brokenLinks', // 链接不可用 (deduction)
  'slowPages', // 页面打开超过 3 秒 (deduction)
  'undatedItems', // 信息无发布日期 (deduction; such items count as not updated)
] as const;
export type FindingItem = (typeof findingItems)[number];
export const vetoItems: FindingItem[] = ['unreachable', 'homepageStale', 'columnsStale', 'columnsLongStale', 'columnsEmpty', 'interaction', 'serviceGuides'];

/** One piece of evidence: the URL, what was seen there (a message key and its parameters), when. */
export interface Evidence {
  url: string;
  seen: string; // message key under oversight.evidence.*
  params: Record<string, string | number>;
  at: string; // ISO instant (probe or crawl time)
}

export interface Finding {
  item: FindingItem;
  veto: boolean;
  /** The measured figure (failure %, days, number of columns, links …) and the threshold it was compared with. */
  value: number;
  threshold: number;
  evidence: Evidence[];
}

export type Verdict = 'pass' | 'fail';

export interface Evaluation {
  verdict: Verdict; // fail when any veto item is found
  findings: Finding[];
  /** The week of probes the reachability figure covers. */
  probes: { total: number; failed: number; from: string; to: string };
  evaluatedAt: string;
}

/** One site in the weekly spot-check report. */
export interface SpotCheckSite {
  siteId: string;
  agency: { code: string; name: string };
  name: string;
  homepage: string;
  /** null when the site was not crawled during the week (then it is listed as not checked). */
  crawledAt: string | null;
  verdict: Verdict | null;
  findings: Finding[];
  probes: { total: number; failed: number };
}

/** The weekly spot-check report (周抽查通报) of an office: every site in its scope, frozen when generated. */
export interface SpotCheckReport {
  week: string; // YYYY-Www
  from: string; // Monday, YYYY-MM-DD
  to: string; // Sunday
  office: { code: string; name: string };
  generatedAt: string;
  sites: SpotCheckSite[];
  summary: { sites: number; checked: number; failed: number; byItem: Partial<Record<FindingItem, number>> };
}
