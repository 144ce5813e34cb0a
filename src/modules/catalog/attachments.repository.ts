/**
 * The only SQL of publication attachments. A row belongs to the versions from_version..to_version
 * of its publication (to_version null: up to the current one and onwards); see
 * storage/migrations/0004_attachments.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, PublicationAttachmentTable } from '../../storage/schema.ts';
import { preparedRead } from '../../storage/prepared.ts';
import type { AttachmentType } from './attachment-content.ts';

type Db = Kysely<Database>;

export interface Attachment {
  id: string;
  publicationId: string;
  fromVersion: number;
  toVersion: number | null;
  name: string;
  type: AttachmentType;
  mime: string;
  size: number;
  sha256: string;
  storageKey: string;
  position: number;
  createdAt: string;
  createdBy: string | null;
}

/** A new row, with the text extracted for search. */
export type NewAttachment = Attachment & { text: string };

const listColumns = ['id', 'publication_id', 'from_version', 'to_version', 'name', 'type', 'mime', 'size', 'sha256', 'storage_key', 'position', 'created_at', 'created_by'] as const;

function toAttachment(r: Omit<Selectable<PublicationAttachmentTable>, 'text'>): Attachment {
  return {
    id: r.id,
    publicationId: r.publication_id,
    fromVersion: Number(r.from_version),
    toVersion: r.to_version === null ? null : Number(r.to_version),
    name: r.name,
    type: r.type as AttachmentType,
    mime: r.mime,
    size: Number(r.size),
    sha256: r.sha256,
    storageKey: r.storage_key,
    position: Number(r.position),
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** Rows of a publication that belong to version `v`. */
function atVersion(trx: Db, publicationId: string, v: number) {
  return trx
    .selectFrom('publication_attachments')
    .where('publication_id', '=', publicationId)
    .where('from_version', '<=', v)
    .where((eb) => eb.or([eb('to_version', 'is', null), eb('to_version', '>=', v)]));
}

/** Search text of the given publications' current versions, by publication id (items without attachments left out). */
export async function attachmentTexts(trx: Db, publicationIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < publicationIds.length; i += 500) {
    const rows = await trx
      .selectFrom('publication_attachments as a')
      .innerJoin('publications as p', 'p.id', 'a.publication_id')
      .select(['a.publication_id', 'a.text'])
      .where('a.publication_id', 'in', publicationIds.slice(i, i + 500))
      .whereRef('a.from_version', '<=', 'p.version')
      .where((eb) => eb.or([eb('a.to_version', 'is', null), eb('a.to_version', '>=', eb.ref('p.version'))]))
      .orderBy('a.publication_id')
      .orderBy('a.position')
      .orderBy('a.id')
      .execute();
    for (const r of rows) if (r.text) out.set(r.publication_id, out.has(r.publication_id) ? `${out.get(r.publication_id)}\n${r.text}` : r.text);
  }
  return out;
}

/** Search text of one publication's version `v` (null when it has none). */
export async function attachmentTextOf(trx: Db, publicationId: string, v: number): Promise<string | null> {
  const rows = await atVersion(trx, publicationId, v).select('text').orderBy('position').orderBy('id').execute();
  const text = rows.map((r) => r.text).filter(Boolean).join('\n');
  return text || null;
}

export function createAttachmentsRepository(db: Db) {
  // Compiled once: the files of a version are looked up by every one-off publication page (storage/prepared.ts).
  const atVersionRead = preparedRead(db, (q, publicationId: string, v: number) => atVersion(q, publicationId, v).select(listColumns).orderBy('position').orderBy('id'));
  return {
    async insert(a: NewAttachment, trx: Db = db): Promise<void> {
      await trx
        .insertInto('publication_attachments')
        .values({
          id: a.id,
          publication_id: a.publicationId,
          from_version: a.fromVersion,
          to_version: a.toVersion,
          name: a.name,
          type: a.type,
          mime: a.mime,
          size: a.size,
          sha256: a.sha256,
          storage_key: a.storageKey,
          text: a.text,
          position: a.position,
          created_at: a.createdAt,
          created_by: a.createdBy,
        })
        .execute();
    },
    /** The files of version `v`, in order. */
    async atVersion(publicationId: string, v: number, trx: Db = db): Promise<Attachment[]> {
      return (await atVersionRead(trx, publicationId, v)).map(toAttachment);
    },
    /** The files of each item's given version (one query for a page of items), by publication id. */
    async atVersions(items: { id: string; version: number }[], trx: Db = db): Promise<Map<string, Attachment[]>> {
      const out = new Map<string, Attachment[]>();
      if (!items.length) return out;
      const version = new Map(items.map((i) => [i.id, i.version]));
      const rows = await trx
        .selectFrom('publication_attachments')
        .select(listColumns)
        .where('publication_id', 'in', [...version.keys()])
        .orderBy('publication_id')
        .orderBy('position')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const a = toAttachment(r);
        const v = version.get(a.publicationId)!;
        if (a.fromVersion > v || (a.toVersion !== null && a.toVersion < v)) continue;
        out.set(a.publicationId, [...(out.get(a.publicationId) ?? []), a]);
      }
      return out;
    },
    async byId(id: string, trx: Db = db): Promise<Attachment | undefined> {
      const r = await trx.selectFrom('publication_attachments').select(listColumns).where('id', '=', id).executeTakeFirst();
      return r ? toAttachment(r) : undefined;
    },
    /** The next position after every file the publication ever had. */
    async nextPosition(publicationId: string, trx: Db = db): Promise<number> {
      const r = await trx
        .selectFrom('publication_attachments')
        .select((eb) => eb.fn.max('position').as('m'))
        .where('publication_id', '=', publicationId)
        .executeTakeFirst();
      return Number(r?.m ?? 0) + 1;
    },
    /** Ends a file's membership with version `v` (it stays in the versions before). */
    async endAt(id: string, v: number, trx: Db = db): Promise<void> {
      await trx.updateTable('publication_attachments').set({ to_version: v }).where('id', '=', id).execute();
    },
    async delete(id: string, trx: Db = db): Promise<void> {
      await trx.deleteFrom('publication_attachments').where('id', '=', id).execute();
    },
    /** Whether any row (of any publication) still uses the stored file. */
    async keyInUse(storageKey: string, trx: Db = db): Promise<boolean> {
      const r = await trx.selectFrom('publication_attachments').select('id').where('storage_key', '=', storageKey).limit(1).executeTakeFirst();
      return !!r;
    },
  };
}
export type AttachmentsRepository = ReturnType<typeof createAttachmentsRepository>;
