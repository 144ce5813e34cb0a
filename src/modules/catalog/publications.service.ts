import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import { errors } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { parseInput } from '../../kernel/validation.ts';
import { todayInShanghai, type WorkCalendar } from '../../kernel/calendar/index.ts';
import type { Database } from '../../storage/schema.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import { type AgenciesService, type Agency, type AgencyTree, canChangeAgency, isAdmin, type Principal, visibleAgencyIds } from '../agencies/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import { formatIndexNumber, indexPrefixOf } from './index-number.ts';
import type { Publication, PublicationVersion } from './publication.ts';
import type { PublicationQuery, PublicationsRepository } from './publications.repository.ts';
import { publicationInputSchema, type PublicationData, type PublicationInput } from './publications.schemas.ts';
import { sanitizeBody } from './sanitize.ts';
import { validityKinds } from './taxonomy.ts';
import { timeliness } from './timeliness.ts';
import { canTransition, rolesFor, type WorkflowAction } from './workflow.ts';

type Db = Kysely<Database>;

/** Keeps the search index in step with what the public can see (implemented by the search repository). */
export interface SearchIndexer {
  index(trx: Db, p: Publication): Promise<void>;
  remove(trx: Db, id: string): Promise<void>;
}
const noIndexer: SearchIndexer = { index: async () => undefined, remove: async () => undefined };

export interface PublishResult {
  publication: Publication;
  /** Message keys the approver should see (e.g. a rule published without its interpretation). */
  warnings: string[];
}

