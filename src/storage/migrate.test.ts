import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDb, describeEachDialect } from '../../test/helpers/db.ts';
import { assertSchemaCurrent, migrateToLatest, schemaStatus } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import type { AppError } from '../kernel/errors.ts';

describeEachDialect('migrations', (dialect) => {
  test('migrate creates the schema once; running it again changes nothing', async () => {
    const db = await createTestDb(dialect, { migrate: false });
    try {
      await assert.rejects(assertSchemaCurrent(db), (e: AppError) => e.code === 'schemaOutdated' && /gongkai migrate/.test(e.message));
      assert.deepEqual(await migrateToLatest(db), Object.keys(migrations));
      assert.deepEqual(await migrateToLatest(db), []);
      await assertSchemaCurrent(db);
      assert.deepEqual((await schemaStatus(db)).pending, []);
    } finally {
      await db.dispose();
    }
  });

  test('a database migrated by a newer Gongkai is refused with a clear message', async () => {
    const db = await createTestDb(dialect);
    try {
      await sql`insert into schema_migrations (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(db.db);
      await assert.rejects(assertSchemaCurrent(db), (e: AppError) => e.code === 'schemaTooNew' && /9999_from_the_future/.test(e.message));
    } finally {
      await db.dispose();
    }
  });

  test('foreign keys are enforced', async () => {
    const db = await createTestDb(dialect);
    try {
      const now = new Date().toISOString();
      await assert.rejects(db.db.insertInto('agencies').values({ id: 'a', code: 'A', name: 'A', parent_id: 'missing', kind: 'department', created_at: now, updated_at: now } as any).execute());
    } finally {
      await db.dispose();
    }
  });
});
