import type { Kysely } from 'kysely';

// Disclosure applications (issue 4, src/modules/applications). The event log (application_events) is the
// record; the columns of `applications` after `description` are a projection of it, rewritten in the same
// transaction as each appended event, so that the queue and the reports query plain columns.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('ref', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_type', 'text')
    .addColumn('applicant_id_number', 'text')
    .addColumn('applicant_credit_code', 'text')
    .addColumn('applicant_legal_rep', 'text')
    .addColumn('applicant_contact_person', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text')
    .addColumn('applicant_postcode', 'text')
    // sha256 of the applicant's identity (ID number or credit code, else name + contact): rate limits, duplicates, fees per month.
    .addColumn('applicant_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    // projection of the event log
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('received_on', 'text')
    .addColumn('rules', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handler_id', 'text')
    .addColumn('handler_name', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_detail', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawn_on', 'text')
    .addColumn('duplicate_suspected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flag', 'text') // set by the daily job: 'dueSoon' | 'overdue' | null
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_queue_idx').on('applications').columns(['agency_id', 'open', 'due_on']).execute();
  await db.schema.createIndex('applications_open_idx').on('applications').columns(['open', 'due_on']).execute();
  await db.schema.createIndex('applications_applicant_idx').on('applications').columns(['applicant_key', 'submitted_on']).execute();
  await db.schema.createIndex('applications_year_idx').on('applications').columns(['agency_id', 'year']).execute();
  await db.schema.createIndex('applications_ref_idx').on('applications').columns(['agency_id', 'ref']).unique().execute();

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('application_events_seq_uq', ['application_id', 'seq'])
    .execute();

  await db.schema
    .createTable('application_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('event_id', 'text')
    .addColumn('role', 'text', (c) => c.notNull()) // application | correction | released | proceeding
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('application_files_case_idx').on('application_files').column('application_id').execute();

  await db.schema
    .createTable('application_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('event_id', 'text')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // JSON: the letter as rendered (title, paragraphs, signature)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('application_letters_number_uq', ['agency_id', 'number'])
    .execute();
  await db.schema.createIndex('application_letters_case_idx').on('application_letters').column('application_id').execute();

  await db.schema
    .createTable('letter_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_counters_pk', ['agency_id', 'year'])
    .execute();

  // Letter templates edited by an authority: scope is an agency id (that agency and those below it) or '*'.
  await db.schema
    .createTable('letter_templates')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('letter_templates_pk', ['scope', 'kind'])
    .execute();

  // Reconsiderations and lawsuits, projected from the events for the annual report's table 四.
  await db.schema
    .createTable('application_proceedings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_proceedings_case_idx').on('application_proceedings').column('application_id').execute();
  await db.schema.createIndex('application_proceedings_agency_idx').on('application_proceedings').columns(['agency_id', 'decided_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['application_proceedings', 'letter_templates', 'letter_counters', 'application_letters', 'application_files', 'application_events', 'applications']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
