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
  /** index() for many items (bulk import); optional: without it, index() is called for each. */
  indexMany?(trx: Db, ps: Publication[]): Promise<void>;
  remove(trx: Db, id: string): Promise<void>;
}

/** One item for importPublishedMany: what importPublished takes for it. */
export interface ImportItem {
  owner: Agency;
  data: PublicationData;
  ref: string | null;
  publishedAt: Date;
  indexNo: string | null;
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
    const tracked = validityKinds.includes(data.kind);
    return fieldsWith(data, owner, await resolveCoIssuers(tree, data.coIssuers, owner), {
      replacedById: tracked ? await resolveRef(data.validity?.replacedBy, owner.id, 'validity.replacedBy', trx) : null,
      interpretsId: data.kind === 'interpretation' ? await resolveRef(data.interprets, owner.id, 'interprets', trx) : null,
    });
  }

  /** A new item as it starts: a draft of its owner, version 1, with its fields. */
  function newPublication(ownerId: string, ref: string | null, actor: Actor, now: string, f: ReturnType<typeof fieldsWith>): Publication {
    return { id: ids(), agencyId: ownerId, status: 'draft', indexNo: null, publishedAt: null, publishedOn: null, version: 1, ref, timelinessDays: null, late: false, withdrawnAt: null, withdrawnReason: null, createdBy: actor.name, createdAt: now, updatedAt: now, ...f };
  }

  /** fields() with co-issuers and references already resolved. */
  function fieldsWith(data: PublicationData, owner: Agency, coIssuerIds: string[], refs: { replacedById: string | null; interpretsId: string | null }) {
    const body = sanitizeBody(data.body);
    const tracked = validityKinds.includes(data.kind);
    void owner;
    return {
      coIssuerIds,
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
            replacedById: refs.replacedById,
          }
        : null,
      interpretsId: refs.interpretsId,
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
    return published(p, number, at, publishedOn, cal);
  }

  function published(p: Publication, indexNo: string, at: Date, publishedOn: string, cal: WorkCalendar): Publication {
    const tl = timeliness(cal, p.writtenOn, publishedOn);
    return { ...p, status: 'published', indexNo, publishedAt: at.toISOString(), publishedOn, timelinessDays: tl?.workingDays ?? null, late: tl?.late ?? false, updatedAt: clock.now().toISOString() };
  }

  async function warningsFor(p: Publication, trx: Db = db): Promise<string[]> {
    if (!validityKinds.includes(p.kind)) return [];
    return (await repo.interpretationsOf(p.id, trx)).length ? [] : ['catalog.warning.missingInterpretation'];
  }

  /**
   * Imports an item that was already published elsewhere (bulk import): published at `publishedAt`,
   * keeping its index number when given. Runs inside the caller's transaction (all or nothing).
   */
  async function importPublished(trx: Db, actor: Actor, ctx: { tree: AgencyTree; calendar: WorkCalendar }, owner: Agency, data: PublicationData, extra: { ref: string | null; publishedAt: Date; indexNo: string | null }): Promise<Publication> {
    const { tree } = ctx;
    const existing = extra.ref ? await repo.byRef(owner.id, extra.ref, trx) : undefined;
    const now = clock.now().toISOString();
    const base: Publication = existing ?? newPublication(owner.id, extra.ref, actor, now, await fields(data, owner, tree, trx));
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
      const p = newPublication(owner.id, null, actor, now, await fields(data, owner, tree));
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
    /** How many public items match (the browse page's total). */
    publicCount: (q: Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'>) => repo.count({ ...q, statuses: ['published'], proactiveOnly: true }),
    /** One page of the public items matching (publicList without the total). */
    publicPage: (q: Omit<PublicationQuery, 'statuses'>) => repo.page({ ...q, statuses: ['published'], proactiveOnly: true }),

    /** The back office list: items of the agencies the principal can see. */
    async staffList(principal: Principal, q: PublicationQuery) {
      const visible = visibleAgencyIds(principal, await deps.agencies.tree());
      const agencyIds = visible === 'all' ? q.agencyIds : (q.agencyIds ?? [...visible]).filter((a) => visible.has(a));
      return repo.list({ ...q, agencyIds });
    },

    /** Facet counts over the public catalog (published, proactive). */
    publicFacet: (q: Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'>, column: Parameters<PublicationsRepository['facet']>[1]) => repo.facet({ ...q, statuses: ['published'], proactiveOnly: true }, column),
    publicYearFacet: (q: Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'>) => repo.yearFacet({ ...q, statuses: ['published'], proactiveOnly: true }),
    /** Co-issuers of the public items matching `q` (for the agency facet: joint documents count for every issuer). */
    publicCoIssuers: (q: Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'>) => repo.coIssuers({ ...q, statuses: ['published'], proactiveOnly: true }),
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
      let changed = 0;
      for (const p of due) {
        const now = clock.now().toISOString();
        // Claimed with a conditional update, then re-read inside the transaction: another process running the
        // same job, or an editor's revision in between, is neither repeated nor overwritten.
        const next = await db.transaction().execute(async (trx) => {
          if (!(await repo.claimExpiry(p.id, today, now, trx))) return null;
          const fresh = (await repo.byId(p.id, trx))!;
          const expired: Publication = { ...fresh, validity: { ...fresh.validity!, status: 'expired' }, updatedAt: now };
          await repo.update(expired, trx);
          // The event also moves the public pages' change stamp, so cached pages show the new status at once.
          await event(trx, expired, actor, 'validityChanged', { from: 'inForce', to: 'expired', until: fresh.validity!.until });
          await search().index(trx, expired);
          return expired;
        });
        if (!next) continue;
        changed += 1;
        await audit.record(actor, { action: 'publication.validityExpired', target: { type: 'publication', id: next.id, label: next.indexNo ?? next.title }, agencyId: next.agencyId, detail: { until: next.validity!.until, today } });
      }
      return changed;
    },

    /** What importPublished needs, read before the import's transaction opens. */
    async importContext(): Promise<{ tree: AgencyTree; calendar: WorkCalendar }> {
      return { tree: await deps.agencies.tree(), calendar: await deps.calendar.current() };
    },

    /**
     * importPublished for a batch of items, in order, with the same result as calling it for each in turn
     * (inside the caller's transaction): new items are built in memory — references resolved with one
     * look-up for the batch plus the items before them in the batch, index numbers taken with one
     * statement per batch (reserveSerials) — and written with multi-row statements (publications,
     * co-issuers, versions, events, search index). Items whose ref names an existing item (updates) go
     * through importPublished, after the new items before them are written. On an error nothing tells
     * which item caused it: the caller rolls back and can run importPublished item by item to find out.
     */
    async importPublishedMany(trx: Db, actor: Actor, ctx: { tree: AgencyTree; calendar: WorkCalendar }, items: ImportItem[]): Promise<Publication[]> {
      const { tree } = ctx;
      const out: Publication[] = [];
      if (!items.length) return out;
      const refKey = (agencyId: string, ref: string) => `${agencyId}\u0000${ref}`;
      const withRef = items.filter((i) => i.ref);
      // One item per (agency, ref) in a batch: a second would be a revision of the first, which only the
      // one-by-one path (importPublished) does — refused here, so the caller takes that path.
      const refsSeen = new Set<string>();
      for (const i of withRef) {
        const k = refKey(i.owner.id, i.ref!);
        if (refsSeen.has(k)) throw errors.validation([{ field: 'ref', message: 'catalogImport.refTwice', params: { ref: i.ref!, agency: i.owner.code, line: 0 } }], `ref ${i.ref} twice in one batch`);
        refsSeen.add(k);
      }
      const existing = new Set((await repo.byRefs(withRef.map((i) => i.owner.id), withRef.map((i) => i.ref!), trx)).map((p) => refKey(p.agencyId, p.ref!)));

      // What the batch's references and kept index numbers name in the database, then what the batch adds.
      const values: { value: string; agencyId: string }[] = [];
      for (const i of items) {
        if (i.data.kind === 'interpretation' && i.data.interprets) values.push({ value: i.data.interprets, agencyId: i.owner.id });
        if (validityKinds.includes(i.data.kind) && i.data.validity?.replacedBy) values.push({ value: i.data.validity.replacedBy, agencyId: i.owner.id });
        if (i.indexNo) values.push({ value: i.indexNo, agencyId: i.owner.id });
      }
      const byId = new Set<string>();
      const byIndexNo = new Map<string, string>();
      const byRef = new Map<string, string>();
      const remember = (k: { id: string; agencyId: string; indexNo: string | null; ref: string | null }) => {
        byId.add(k.id);
        if (k.indexNo) byIndexNo.set(k.indexNo, k.id);
        if (k.ref) byRef.set(refKey(k.agencyId, k.ref), k.id);
      };
      if (values.length) for (const k of await repo.keysNamed(values, trx)) remember(k);
      const resolve = (ref: string | null | undefined, agencyId: string, field: string): string | null => {
        if (!ref) return null;
        const id = byId.has(ref) ? ref : (byIndexNo.get(ref) ?? byRef.get(refKey(agencyId, ref)));
        if (!id) throw errors.validation([{ field, message: 'catalog.refUnknown', params: { ref } }], `No publication ${ref}`);
        return id;
      };

      // Serials for the new items without an index number, one statement for the batch.
      const publishedOn = items.map((i) => todayInShanghai(i.publishedAt));
      const wanted = new Map<string, { agencyId: string; year: number; count: number }>();
      items.forEach((i, n) => {
        if (i.indexNo || (i.ref && existing.has(refKey(i.owner.id, i.ref)))) return;
        const year = Number(publishedOn[n].slice(0, 4));
        const k = `${i.owner.id} ${year}`;
        const w = wanted.get(k);
        if (w) w.count++;
        else wanted.set(k, { agencyId: i.owner.id, year, count: 1 });
      });
      const next = wanted.size ? await repo.reserveSerials([...wanted.values()], trx) : new Map<string, number>();

      let pending: Publication[] = [];
      const flush = async () => {
        if (!pending.length) return;
        const ps = pending;
        pending = [];
        await repo.insertMany(ps, trx);
        await repo.addVersions(ps.map((p) => ({ publicationId: p.id, id: ids(), v: snapshot(p, null, actor.name) })), trx);
        const at = clock.now().toISOString();
        await repo.addEvents(ps.map((p) => ({ id: newId(clock.now().getTime()), publicationId: p.id, at, actorId: actor.userId, actorName: actor.name, action: 'imported', detail: null })), trx);
        const s = search();
        if (s.indexMany) await s.indexMany(trx, ps);
        else for (const p of ps) await s.index(trx, p);
      };
      for (const [n, i] of items.entries()) {
        if (i.ref && existing.has(refKey(i.owner.id, i.ref))) {
          await flush();
          const p = await importPublished(trx, actor, ctx, i.owner, i.data, { ref: i.ref, publishedAt: i.publishedAt, indexNo: i.indexNo });
          remember({ id: p.id, agencyId: p.agencyId, indexNo: p.indexNo, ref: p.ref });
          out.push(p);
          continue;
        }
        const { data, owner } = i;
        const tracked = validityKinds.includes(data.kind);
        const f = fieldsWith(data, owner, await resolveCoIssuers(tree, data.coIssuers, owner), {
          replacedById: tracked ? resolve(data.validity?.replacedBy, owner.id, 'validity.replacedBy') : null,
          interpretsId: data.kind === 'interpretation' ? resolve(data.interprets, owner.id, 'interprets') : null,
        });
        const now = clock.now().toISOString();
        const base = newPublication(owner.id, i.ref, actor, now, f);
        let number = i.indexNo;
        if (number) {
          if (byIndexNo.has(number)) throw errors.validation([{ field: 'indexNo', message: 'catalog.indexNoTaken', params: { indexNo: number } }]);
        } else {
          const year = Number(publishedOn[n].slice(0, 4));
          const k = `${owner.id} ${year}`;
          const serial = next.get(k)!;
          next.set(k, serial + 1);
          number = formatIndexNumber(owner.indexPattern, { prefix: indexPrefixOf(owner), year, serial });
        }
        const p = published(base, number, i.publishedAt, publishedOn[n], ctx.calendar);
        remember({ id: p.id, agencyId: p.agencyId, indexNo: p.indexNo, ref: p.ref });
        pending.push(p);
        out.push(p);
      }
      await flush();
      return out;
    },

    importPublished,
  };
}
export type PublicationsService = ReturnType<typeof createPublicationsService>;
