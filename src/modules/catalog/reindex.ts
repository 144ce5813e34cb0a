import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { createPublicationsRepository } from './publications.repository.ts';
import { rebuildIndex } from './search.repository.ts';

export interface ReindexProgress {
  indexed: number;
  /** Published items when the rebuild started (items published meanwhile may push `indexed` past it). */
  total: number;
  elapsedMs: number;
}

export interface ReindexSummary {
  indexed: number;
  total: number;
  elapsedMs: number;
}

/**
 * Rebuilds the search index from the publications (`gongkai search reindex`): every published item is
 * indexed again, `batch` per transaction, and entries of items no longer published are dropped.
 * Search keeps working meanwhile: each entry is replaced in place.
 */
export async function reindexCatalog(
  db: Kysely<Database>,
  opts: { batch?: number; onProgress?: (p: ReindexProgress) => void; attachmentsText?: (ids: string[]) => Promise<Map<string, string>> } = {},
): Promise<ReindexSummary> {
  const started = performance.now();
  const { total } = await createPublicationsRepository(db).list({ statuses: ['published'], limit: 0, offset: 0 });
  opts.onProgress?.({ indexed: 0, total, elapsedMs: 0 });
  const indexed = await rebuildIndex(db, {
    batch: opts.batch,
    attachmentsText: opts.attachmentsText,
    onProgress: (done) => opts.onProgress?.({ indexed: done, total, elapsedMs: performance.now() - started }),
  });
  return { indexed, total, elapsedMs: performance.now() - started };
}
