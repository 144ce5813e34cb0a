import type { Services } from '../services.ts';

/**
 * The embedded scheduler: periodic housekeeping in the web process.
 * (Later issues move heavier jobs to a job table with croner / pg-boss.)
 */
export function startJobs(services: Services): () => void {
  const purge = () => services.users.purgeExpiredSessions().catch(() => undefined);
  const timer = setInterval(purge, 60 * 60 * 1000);
  timer.unref();
  void purge();
  return () => clearInterval(timer);
}
