import type { Services } from '../services.ts';
import { systemActor } from '../modules/audit/index.ts';
import { msUntilNextShanghaiTime } from '../kernel/calendar/index.ts';

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

/** When the daily validity job runs: five minutes after midnight in Asia/Shanghai (legal dates are Beijing dates). */
export const validityJobMinutesAfterMidnight = 5;

/**
 * The embedded scheduler: periodic housekeeping in the web process.
 * - sessions: expired sessions purged every hour, and once at start;
 * - validity: once at start (catches up after downtime), then daily at 00:05 Asia/Shanghai;
 * - deadlines: once at start, then daily at 06:00 Asia/Shanghai (applications due soon or overdue are flagged).
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

  return () => {
    stopped = true;
    if (deadlineTimer) clearTimeout(deadlineTimer);
    clearInterval(purgeTimer);
    if (validityTimer) clearTimeout(validityTimer);
  };
}
