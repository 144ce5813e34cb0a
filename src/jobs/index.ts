import type { Services } from '../services.ts';
import { systemActor } from '../modules/audit/index.ts';
import { dayOfWeek, isoWeekOf, msUntilNextShanghaiTime, todayInShanghai } from '../kernel/calendar/index.ts';
import { claimJob } from '../storage/job-claims.ts';

/** Where a job reports a failure (the web server passes its logger). */
export interface JobLog {
  error(obj: unknown, msg?: string): void;
}

/**
 * The validity job: documents whose end date (有效期至) has passed become 失效, as the system.
 * Each change writes a publication event (which moves the public pages' cache stamp) and an audit entry.
 */
export function runValidityJob(services: Services): Promise<number> {
  return services.publications.applyValidityEndDates(systemActor);
}

/**
 * The deadline job (issue 4): flags open applications due within DUE_SOON_DAYS working days and overdue ones
 * (and clears flags that no longer hold), as the system. Never closes a case.
 */
export function runDeadlineJob(services: Services) {
  return services.applications.flagDeadlines(systemActor);
}

/** When the daily deadline job runs: 06:00 Asia/Shanghai, before the offices open. */
export const deadlineJobMinutesAfterMidnight = 6 * 60;

/**
 * The probe job (website monitor, spec oversight.md §1): run every minute; probes the active sites whose own minute of
 * the hour this is (each site is visited 24 times a day, the sites spread over the hour). Returns the sites probed.
 */
export function runProbeJob(services: Services, at: Date = services.clock.now()): Promise<number> {
  return services.monitor.probeDue(at);
}

/**
 * The crawl job: every active site crawled and evaluated, CRAWL_SITES_AT_ONCE at a time, as the system (trigger 'schedule');
 * with `neverCrawled`, only the active sites without a finished crawl (the catch-up shortly after start).
 * When `signal` aborts the job ends at once: the crawl in progress is recorded as failed and the sites not reached
 * are left for the next run.
 */
export async function runCrawlJob(services: Services, opts: { neverCrawled?: boolean; signal?: AbortSignal; onProgress?: (p: { pages: number; links: number }) => void } = {}) {
  let siteIds: string[] | undefined;
  if (opts.neverCrawled) {
    const { sites } = await services.monitor.sites(services.users.systemPrincipal());
    siteIds = sites.filter((s) => s.site.active && !s.latest).map((s) => s.site.id);
    if (!siteIds.length) return [];
  }
  return services.monitor.crawlAll(systemActor, { trigger: 'schedule', ...(siteIds ? { siteIds } : {}), signal: opts.signal, onProgress: opts.onProgress, concurrency: CRAWL_SITES_AT_ONCE });
}

/** The weekly job: every office (a government with sites below it) gets last week's spot-check report, frozen. */
export function runSpotCheckJob(services: Services): Promise<string[]> {
  return services.monitor.generateLastWeek(systemActor);
}

/** Sites crawled at the same time by the scheduled job (each crawl keeps its per-host politeness). */
export const CRAWL_SITES_AT_ONCE = 4;

/** When the daily crawl runs: 02:00 Asia/Shanghai, when the sites are quiet. */
export const crawlJobMinutesAfterMidnight = 2 * 60;
/** When the weekly report is generated: Monday (ISO day 1) at 07:00 Asia/Shanghai, before the office opens. */
export const spotCheckJobWeekday = 1;
export const spotCheckJobMinutesAfterMidnight = 7 * 60;
/** The catch-up crawl of sites never crawled: this long after the scheduler starts (the server listens by then). */
export const initialCrawlDelayMs = 30_000;

/** Milliseconds until the next `weekday` (ISO: 1 = Monday … 7 = Sunday) at `minutesAfterMidnight` in Asia/Shanghai. */
export function msUntilNextShanghaiWeekday(now: Date, weekday: number, minutesAfterMidnight: number): number {
  let wait = msUntilNextShanghaiTime(now, minutesAfterMidnight);
  for (let i = 0; i < 7 && isoWeekday(new Date(now.getTime() + wait)) !== weekday; i++) wait += 24 * 60 * 60 * 1000;
  return wait;
}
const isoWeekday = (at: Date) => ((dayOfWeek(todayInShanghai(at)) + 6) % 7) + 1;

/** When the daily validity job runs: five minutes after midnight in Asia/Shanghai (legal dates are Beijing dates). */
export const validityJobMinutesAfterMidnight = 5;

/**
 * The embedded scheduler: periodic housekeeping in the web process.
 * - sessions: expired sessions purged every hour, and once at start;
 * - validity: once at start (catches up after downtime), then daily at 00:05 Asia/Shanghai;
 * - deadlines: once at start, then daily at 06:00 Asia/Shanghai (applications due soon or overdue are flagged);
 * - website monitor: at start, crawls left running by a stopped process are marked failed and the agencies' own
 *   portal pages are registered; probes every minute (each site at its own minute of the hour); a crawl of every
 *   active site daily at 02:00 Asia/Shanghai, and 30 s after start a crawl of the sites never crawled; every Monday
 *   at 07:00 Asia/Shanghai last week's spot-check report of each office. One crawl job at a time per process.
 *
 * Plain timers rather than a cron library: both schedules are fixed, and a timer re-armed after each run
 * from the clock (computed in UTC+8, not the server's zone) does not drift and needs no dependency.
 * With several app processes every process runs the jobs; both are idempotent (the validity job claims
 * each item with a conditional update, so an item is expired — and audited — once).
 * (Later issues move heavier jobs to a job table with croner / pg-boss.)
 */
