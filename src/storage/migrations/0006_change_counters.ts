import type { Kysely } from 'kysely';

// Change counters (issue 3, docs/benchmarks.md "Why" 2 and 5): one row per kind of shared data that every
// public page shows and that each process keeps in memory — the agency tree ('agencies') and the site
// settings and demo notice ('site'). Every change of an agency or a setting adds one to its row in the
// same transaction (agencies.repository.ts, settings.repository.ts), so a process checks whether its copy
// is current with one primary-key read, whichever process made the change.
//
// Chosen over max(agencies.updated_at): that needs count(*) as well (or an index on updated_at) and it
// trusts the clocks of every process (an update stamped earlier than the newest by a process whose clock
// lags would go unseen); a counter moves on every committed change, clocks aside.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_counters')
    .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .insertInto('change_counters')
    .values([
      { name: 'agencies', value: 0 },
      { name: 'site', value: 0 },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('change_counters').ifExists().execute();
}
