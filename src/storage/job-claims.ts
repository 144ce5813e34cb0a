/**
 * Job claims: with several app processes on one database, each scheduled run (a job's slot: a minute, a day, a
 * week) is done by the one process that claims it first. The claim is a row whose primary key is (job, slot): the
 * second insert fails on either engine, so the claim is atomic without locks. Old claims are deleted as new ones
 * are made (they only have to outlive the slot).
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from './db.ts';
import type { Database } from './schema.ts';

/** True when this process may run `job` for `slot` (it claimed it now); false when another process already has. */
export async function claimJob(db: Kysely<Database>, job: string, slot: string, at: Date): Promise<boolean> {
  try {
    await db.insertInto('job_claims').values({ job, slot, claimed_at: at.toISOString() }).execute();
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
  // Claims older than two weeks say nothing any more (the longest slot is a week).
  await db.deleteFrom('job_claims').where('job', '=', job).where('claimed_at', '<', new Date(at.getTime() - 14 * 86_400_000).toISOString()).execute();
  return true;
}
