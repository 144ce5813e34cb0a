import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, for messages (never includes a password). */
  describe: string;
  /** The address it was opened with, for another thread to open the same database (null: in memory, not shareable). */
  url: string | null;
  close(): Promise<void>;
}

// PostgreSQL int8 (count(*), bigint) and numeric come back as strings by default.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function parseDatabaseUrl(url: string): { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string } {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/gongkai.db');
    return { dialect: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', url };
  throw new Error(`Unsupported database URL (use sqlite:PATH or postgres://…): ${url.replace(/\/\/[^@]*@/, '//***@')}`);
}

/** The better-sqlite3 connection behind each SQLite Kysely instance made by openStorage. */
const sqliteHandles = new WeakMap<Kysely<Database>, BetterSqlite3.Database>();

/**
 * The better-sqlite3 connection behind `db` (undefined for PostgreSQL and for transactions): for the few reads
 * made on every request that skip Kysely's per-query building and statement preparation
 * (storage/prepared.ts: the change stamps and the public pages' look-ups). SQL stays in storage/ and repositories.
 */
export function sqliteHandleOf(db: Kysely<Database>): BetterSqlite3.Database | undefined {
  return sqliteHandles.get(db);
}

/**
 * The connection as Kysely sees it, with prepared statements kept by SQL text (the 300 most recently used of at
 * most 2,000 characters, and the 16 most recently used longer ones: a prepared 200-row insert takes about half a
 * megabyte): Kysely prepares every query anew, and preparing (parsing and planning) took more time than running
 * the short look-ups of a public page, and 3 % of an import (the multi-row inserts of each batch).
 * A statement is kept from its second use, so that statements made once (values written into the text) do not
 * push out those used all the time. A statement still running (a streamed query's iterator) is not handed out
 * again; a fresh one is prepared. SQLite re-prepares a kept statement itself after a schema change.
 */
function keepingStatements(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const short = { kept: new Map<string, BetterSqlite3.Statement>(), seenOnce: new Set<string>(), max: 300 };
  const long = { kept: new Map<string, BetterSqlite3.Statement>(), seenOnce: new Set<string>(), max: 16 };
  return {
    close: () => {
      short.kept.clear();
      long.kept.clear();
      sqlite.close();
    },
    prepare(sql: string) {
      // insertion order = least recently used first, in both maps and sets
      const { kept, seenOnce, max } = sql.length > 2000 ? long : short;
      const hit = kept.get(sql);
      if (hit && !hit.busy) {
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      if (hit) return stmt;
      if (seenOnce.delete(sql)) {
        kept.set(sql, stmt);
        if (kept.size > max) kept.delete(kept.keys().next().value!);
      } else {
        seenOnce.add(sql);
        if (seenOnce.size > max) seenOnce.delete(seenOnce.values().next().value!);
      }
      return stmt;
    },
  };
}

export function openStorage(url: string): Storage {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') {
    const file = target.path === ':memory:' ? ':memory:' : resolve(target.path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // 32 MiB of pages kept by SQLite instead of 2: the upper levels of the big tables' and indexes' B-trees
    // stay in it (20 rows by id from a 1M-item catalog: 1.15 → 0.7 ms; docs/configuration.md, "Memory").
    sqlite.pragma('cache_size = -32768');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) });
    sqliteHandles.set(db, sqlite);
    return { db, dialect: 'sqlite', describe: `sqlite:${file}`, url: file === ':memory:' ? null : `sqlite:${file}`, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', describe: target.url.replace(/\/\/[^@]*@/, '//***@'), url: target.url, close: () => db.destroy() };
}

/** Whether an error is a unique-constraint violation, on either engine (SQLite's code, PostgreSQL's SQLSTATE 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
