import { Migrator, type MigrationProvider, sql } from 'kysely';
import { AppError } from '../kernel/errors.ts';
import type { Storage } from './db.ts';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

function migrator(storage: Storage): Migrator {
  return new Migrator({ db: storage.db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

/** Applies pending migrations; running it again does nothing. Returns the names applied now. */
export async function migrateToLatest(storage: Storage): Promise<string[]> {
  const { error, results } = await migrator(storage).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export interface SchemaStatus {
  applied: string[];
  pending: string[];
  unknown: string[]; // applied in the database but not known to this program: the database is newer
}

export async function schemaStatus(storage: Storage): Promise<SchemaStatus> {
  const known = Object.keys(migrations);
  let applied: string[] = [];
  try {
    const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(storage.db);
    applied = rows.rows.map((r) => r.name);
  } catch {
    applied = [];
  }
  return {
    applied,
    pending: known.filter((n) => !applied.includes(n)),
    unknown: applied.filter((n) => !known.includes(n)),
  };
}

/** `serve` refuses to run on a schema it does not match. */
export async function assertSchemaCurrent(storage: Storage): Promise<void> {
  const s = await schemaStatus(storage);
  if (s.unknown.length) {
    throw new AppError('schemaTooNew', `The database (${storage.describe}) has migrations this version of Gongkai does not know (${s.unknown.join(', ')}); upgrade Gongkai.`);
  }
  if (s.pending.length) {
    throw new AppError('schemaOutdated', `The database (${storage.describe}) is not migrated (${s.pending.length} pending); run \`gongkai migrate\` first.`);
  }
}
