/**
 * Bulk export (`gongkai export publications [--agency CODE]`): every published item, one JSON object per line
 * in the import format, so that export → import into an empty database gives the same catalog.
 *
 * - Only published items. Withdrawn items (tombstones) and unpublished drafts are left out: the import format
 *   has no withdrawn state, and importing a tombstone would publish again what its agency withdrew.
 * - Streamed page by page with keyset pagination (published_at, id), never OFFSET: constant cost per page
 *   at any depth, and memory for one page only.
 * - Order: every item that is not an interpretation, oldest first; then the interpretations, oldest first —
 *   so that the document an interpretation names always comes before it in the file. A document that was
 *   replaced names its successor, which may come later; the import links it when the successor arrives.
 * - References (interprets, validity.replacedBy) are written as index numbers, which are unique across the
 *   platform; with --agency, a referenced document of another agency must already exist where the file is
 *   imported.
 * - With --agency, the items that agency issued as first issuer (jointly issued items appear in the export
 *   of their first issuer only, so that exports of several agencies never hold the same item twice).
 */
import type { Kysely } from 'kysely';
import { errors } from '../../kernel/errors.ts';
import type { Database } from '../../storage/schema.ts';
import type { AgencyTree } from '../agencies/index.ts';
import type { ImportLine } from './import.ts';
import type { Publication } from './publication.ts';
import type { PublicationsService } from './publications.service.ts';
import { createTransferRepository } from './transfer.repository.ts';

export interface ExportDeps {
  db: Kysely<Database>;
  publications: PublicationsService;
}

export interface ExportProgress {
  written: number;
  total: number;
  elapsedMs: number;
}

export interface ExportOptions {
  /** Only this agency's items (as first issuer). */
  agencyCode?: string;
  /** Items per page (default 500). */
  pageSize?: number;
  onProgress?: (p: ExportProgress) => void;
}

/** A published item as one line of the import format. */
export function toImportLine(p: Publication, tree: AgencyTree, indexNoOf: (id: string) => string | null): ImportLine {
  const code = (id: string) => tree.byId.get(id)?.code ?? id;
  return {
    ref: p.ref,
    agency: code(p.agencyId),
    coIssuers: p.coIssuerIds.map(code),
    title: p.title,
    docNo: p.docNo,
    kind: p.kind,
    topic: p.topic,
    genre: p.genre,
    audience: p.audience,
    keywords: p.keywords,
    summary: p.summary,
    body: p.bodyHtml,
    writtenAt: p.writtenOn,
    publishedAt: p.publishedAt,
    validity: p.validity ? { status: p.validity.status, from: p.validity.from, until: p.validity.until, replacedBy: p.validity.replacedById ? indexNoOf(p.validity.replacedById) : null } : null,
    interprets: p.interpretsId ? indexNoOf(p.interpretsId) : null,
    columns: p.columns,
    indexNo: p.indexNo,
    disclosureMode: p.disclosureMode,
    nonDisclosureReason: p.nonDisclosureReason,
  };
}

/** Writes every published item (of one agency) as JSON lines through `write`; returns how many. */
export async function exportPublications(deps: ExportDeps, opts: ExportOptions, write: (line: string) => void | Promise<void>): Promise<{ items: number; elapsedMs: number }> {
  const started = performance.now();
  const repo = createTransferRepository(deps.db);
  const { tree } = await deps.publications.importContext();
  let agencyId: string | undefined;
  if (opts.agencyCode !== undefined) {
    const a = tree.byCode.get(opts.agencyCode);
    if (!a) throw errors.notFound('agency', opts.agencyCode);
    agencyId = a.id;
  }
  const total = await repo.exportCount({ agencyId });
  const pageSize = Math.max(1, opts.pageSize ?? 500);
  let items = 0;
  for (const interpretations of [false, true]) {
    let after: { publishedAt: string; id: string } | null = null;
    for (;;) {
      const page = await repo.exportPage({ agencyId, interpretations, after, limit: pageSize });
      if (!page.length) break;
      after = page[page.length - 1];
      const list = await deps.publications.byIds(page.map((r) => r.id));
      const targets = [...new Set(list.flatMap((p) => [p.interpretsId, p.validity?.replacedById ?? null]).filter((x): x is string => !!x))];
      const numbers = new Map((await repo.byIds(targets)).map((k) => [k.id, k.indexNo]));
      for (const p of list) {
        await write(JSON.stringify(toImportLine(p, tree, (id) => numbers.get(id) ?? null)));
        items++;
      }
      opts.onProgress?.({ written: items, total, elapsedMs: performance.now() - started });
      if (page.length < pageSize) break;
    }
  }
  return { items, elapsedMs: performance.now() - started };
}
