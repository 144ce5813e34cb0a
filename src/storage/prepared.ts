/**
 * Reads compiled once and run many times with new values: for the few short look-ups every public page makes
 * (an item by id, its issuers, interpretations and versions), where building and compiling the Kysely query and
 * passing it through Kysely's executor cost several times what SQLite needs to answer it.
 *
 * The query is built once with placeholder values and compiled; a run substitutes the values into the compiled
 * parameters. On SQLite the statement runs on the connection itself (prepared once), unless a transaction of
 * this process is open on it (its uncommitted writes would be visible: the read then goes through Kysely and
 * waits for the transaction like any other query). PostgreSQL always runs the compiled query through Kysely.
 * Use only with scalar values (a list would change the SQL text).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Compilable, Kysely } from 'kysely';
import { sqliteHandleOf } from './db.ts';
import type { Database } from './schema.ts';

export function preparedRead<A extends (string | number)[], R>(db: Kysely<Database>, build: (...args: A) => Compilable<R>): (...args: A) => Promise<R[]> {
  const marks = [] as unknown as A;
  for (let i = 0; i < build.length; i++) (marks as unknown[]).push(`\u0000prepared-read-${i}\u0000`);
  let compiled: CompiledQuery<R> | null = null;
  let slots: number[] = []; // for each compiled parameter: the argument it takes (-1: a constant of the query)
  const sqlite = sqliteHandleOf(db);
  let stmt: BetterSqlite3.Statement | null = null;
  return async (...args: A): Promise<R[]> => {
    if (!compiled) {
      compiled = build(...marks).compile();
      slots = compiled.parameters.map((p) => (marks as unknown[]).indexOf(p));
      if ((marks as unknown[]).some((_, i) => !slots.includes(i))) throw new Error(`preparedRead: a value is not a parameter of ${compiled.sql}`);
    }
    const params = compiled.parameters.map((p, i) => (slots[i] >= 0 ? args[slots[i]] : p));
    if (sqlite && sqlite.open && !sqlite.inTransaction) {
      try {
        stmt ??= sqlite.prepare(compiled.sql);
        if (!stmt.busy) return stmt.all(...params) as R[];
      } catch {
        // e.g. the connection busy with a streamed query: Kysely's path below queues behind it
      }
    }
    return (await db.executeQuery<R>({ ...compiled, parameters: params })).rows;
  };
}
