/**
 * Attachments of publications (PDF, DOCX, XLSX, images): upload and removal in the back office,
 * what the public sees and downloads.
 *
 * Versions: the files being edited are those of the version being prepared — the draft itself
 * (draft / returned), or, for a published item, the next version: a file added to a published item
 * is public only once the revision is saved, and a file removed from it stays in the earlier
 * versions' history (to_version) but leaves the public page with the revision. The public sees and
 * downloads only the files of the current published version; a withdrawn item's files are no longer
 * public (its tombstone shows no content).
 *
 * Content rules: the type is decided by the bytes (attachment-content.ts), never by the name or the
 * declared type; empty files, files over the size limit and files whose content is not an accepted
 * type are refused with a message naming the file; a batch is all or nothing.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import { errors, type FieldIssue } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { FileStore, StoredFile } from '../../storage/files/index.ts';
import type { Database } from '../../storage/schema.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import { type AgenciesService, canChangeAgency, isAdmin, type Principal } from '../agencies/index.ts';
import { attachmentMime, extractAttachmentText, sniffAttachmentType, type AttachmentType } from './attachment-content.ts';
import { cleanFileName, formatFileSize } from './attachments.ts';
import type { Attachment, AttachmentsRepository } from './attachments.repository.ts';
import type { Publication } from './publication.ts';
import type { PublicationsRepository } from './publications.repository.ts';
import { canTransition, rolesFor } from './workflow.ts';

type Db = Kysely<Database>;

/** A file as the browser sent it. `truncated`: it was larger than the limit (only the limit was read). */
export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
  truncated: boolean;
}

export interface AttachmentLimits {
  maxBytes: number;
  maxFiles: number;
}

/** Characters of text kept per file for search (the index of one item stays bounded on both engines). */
export const attachmentTextChars = 200_000;

/** The version whose files an editor changes now: the draft's own, or the next one of a published item. */
export function editingVersion(p: Pick<Publication, 'status' | 'version'>): number {
  return p.status === 'published' ? p.version + 1 : p.version;
}

