/**
 * Change stamps: what tells a process whether the data it keeps in memory (rendered public pages, the
 * agency tree, the site settings) is still current, also when another process sharing the database
 * changed it.
 *
 * - catalog, agencies, site: counters in change_counters (migrations 0006, 0014), bumped in the same
 *   transaction as every publication event / change of an agency / of a setting (publications.repository.ts,
 *   agencies.repository.ts, settings.repository.ts). A counter moves on every commit, in commit order
 *   (the catalog's stamp was the newest event id until migration 0014 says why not).
 *
 * All three come from ONE statement of three primary-key look-ups, compiled once (no query building per
 * request). A withdrawn item must be gone from the very next page served by any process, so a request's
 * stamps come from a read begun after it was received: its own, or one that another request began while it
 * waited (catalog/public-pages.ts); never an earlier read.
 */
import type { Kysely } from 'kysely';
import { preparedRead } from './prepared.ts';
import type { Database } from './schema.ts';

export interface ChangeStamps {
  /** The catalog counter, as a string (the stamp's form since it was an event id). */
  catalog: string;
  agencies: number;
  site: number;
}

export type ChangeCounter = 'catalog' | 'agencies' | 'site';

/** Adds one to a change counter; run it in the transaction of the change (`db` may be a transaction). */
export async function bumpChangeCounter(db: Kysely<Database>, name: ChangeCounter): Promise<void> {
  await db
    .updateTable('change_counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .execute();
}

/** Runs `work` in a transaction unless `db` already is one. */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * The stamps reader: one statement, compiled once (storage/prepared.ts: on SQLite prepared once and run on
 * the connection itself, a few microseconds, instead of Kysely building, compiling and preparing it anew —
 * that was most of a cached page's database time); each run is still its own read of the committed database,
 * so changes by any process are seen by the next request. PostgreSQL runs the compiled query (one round trip).
 */
export function createChangeStampsReader(db: Kysely<Database>) {
  const all = preparedRead(db, (q) =>
    q.selectNoFrom((eb) => [
      eb.selectFrom('change_counters').select('value').where('name', '=', 'catalog').as('catalog'),
      eb.selectFrom('change_counters').select('value').where('name', '=', 'agencies').as('agencies'),
      eb.selectFrom('change_counters').select('value').where('name', '=', 'site').as('site'),
    ]),
  );
  const counter = preparedRead(db, (q, name: ChangeCounter) => q.selectFrom('change_counters').select('value').where('name', '=', name));
  return {
    async read(): Promise<ChangeStamps> {
      const r = (await all(db))[0];
      return { catalog: String(r?.catalog ?? 0), agencies: Number(r?.agencies ?? 0), site: Number(r?.site ?? 0) };
    },
    /** One counter alone (a primary-key read). */
    async counter(name: ChangeCounter): Promise<number> {
      return Number((await counter(db, name))[0]?.value ?? 0);
    },
  };
}
export type ChangeStampsReader = ReturnType<typeof createChangeStampsReader>;
