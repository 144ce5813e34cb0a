/**
 * Change stamps: what tells a process whether the data it keeps in memory (rendered public pages, the
 * agency tree, the site settings) is still current, also when another process sharing the database
 * changed it.
 *
 * - catalog: the newest publication event id (every change of an item writes one; ids are time-ordered),
 *   read off the primary key of publication_events;
 * - agencies, site: counters in change_counters (migration 0006), bumped in the same transaction as every
 *   change of an agency / of a setting (agencies.repository.ts, settings.repository.ts).
 *
 * All three come from ONE statement of three primary-key look-ups, compiled once (no query building per
 * request). There is deliberately no reuse of a recent read across requests: a read costs tens of
 * microseconds, and a withdrawn item must be gone from the very next page served by any process, so
 * every request reads the stamps afresh (a request's own snapshot: it sees every change committed before
 * its read started).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import { sqliteHandleOf } from './db.ts';
import type { Database } from './schema.ts';

export interface ChangeStamps {
  catalog: string;
  agencies: number;
  site: number;
}

export type ChangeCounter = 'agencies' | 'site';

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

/** A precompiled statement run on the SQLite connection itself: see createChangeStampsReader. */
function directReader<R>(db: Kysely<Database>, query: CompiledQuery): () => R | undefined {
  const sqlite = sqliteHandleOf(db);
  if (!sqlite) return () => undefined;
  let stmt: BetterSqlite3.Statement | null = null;
  const params = query.parameters as unknown[];
  return () => {
    // Inside a transaction of this process (Kysely holds the connection between awaits) the statement would see
    // its uncommitted writes: such a request takes the Kysely path, which waits for the transaction to end.
    if (!sqlite.open || sqlite.inTransaction) return undefined;
    try {
      // Prepared on first use (the tables may not exist yet when the reader is made, before migrations).
      stmt ??= sqlite.prepare(query.sql);
      return stmt.get(...params) as R | undefined;
    } catch {
      return undefined; // e.g. the connection busy with a streamed query: the Kysely path queues behind it
    }
  };
}

/**
 * The stamps reader: one precompiled statement. On SQLite it runs as a statement prepared once on the
 * connection (a few microseconds), not through Kysely, which builds, compiles and prepares every query anew
 * (that was most of a cached page's database time); each run is still its own read of the committed database,
 * so changes by any process are seen by the next request. PostgreSQL runs the compiled query (one round trip).
 */
export function createChangeStampsReader(db: Kysely<Database>) {
  const all: CompiledQuery = db
    .selectNoFrom((eb) => [
      eb.selectFrom('publication_events').select((e) => e.fn.max('id').as('m')).as('catalog'),
      eb.selectFrom('change_counters').select('value').where('name', '=', 'agencies').as('agencies'),
      eb.selectFrom('change_counters').select('value').where('name', '=', 'site').as('site'),
    ])
    .compile();
  type Row = { catalog: string | null; agencies: number | string | null; site: number | string | null };
  const allDirect = directReader<Row>(db, all);
  const counters = new Map<ChangeCounter, { query: CompiledQuery; direct: () => { value: number | string } | undefined }>();
  for (const name of ['agencies', 'site'] as const) {
    const query = db.selectFrom('change_counters').select('value').where('name', '=', name).compile();
    counters.set(name, { query, direct: directReader(db, query) });
  }
  const stamps = (r: Row | undefined): ChangeStamps => ({ catalog: String(r?.catalog ?? ''), agencies: Number(r?.agencies ?? 0), site: Number(r?.site ?? 0) });
  return {
    async read(): Promise<ChangeStamps> {
      const direct = allDirect();
      if (direct) return stamps(direct);
      return stamps((await db.executeQuery<Row>(all)).rows[0]);
    },
    /** One counter alone (a primary-key read). */
    async counter(name: ChangeCounter): Promise<number> {
      const c = counters.get(name)!;
      const r = c.direct() ?? (await db.executeQuery<{ value: number | string }>(c.query)).rows[0];
      return Number(r?.value ?? 0);
    },
  };
}
export type ChangeStampsReader = ReturnType<typeof createChangeStampsReader>;
