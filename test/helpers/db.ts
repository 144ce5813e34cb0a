import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'node:test';
import pg from 'pg';
import { openStorage, type Storage, type DialectName } from '../../src/storage/db.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { randomToken } from '../../src/kernel/ids.ts';

export interface TestDb extends Storage {
  /** Drops the throw-away database (temp file or PostgreSQL schema). */
  dispose(): Promise<void>;
}

/** The dialects the suite runs on: SQLite always; PostgreSQL when DATABASE_URL_PG is set (required with REQUIRE_PG=1). */
export function testDialects(): DialectName[] {
  if (process.env.DATABASE_URL_PG) return ['sqlite', 'postgres'];
  if (process.env.REQUIRE_PG === '1') throw new Error('REQUIRE_PG=1 but DATABASE_URL_PG is not set: PostgreSQL tests cannot be skipped');
  return ['sqlite'];
}

/** A fresh, migrated database of the given dialect: a temp SQLite file, or a new schema in DATABASE_URL_PG. */
export async function createTestDb(dialect: DialectName, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
    const storage = openStorage(`sqlite:${join(dir, 'test.db')}`);
    if (opts.migrate !== false) await migrateToLatest(storage);
    return { ...storage, dispose: async () => { await storage.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  // A database of its own (not a schema): Kysely's migrator looks for its table across all schemas.
  const target = await createTestDbUrl('postgres');
  const storage = openStorage(target.url);
  if (opts.migrate !== false) await migrateToLatest(storage);
  return {
    ...storage,
    dispose: async () => {
      await storage.close();
      await target.dispose();
    },
  };
}

/** `describe` a block once per dialect; the callback gets a getter for that dialect. */
export function describeEachDialect(name: string, fn: (dialect: DialectName) => void): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => fn(dialect));
  }
}

/** The URL to hand a child process (CLI, server) for a fresh database of this dialect. */
export async function createTestDbUrl(dialect: DialectName): Promise<{ url: string; env: Record<string, string>; dispose(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, env: {}, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.DATABASE_URL_PG;
  if (!url) throw new Error('DATABASE_URL_PG is not set');
  const dbName = `gk_${randomToken(9).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return {
    url: u.toString(),
    env: {},
    dispose: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    },
  };
}
