/**
 * Reads compiled once and run many times with new values: for the few short look-ups every public page makes
 * (the change stamps, an item by id, its issuers, interpretations, versions and files), where building and
 * compiling the Kysely query and passing it through Kysely's executor cost several times what SQLite needs to
 * answer it.
 *
 * `build(q, ...values)` writes the query once for both ways of running it. Called with the database itself, the
 * query built with placeholder values is compiled once and a run substitutes the values into its parameters; on
 * SQLite the statement runs on the connection itself (prepared once), unless a transaction of this process is
 * open on it (its uncommitted writes would be visible: the read then goes through Kysely and waits for the
 * transaction like any other query); PostgreSQL runs the compiled query through Kysely. Called with a
 * transaction, the query is built on it and run as usual. Use only with scalar values (a list would change the
 * SQL text).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import { sqliteHandleOf } from './db.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;
interface Runnable<R> {
  compile(): CompiledQuery<R>;
  execute(): Promise<R[]>;
}

export function preparedRead<A extends (string | number)[], R>(db: Db, build: (q: Db, ...args: A) => Runnable<R>): (q: Db, ...args: A) => Promise<R[]> {
  const marks = [] as unknown as A;
  for (let i = 1; i < build.length; i++) (marks as unknown[]).push(`\u0000prepared-read-${i}\u0000`);
  let compiled: CompiledQuery<R> | null = null;
  let slots: number[] = []; // for each compiled parameter: the argument it takes (-1: a constant of the query)
  const sqlite = sqliteHandleOf(db);
  let stmt: BetterSqlite3.Statement | null = null;
  return async (q: Db, ...args: A): Promise<R[]> => {
    if (q !== db) return build(q, ...args).execute();
    if (!compiled) {
      compiled = build(db, ...marks).compile();
      slots = compiled.parameters.map((p) => (marks as unknown[]).indexOf(p));
      if ((marks as unknown[]).some((_, i) => !slots.includes(i))) throw new Error(`preparedRead: a value is not a parameter of ${compiled.sql}`);
    }
    const params = compiled.parameters.map((p, i) => (slots[i] >= 0 ? args[slots[i]] : p));
    if (sqlite && sqlite.open && !sqlite.inTransaction) {
      try {
        // Prepared on first use (the tables may not exist yet when the read is made, before migrations).
        stmt ??= sqlite.prepare(compiled.sql);
        if (!stmt.busy) return stmt.all(...params) as R[];
      } catch {
        // e.g. the connection busy with a streamed query: Kysely's path below queues behind it
      }
    }
    return (await db.executeQuery<R>({ ...compiled, parameters: params })).rows;
  };
}
