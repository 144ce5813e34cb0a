import type { Kysely } from 'kysely';

// The catalog's change stamp becomes a change counter like the agencies' and the site's (migration 0006):
// every publication event adds one to it in the event's transaction (publications.repository.ts `addEvent`).
//
// The stamp was the newest event id. Ids are time-ordered, but taken before their transaction commits: a
// change whose id is older than the newest committed one (two editors at once on PostgreSQL, or the CLI
// importing while the server publishes) committed without moving it, and pages cached meanwhile kept
// showing the catalog without that change until their age ran out (10 minutes) — a withdrawn item among
// them. A counter moves on every commit: the row lock orders concurrent changes, each adds one to the
// value the last commit left.
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('change_counters').values({ name: 'catalog', value: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('change_counters').where('name', '=', 'catalog').execute();
}
