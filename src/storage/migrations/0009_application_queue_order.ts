import { sql, type Kysely } from 'kysely';

// The workbench queue's order (src/modules/applications/applications.repository.ts queue(): cases with a due
// date first, soonest first, then by receipt) as an index, so that a queue over all agencies (administrators,
// and an authority whose scope is the whole tree) reads its page in order instead of sorting every open — or,
// with state=closed|all, every — case: at 1M cases the closed view took seconds (docs/benchmarks.md,
// "Applications (issue 4)"). The expression must stay the same text as the query's ORDER BY.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('applications_queue_order_idx')
    .on('applications')
    .expression(sql`open, (case when due_on is null then 1 else 0 end), due_on, submitted_on, id`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_queue_order_idx').ifExists().execute();
}
