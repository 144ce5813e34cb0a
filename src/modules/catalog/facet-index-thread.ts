/**
 * The browse facet index loaded on a worker thread (docs/design/catalog-reads.md, "The facet index loaded
 * off the main thread").
 *
 * Loading reads every public item and lays them out (facet-index.ts `loadFacetIndex`): at a million items
 * 7–21 s of work, done again after every change of the catalog (at most a sixth of the time, the holder's
 * pause). On the main thread that work shared the event loop with every request. Here a thread
 * opens the same database on a connection of its own, loads the index, and hands its arrays over without a
 * copy (`FacetIndex.toData`); the main thread only wraps them. The thread ends after each load: it holds no
 * memory between loads.
 */
import { Worker } from 'node:worker_threads';
import { openStorage, sqliteHandleOf } from '../../storage/db.ts';
import { FacetIndex, type FacetIndexData, loadFacetIndex } from './facet-index.ts';
import { createPublicReadRepository } from './public-read.repository.ts';

type Answer = { data: FacetIndexData } | { error: string };

/** Indexes loaded on a thread by this process (tests, diagnostics). */
export const offThreadLoads = { count: 0 };

/**
 * Loads the index of the database at `url` on a thread of its own; rejects when the thread fails (also when
 * it runs out of its heap: `heapMb` old generation, `youngMb` young generation, V8's defaults when unset) and
 * when `signal` aborts (the thread is stopped: e.g. the server closing does not wait for a load).
 */
export function loadFacetIndexOffThread(url: string, opts: { heapMb?: number; youngMb?: number; signal?: AbortSignal } = {}): Promise<FacetIndex> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Error('loading the facet index was cancelled'));
    let answered = false;
    const worker = new Worker(new URL('./facet-index.worker.mjs', import.meta.url), { execArgv: [], workerData: { url }, resourceLimits: { ...(opts.heapMb ? { maxOldGenerationSizeMb: opts.heapMb } : {}), ...(opts.youngMb ? { maxYoungGenerationSizeMb: opts.youngMb } : {}) } });
    const stop = () => void worker.terminate();
    opts.signal?.addEventListener('abort', stop, { once: true });
    worker.once('exit', () => opts.signal?.removeEventListener('abort', stop));
    worker.once('message', (m: Answer) => {
      answered = true;
      if ('error' in m) reject(new Error(`loading the facet index on a worker thread failed: ${m.error}`));
      else {
        offThreadLoads.count++;
        resolve(FacetIndex.fromData(m.data));
      }
    });
    worker.once('error', (err) => {
      answered = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(opts.signal?.aborted ? 'loading the facet index was cancelled' : `the facet index thread exited with code ${code} without an answer`));
    });
  });
}

/** The thread's side (facet-index.worker.mjs): the index of the database at `url`, as data and buffers. */
export async function loadForAnotherThread(url: string): Promise<{ data: FacetIndexData; transfer: ArrayBuffer[] }> {
  const storage = openStorage(url);
  try {
    // The load reads each index entry once: SQLite's page cache (32 MB on the server's connection) would only
    // hold memory while the thread lives.
    sqliteHandleOf(storage.db)?.pragma('cache_size = -2048');
    return (await loadFacetIndex(createPublicReadRepository(storage.db).facetSource)).toData();
  } finally {
    await storage.close();
  }
}