export function createAttachmentsService(deps: {
  db: Db;
  repo: AttachmentsRepository;
  publications: PublicationsRepository;
  agencies: AgenciesService;
  audit: AuditService;
  clock: Clock;
  files: FileStore;
  limits: AttachmentLimits;
}) {
  const { db, repo, audit, clock, files, limits } = deps;

  /** Loads the item and checks that the principal may change its files now (as for editing or revising it). */
  async function changeable(principal: Principal, publicationId: string): Promise<Publication> {
    const p = await deps.publications.byId(publicationId);
    if (!p) throw errors.notFound('publication', publicationId);
    const action = p.status === 'published' ? 'revise' : 'edit';
    if (!canTransition(action, p.status)) throw errors.conflict(`Cannot change the attachments of a publication that is ${p.status}`, { detail: `catalog.cannot.${action}` });
    if (!isAdmin(principal)) {
      const tree = await deps.agencies.tree();
      if (!rolesFor(action).some((role) => canChangeAgency(principal, tree, p.agencyId, role))) throw errors.forbidden(`Not allowed to ${action} this publication`);
    }
    return p;
  }

  async function event(trx: Db, p: Publication, actor: Actor, action: string, detail: Record<string, unknown>) {
    const now = clock.now();
    await deps.publications.addEvent({ id: newId(now.getTime()), publicationId: p.id, at: now.toISOString(), actorId: actor.userId, actorName: actor.name, action, detail }, trx);
  }

  return {
    limits,

    /** The files of the version being prepared (the edit and revise forms). */
    forEditing: (p: Publication) => repo.atVersion(p.id, editingVersion(p)),
    /** The files of one version of an item (staff pages, version history). */
    ofVersion: (p: Pick<Publication, 'id'>, version: number) => repo.atVersion(p.id, version),

    /**
     * Adds files to the version being prepared. All or nothing: when any file is refused, none is
     * stored, and the validation error names every refused file (field `files`).
     */
    async add(principal: Principal, actor: Actor, publicationId: string, uploads: UploadedFile[]): Promise<Attachment[]> {
      const p = await changeable(principal, publicationId);
      if (!uploads.length) return [];
      const version = editingVersion(p);
      const issues: FieldIssue[] = [];
      const have = (await repo.atVersion(p.id, version)).length;
      if (have + uploads.length > limits.maxFiles) issues.push({ field: 'files', message: 'attachments.error.tooMany', params: { max: limits.maxFiles, have, chosen: uploads.length } });
      const accepted: { name: string; bytes: Uint8Array; type: AttachmentType }[] = [];
      for (const u of uploads) {
        const name = cleanFileName(u.filename);
        if (u.truncated || u.bytes.byteLength > limits.maxBytes) issues.push({ field: 'files', message: 'attachments.error.tooLarge', params: { name, limit: formatFileSize(limits.maxBytes) } });
        else if (u.bytes.byteLength === 0) issues.push({ field: 'files', message: 'attachments.error.empty', params: { name } });
        else {
          const type = sniffAttachmentType(u.bytes);
          if (!type) issues.push({ field: 'files', message: 'attachments.error.type', params: { name } });
          else accepted.push({ name, bytes: u.bytes, type });
        }
      }
      if (issues.length) throw errors.validation(issues, `Attachments refused: ${issues.map((i) => i.params?.name ?? i.message).join(', ')}`);

      // Extract and store the bytes before the transaction (slow work; a stored file nobody refers to is harmless).
      const prepared: { name: string; type: AttachmentType; text: string; stored: StoredFile }[] = [];
      for (const a of accepted) {
        const text = await extractAttachmentText(a.type, a.bytes, { maxChars: attachmentTextChars });
        const stored = await files.put(a.bytes);
        prepared.push({ name: a.name, type: a.type, text, stored });
      }
      const now = clock.now();
      const added: Attachment[] = [];
      await db.transaction().execute(async (trx) => {
        let position = await repo.nextPosition(p.id, trx);
        for (const a of prepared) {
          const row = {
            id: newId(now.getTime()),
            publicationId: p.id,
            fromVersion: version,
            toVersion: null,
            name: a.name,
            type: a.type,
            mime: attachmentMime[a.type],
            size: a.stored.size,
            sha256: a.stored.sha256,
            storageKey: a.stored.key,
            position: position++,
            createdAt: now.toISOString(),
            createdBy: actor.name,
            text: a.text,
          };
          await repo.insert(row, trx);
          const { text, ...attachment } = row;
          void text;
          added.push(attachment);
        }
        await event(trx, p, actor, 'attachmentAdded', { names: added.map((a) => a.name), version });
      });
      await audit.record(actor, {
        action: 'publication.attachmentAdd',
        target: { type: 'publication', id: p.id, label: p.indexNo ?? p.title },
        agencyId: p.agencyId,
        detail: { version, files: added.map((a) => ({ id: a.id, name: a.name, type: a.type, size: a.size, sha256: a.sha256 })) },
      });
      return added;
    },

    /**
     * Removes a file from the version being prepared. A file that no published version carries is
     * deleted (and its bytes, when nothing else uses them); one that earlier versions carry stays in
     * their history.
     */
    async remove(principal: Principal, actor: Actor, publicationId: string, attachmentId: string): Promise<Attachment> {
      const p = await changeable(principal, publicationId);
      const version = editingVersion(p);
      const a = await repo.byId(attachmentId);
      if (!a || a.publicationId !== p.id || a.fromVersion > version || (a.toVersion !== null && a.toVersion < version)) throw errors.notFound('attachment', attachmentId);
      const neverPublic = p.status !== 'published' || a.fromVersion === version;
      await db.transaction().execute(async (trx) => {
        if (neverPublic) await repo.delete(a.id, trx);
        else await repo.endAt(a.id, version - 1, trx);
        await event(trx, p, actor, 'attachmentRemoved', { names: [a.name], version });
      });
      if (neverPublic && !(await repo.keyInUse(a.storageKey))) await files.delete(a.storageKey);
      await audit.record(actor, {
        action: 'publication.attachmentRemove',
        target: { type: 'publication', id: p.id, label: p.indexNo ?? p.title },
        agencyId: p.agencyId,
        detail: { version, file: { id: a.id, name: a.name, type: a.type, size: a.size, sha256: a.sha256 } },
      });
      return a;
    },

    /** What the public sees of an item: the files of its current version while it is published (proactively). */
    async publicList(p: Publication): Promise<Attachment[]> {
      if (p.status !== 'published' || p.disclosureMode !== 'proactive') return [];
      return repo.atVersion(p.id, p.version);
    },
    /** publicList for a page of items, by publication id. */
    async publicListMany(ps: Publication[]): Promise<Map<string, Attachment[]>> {
      return repo.atVersions(ps.filter((p) => p.status === 'published' && p.disclosureMode === 'proactive').map((p) => ({ id: p.id, version: p.version })));
    },

    /** A file of the item's current published version (else notFound), for the public download. */
    async publicFile(p: Publication, attachmentId: string): Promise<Attachment> {
      const list = await this.publicList(p);
      const a = list.find((x) => x.id === attachmentId);
      if (!a) throw errors.notFound('attachment', attachmentId);
      return a;
    },
    /** A file of the item in any of its versions, including the one being prepared (staff download; visibility checked by the caller). */
    async staffFile(p: Publication, attachmentId: string): Promise<Attachment> {
      const a = await repo.byId(attachmentId);
      if (!a || a.publicationId !== p.id) throw errors.notFound('attachment', attachmentId);
      return a;
    },

    /** Not found when the stored bytes are gone: checked before any download header is set (no broken download). */
    async assertStored(a: Attachment): Promise<void> {
      if (!(await files.has(a.storageKey))) throw errors.notFound('attachment', a.id);
    },
    /** The bytes of a file, as a stream. */
    open: (a: Attachment) => files.stream(a.storageKey),
  };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
