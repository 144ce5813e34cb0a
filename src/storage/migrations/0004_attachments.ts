import type { Kysely } from 'kysely';

// Attachments of publications (PDF, DOCX, XLSX, images). The bytes live in the file store
// (storage/files, keyed by SHA-256); a row says which version(s) of a publication carry the file:
// it belongs to every version v with from_version <= v and (to_version is null or v <= to_version).
// A file added while a published item is being revised gets from_version = current + 1 (not public
// until the revision is saved); one removed from it gets to_version = current (earlier versions keep it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publication_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('from_version', 'integer', (c) => c.notNull())
    .addColumn('to_version', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('publication_attachments_pub_idx').on('publication_attachments').columns(['publication_id', 'from_version']).execute();
  await db.schema.createIndex('publication_attachments_key_idx').on('publication_attachments').column('storage_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publication_attachments').ifExists().execute();
}
