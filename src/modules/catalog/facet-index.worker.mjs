// The worker thread of facet-index-thread.ts: loads the TypeScript sources through tsx, loads the facet index
// of the database at workerData.url, answers { data } (its buffers handed over) or { error }, and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { loadForAnotherThread } = await import('./facet-index-thread.ts');
  const { data, transfer } = await loadForAnotherThread(workerData.url);
  parentPort.postMessage({ data }, transfer);
} catch (e) {
  parentPort.postMessage({ error: String(e?.stack ?? e) });
}