export function startJobs(services: Services, opts: { log?: JobLog } = {}): () => void {
  const log = opts.log;
  const purge = () => services.users.purgeExpiredSessions().catch((e) => log?.error(e, 'job sessions.purge failed'));
  const purgeTimer = setInterval(purge, 60 * 60 * 1000);
  purgeTimer.unref();
  void purge();

  let stopped = false;
  let validityTimer: NodeJS.Timeout | undefined;
  const validity = async () => {
    try {
      await runValidityJob(services);
    } catch (e) {
      log?.error(e, 'job catalog.applyValidity failed');
    }
    if (stopped) return;
    validityTimer = setTimeout(validity, msUntilNextShanghaiTime(services.clock.now(), validityJobMinutesAfterMidnight));
    validityTimer.unref();
  };
  void validity();

  let deadlineTimer: NodeJS.Timeout | undefined;
  const deadlines = async () => {
    try {
      await runDeadlineJob(services);
    } catch (e) {
      log?.error(e, 'job applications.flagDeadlines failed');
    }
    if (stopped) return;
    deadlineTimer = setTimeout(deadlines, msUntilNextShanghaiTime(services.clock.now(), deadlineJobMinutesAfterMidnight));
    deadlineTimer.unref();
  };
  void deadlines();

  // The website monitor: its start-up, then (unless MONITOR_SCHEDULE=false) probes and crawls, and the weekly report.
  const stopMonitor = startMonitorJobs(services, log);
  return () => {
    stopped = true;
    stopMonitor();
    if (deadlineTimer) clearTimeout(deadlineTimer);
    clearInterval(purgeTimer);
    if (validityTimer) clearTimeout(validityTimer);
  };
}

/**
 * The website monitor's schedule. At start: crawls left running by a stopped process are marked failed and the
 * agencies' own portal pages are registered. Unless MONITOR_SCHEDULE=false: probes every minute (each site at its own
 * minute of the hour), a crawl of every active site daily at 02:00 Asia/Shanghai and, 30 s after start, of the sites
 * never crawled (one crawl job at a time). Every Monday at 07:00 Asia/Shanghai, last week's spot-check report of each
 * office. Stopping aborts the crawl in progress (it is recorded as failed).
 */
function startMonitorJobs(services: Services, log: JobLog | undefined): () => void {
  const abort = new AbortController();
  const stopped = () => abort.signal.aborted;
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    timers.add(timer);
  };
  /** Whether this process runs the job's slot (the first process to claim it; the others skip it). */
  const claimed = (job: string, slot: string) => claimJob(services.storage.db, job, slot, services.clock.now()).catch(() => false);
  const run = async (name: string, job: () => Promise<unknown>) => {
    try {
      await job();
    } catch (e) {
      if (!stopped()) log?.error(e, `job ${name} failed`);
    }
  };

  const ready = (async () => {
    await run('monitor.failInterrupted', () => services.monitor.failInterrupted());
    if (!stopped()) await run('monitor.syncOwnSites', () => services.monitor.syncOwnSites());
  })();

  const weekly = () =>
    later(async () => {
      await run('monitor.generateLastWeek', async () => (await claimed('monitor.spotCheck', isoWeekOf(todayInShanghai(services.clock.now())))) && runSpotCheckJob(services));
      if (!stopped()) weekly();
    }, msUntilNextShanghaiWeekday(services.clock.now(), spotCheckJobWeekday, spotCheckJobMinutesAfterMidnight));
  weekly();

  if (services.config.monitorSchedule) {
    // Probes: re-armed for the start of the next minute of the clock, so that each site keeps its minute of the hour.
    const untilNextMinute = () => 60_000 - (services.clock.now().getTime() % 60_000);
    const probes = async () => {
      // One process per minute probes (with several app processes, a site is still visited once).
      const minute = new Date(Math.floor(services.clock.now().getTime() / 60_000) * 60_000).toISOString();
      await run('monitor.probeDue', async () => (await claimed('monitor.probe', minute)) && runProbeJob(services));
      if (!stopped()) later(probes, untilNextMinute());
    };
    void ready.then(() => !stopped() && later(probes, untilNextMinute()));

    let crawling = false;
    const crawl = async (what: { neverCrawled?: boolean }, name: string) => {
      if (crawling) return; // the previous crawl job is still going: the sites it has not reached yet are crawled by it
      crawling = true;
      await ready;
      await run(name, () => runCrawlJob(services, { ...what, signal: abort.signal }));
      crawling = false;
    };
    later(async () => (await claimed('monitor.crawlNew', todayInShanghai(services.clock.now()))) && void crawl({ neverCrawled: true }, 'monitor.crawlNew'), initialCrawlDelayMs);
    const daily = () =>
      later(async () => {
        // Agencies added since the start get their own portal pages registered before the crawl.
        await run('monitor.syncOwnSites', () => services.monitor.syncOwnSites());
        if (await claimed('monitor.crawlAll', todayInShanghai(services.clock.now()))) await crawl({}, 'monitor.crawlAll');
        if (!stopped()) daily();
      }, msUntilNextShanghaiTime(services.clock.now(), crawlJobMinutesAfterMidnight));
    daily();
  }

  return () => {
    abort.abort();
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}