export function createPublicationsService(deps: {
  db: Db;
  repo: PublicationsRepository;
  agencies: AgenciesService;
  calendar: CalendarService;
  audit: AuditService;
  clock: Clock;
  search?: SearchIndexer;
}) {
  const { db, repo, audit, clock } = deps;
  const search = () => deps.search ?? noIndexer;
  const ids = () => newId(clock.now().getTime());

  async function requirePublication(id: string, trx: Db = db): Promise<Publication> {
    const p = await repo.byId(id, trx);
    if (!p) throw errors.notFound('publication', id);
    return p;
  }

  function authorize(principal: Principal, tree: AgencyTree, p: { agencyId: string }, action: WorkflowAction): void {
    if (isAdmin(principal)) return;
    if (!rolesFor(action).some((role) => canChangeAgency(principal, tree, p.agencyId, role))) throw errors.forbidden(`Not allowed to ${action} publications of this agency`);
  }

  function requireStatus(p: Publication, action: WorkflowAction): void {
    if (!canTransition(action, p.status)) throw errors.conflict(`Cannot ${action} a publication that is ${p.status}`, { detail: `catalog.cannot.${action}` });
  }

  /** A reference to another publication: its id, index number, or (within the agency) its external ref. */
  async function resolveRef(ref: string | null | undefined, agencyId: string, field: string, trx: Db = db): Promise<string | null> {
    if (!ref) return null;
    const found = (await repo.byId(ref, trx)) ?? (await repo.byIndexNo(ref, trx)) ?? (await repo.byRef(agencyId, ref, trx));
    if (!found) throw errors.validation([{ field, message: 'catalog.refUnknown', params: { ref } }], `No publication ${ref}`);
    return found.id;
  }

  async function resolveCoIssuers(tree: AgencyTree, codes: string[], owner: Agency): Promise<string[]> {
    const out: string[] = [];
    for (const [i, code] of codes.entries()) {
      const a = tree.byCode.get(code);
      if (!a) throw errors.validation([{ field: `coIssuers.${i}`, message: 'agency.parentUnknown', params: { code } }]);
      if (a.id !== owner.id && !out.includes(a.id)) out.push(a.id);
    }
    return out;
  }

  /** The metadata part of a publication from validated input (not status, numbers or dates of publication). */
  async function fields(data: PublicationData, owner: Agency, tree: AgencyTree, trx: Db = db) {
    const body = sanitizeBody(data.body);
    const tracked = validityKinds.includes(data.kind);
    return {
      coIssuerIds: await resolveCoIssuers(tree, data.coIssuers, owner),
      title: data.title,
      docNo: data.docNo,
      writtenOn: data.writtenOn,
      topic: data.topic,
      genre: data.genre,
      kind: data.kind,
      audience: data.audience,
      keywords: data.keywords,
      summary: data.summary,
      columns: data.columns as Publication['columns'],
      disclosureMode: data.disclosureMode,
      nonDisclosureReason: data.disclosureMode === 'proactive' ? null : data.nonDisclosureReason,
      bodyHtml: body.html,
      bodyText: body.text,
      validity: tracked
        ? {
            status: data.validity?.status ?? 'inForce',
            from: data.validity?.from ?? null,
            until: data.validity?.until ?? null,
            replacedById: await resolveRef(data.validity?.replacedBy, owner.id, 'validity.replacedBy', trx),
          }
        : null,
      interpretsId: data.kind === 'interpretation' ? await resolveRef(data.interprets, owner.id, 'interprets', trx) : null,
    };
  }

  function snapshot(p: Publication, note: string | null, by: string | null): PublicationVersion {
    return {
      version: p.version,
      note,
      createdAt: clock.now().toISOString(),
      createdBy: by,
      snapshot: { title: p.title, docNo: p.docNo, writtenOn: p.writtenOn, publishedOn: p.publishedOn, topic: p.topic, genre: p.genre, kind: p.kind, summary: p.summary, keywords: p.keywords, bodyHtml: p.bodyHtml, validity: p.validity },
    };
  }

  async function event(trx: Db, p: Publication, actor: Actor, action: string, detail?: Record<string, unknown>) {
    const now = clock.now();
    await repo.addEvent({ id: newId(now.getTime()), publicationId: p.id, at: now.toISOString(), actorId: actor.userId, actorName: actor.name, action, detail: detail ?? null }, trx);
  }

  /** Assigns the index number and publication date; computes timeliness. */
  async function publishInto(trx: Db, p: Publication, owner: Agency, at: Date, cal: WorkCalendar, indexNo?: string | null): Promise<Publication> {
    const publishedOn = todayInShanghai(at);
    const serialYear = Number(publishedOn.slice(0, 4));
    const number = indexNo ?? formatIndexNumber(owner.indexPattern, { prefix: indexPrefixOf(owner), year: serialYear, serial: await repo.nextSerial(owner.id, serialYear, trx) });
    if (indexNo && (await repo.byIndexNo(indexNo, trx))) throw errors.validation([{ field: 'indexNo', message: 'catalog.indexNoTaken', params: { indexNo } }]);
    const tl = timeliness(cal, p.writtenOn, publishedOn);
    return { ...p, status: 'published', indexNo: number, publishedAt: at.toISOString(), publishedOn, timelinessDays: tl?.workingDays ?? null, late: tl?.late ?? false, updatedAt: clock.now().toISOString() };
  }

  async function warningsFor(p: Publication, trx: Db = db): Promise<string[]> {
    if (!validityKinds.includes(p.kind)) return [];
    return (await repo.interpretationsOf(p.id, trx)).length ? [] : ['catalog.warning.missingInterpretation'];
  }

  return {
    requirePublication,

    /** An editor starts a draft for one of its agencies. */
    async createDraft(principal: Principal, actor: Actor, agencyCode: string, input: PublicationInput): Promise<Publication> {
      const tree = await deps.agencies.tree();
      const owner = tree.byCode.get(agencyCode);
      if (!owner) throw errors.notFound('agency', agencyCode);
      authorize(principal, tree, { agencyId: owner.id }, 'edit');
      const data = parseInput(publicationInputSchema, input);
      const now = clock.now().toISOString();
      const p: Publication = {
        id: ids(),
        agencyId: owner.id,
        status: 'draft',
        indexNo: null,
        publishedAt: null,
        publishedOn: null,
        version: 1,
        ref: null,
        timelinessDays: null,
        late: false,
        withdrawnAt: null,
        withdrawnReason: null,
        createdBy: actor.name,
        createdAt: now,
        updatedAt: now,
        ...(await fields(data, owner, tree)),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insert(p, trx);
        await event(trx, p, actor, 'created');
      });
      await audit.record(actor, { action: 'publication.create', target: { type: 'publication', id: p.id, label: p.title }, agencyId: owner.id });
      return p;
    },

    async updateDraft(principal: Principal, actor: Actor, id: string, input: PublicationInput): Promise<Publication> {
      const current = await requirePublication(id);
      const tree = await deps.agencies.tree();
      authorize(principal, tree, current, 'edit');
      requireStatus(current, 'edit');
      const data = parseInput(publicationInputSchema, input);
      const next: Publication = { ...current, ...(await fields(data, tree.byId.get(current.agencyId)!, tree)), updatedAt: clock.now().toISOString() };
      await db.transaction().execute(async (trx) => {
        await repo.update(next, trx);
        await event(trx, next, actor, 'edited');
      });
      return next;
    },

    async deleteDraft(principal: Principal, actor: Actor, id: string): Promise<void> {
      const current = await requirePublication(id);
      authorize(principal, await deps.agencies.tree(), current, 'delete');
      requireStatus(current, 'delete');
      await repo.delete(id);
      await audit.record(actor, { action: 'publication.deleteDraft', target: { type: 'publication', id, label: current.title }, agencyId: current.agencyId });
    },

    async submit(principal: Principal, actor: Actor, id: string): Promise<Publication> {
      const current = await requirePublication(id);
      authorize(principal, await deps.agencies.tree(), current, 'submit');
      requireStatus(current, 'submit');
      const next: Publication = { ...current, status: 'submitted', updatedAt: clock.now().toISOString() };
      await db.transaction().execute(async (trx) => {
        await repo.update(next, trx);
        await event(trx, next, actor, 'submitted');
      });
      return next;
    },

    async returnDraft(principal: Principal, actor: Actor, id: string, reason: string): Promise<Publication> {
      const current = await requirePublication(id);
      authorize(principal, await deps.agencies.tree(), current, 'return');
      requireStatus(current, 'return');
      if (!reason.trim()) throw errors.validation([{ field: 'reason', message: 'validation.required' }]);
      const next: Publication = { ...current, status: 'returned', updatedAt: clock.now().toISOString() };
      await db.transaction().execute(async (trx) => {
        await repo.update(next, trx);
        await event(trx, next, actor, 'returned', { reason: reason.trim() });
      });
      return next;
    },

    /**
     * The approver signs off: records the confidentiality review (保密审查) and publishes with the next
     * index number of the agency's year.
     */
    async approve(principal: Principal, actor: Actor, id: string, review: { confidentialityReviewed: boolean; note?: string }): Promise<PublishResult> {
      const current = await requirePublication(id);
      const tree = await deps.agencies.tree();
      authorize(principal, tree, current, 'approve');
      requireStatus(current, 'approve');
      if (!review.confidentialityReviewed) throw errors.validation([{ field: 'confidentialityReviewed', message: 'catalog.reviewRequired' }]);
      // Read outside the transaction: SQLite has one connection, and the transaction holds it.
      const cal = await deps.calendar.current();
      const result = await db.transaction().execute(async (trx) => {
        const published = await publishInto(trx, current, tree.byId.get(current.agencyId)!, clock.now(), cal);
        await repo.update(published, trx);
        await repo.addVersion(published.id, ids(), snapshot(published, null, actor.name), trx);
        await event(trx, published, actor, 'approved', { confidentialityReview: { reviewed: true, note: review.note?.trim() || null } });
        await event(trx, published, actor, 'published', { indexNo: published.indexNo, timelinessDays: published.timelinessDays, late: published.late });
        await search().index(trx, published);
        return { publication: published, warnings: await warningsFor(published, trx) };
      });
      await audit.record(actor, { action: 'publication.publish', target: { type: 'publication', id, label: result.publication.indexNo ?? current.title }, agencyId: current.agencyId, detail: { late: result.publication.late } });
      return result;
    },

    /** A published item is corrected as a new version; earlier versions stay visible. */
    async revise(principal: Principal, actor: Actor, id: string, input: PublicationInput, note: string): Promise<Publication> {
      const current = await requirePublication(id);
      const tree = await deps.agencies.tree();
      authorize(principal, tree, current, 'revise');
      requireStatus(current, 'revise');
      if (!note.trim()) throw errors.validation([{ field: 'note', message: 'validation.required' }]);
      const data = parseInput(publicationInputSchema, input);
      const next: Publication = { ...current, ...(await fields(data, tree.byId.get(current.agencyId)!, tree)), version: current.version + 1, updatedAt: clock.now().toISOString() };
      await db.transaction().execute(async (trx) => {
        await repo.update(next, trx);
        await repo.addVersion(next.id, ids(), snapshot(next, note.trim(), actor.name), trx);
        await event(trx, next, actor, 'revised', { version: next.version, note: note.trim() });
        await search().index(trx, next);
      });
      await audit.record(actor, { action: 'publication.revise', target: { type: 'publication', id, label: next.indexNo ?? next.title }, agencyId: next.agencyId, detail: { version: next.version } });
      return next;
    },

    /** Withdrawn items keep their page (a tombstone saying 已撤回) and their index number. */
    async withdraw(principal: Principal, actor: Actor, id: string, reason: string): Promise<Publication> {
      const current = await requirePublication(id);
      authorize(principal, await deps.agencies.tree(), current, 'withdraw');
      requireStatus(current, 'withdraw');
      if (!reason.trim()) throw errors.validation([{ field: 'reason', message: 'validation.required' }]);
      const now = clock.now().toISOString();
      const next: Publication = { ...current, status: 'withdrawn', withdrawnAt: now, withdrawnReason: reason.trim(), updatedAt: now };
      await db.transaction().execute(async (trx) => {
        await repo.update(next, trx);
        await event(trx, next, actor, 'withdrawn', { reason: reason.trim() });
        await search().remove(trx, id);
      });
      await audit.record(actor, { action: 'publication.withdraw', target: { type: 'publication', id, label: next.indexNo ?? next.title }, agencyId: next.agencyId, detail: { reason: reason.trim() } });
      return next;
    },

    /** What the public may open: published items and tombstones of withdrawn ones. */
    async publicGet(idOrIndexNo: string): Promise<Publication> {
      const p = (await repo.byId(idOrIndexNo)) ?? (await repo.byIndexNo(idOrIndexNo));
      if (!p || (p.status !== 'published' && p.status !== 'withdrawn') || p.disclosureMode !== 'proactive') throw errors.notFound('publication', idOrIndexNo);
      return p;
    },

    /** Staff open any item of an agency they can see. */
    async staffGet(principal: Principal, id: string): Promise<Publication> {
      const p = await requirePublication(id);
      const tree = await deps.agencies.tree();
      const visible = visibleAgencyIds(principal, tree);
      if (visible !== 'all' && !visible.has(p.agencyId) && !p.coIssuerIds.some((a) => visible.has(a))) throw errors.forbidden();
      return p;
    },

    /** The public catalog: proactively published items only. */
    publicList(q: Omit<PublicationQuery, 'statuses'>) {
      return repo.list({ ...q, statuses: ['published'], proactiveOnly: true });
    },

    /** The back office list: items of the agencies the principal can see. */
    async staffList(principal: Principal, q: PublicationQuery) {
      const visible = visibleAgencyIds(principal, await deps.agencies.tree());
      const agencyIds = visible === 'all' ? q.agencyIds : (q.agencyIds ?? [...visible]).filter((a) => visible.has(a));
      return repo.list({ ...q, agencyIds });
    },

    /** Facet counts over the public catalog (published, proactive). */
    publicFacet: (q: Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'>, column: Parameters<PublicationsRepository['facet']>[1]) => repo.facet({ ...q, statuses: ['published'], proactiveOnly: true }, column),
    publicYearFacet: (q: Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'>) => repo.yearFacet({ ...q, statuses: ['published'], proactiveOnly: true }),
    events: (id: string) => repo.events(id),
    versions: (id: string) => repo.versions(id),
    interpretationsOf: (id: string) => repo.interpretationsOf(id),
    byIds: (idList: string[]) => repo.byIds(idList),
    byDocNo: (docNo: string) => repo.byDocNo(docNo),

    /** Rules and normative documents published without an interpretation, for the authority's list. */
    async missingInterpretations(principal: Principal): Promise<Publication[]> {
      const visible = visibleAgencyIds(principal, await deps.agencies.tree());
      return repo.missingInterpretations(visible === 'all' ? 'all' : [...visible]);
    },

    /** Scheduled: documents whose end date has passed become 失效. Returns how many changed. */
    async applyValidityEndDates(actor: Actor): Promise<number> {
      const today = todayInShanghai(clock.now());
      const due = await repo.dueToExpire(today);
      for (const p of due) {
        const next: Publication = { ...p, validity: { ...p.validity!, status: 'expired' }, updatedAt: clock.now().toISOString() };
        await db.transaction().execute(async (trx) => {
          await repo.update(next, trx);
          await event(trx, next, actor, 'validityChanged', { from: 'inForce', to: 'expired', until: p.validity!.until });
          await search().index(trx, next);
        });
      }
      return due.length;
    },

    /** What importPublished needs, read before the import's transaction opens. */
    async importContext(): Promise<{ tree: AgencyTree; calendar: WorkCalendar }> {
      return { tree: await deps.agencies.tree(), calendar: await deps.calendar.current() };
    },

    /**
     * Imports an item that was already published elsewhere (bulk import): published at `publishedAt`,
     * keeping its index number when given. Runs inside the caller's transaction (all or nothing).
     */
    async importPublished(trx: Db, actor: Actor, ctx: { tree: AgencyTree; calendar: WorkCalendar }, owner: Agency, data: PublicationData, extra: { ref: string | null; publishedAt: Date; indexNo: string | null }): Promise<Publication> {
      const { tree } = ctx;
      const existing = extra.ref ? await repo.byRef(owner.id, extra.ref, trx) : undefined;
      const now = clock.now().toISOString();
      const base: Publication = existing ?? {
        id: ids(),
        agencyId: owner.id,
        status: 'draft',
        indexNo: null,
        publishedAt: null,
        publishedOn: null,
        version: 1,
        ref: extra.ref,
        timelinessDays: null,
        late: false,
        withdrawnAt: null,
        withdrawnReason: null,
        createdBy: actor.name,
        createdAt: now,
        updatedAt: now,
        ...(await fields(data, owner, tree, trx)),
      };
      let p: Publication;
      if (existing) {
        p = { ...existing, ...(await fields(data, owner, tree, trx)), version: existing.version + 1, updatedAt: now };
        await repo.update(p, trx);
      } else {
        p = await publishInto(trx, base, owner, extra.publishedAt, ctx.calendar, extra.indexNo);
        await repo.insert(p, trx);
      }
      await repo.addVersion(p.id, ids(), snapshot(p, existing ? 'import' : null, actor.name), trx);
      await event(trx, p, actor, existing ? 'revised' : 'imported');
      await search().index(trx, p);
      return p;
    },
  };
}
export type PublicationsService = ReturnType<typeof createPublicationsService>;
