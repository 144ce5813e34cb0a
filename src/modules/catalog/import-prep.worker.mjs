// The worker thread of import-prep.ts: loads the TypeScript sources through tsx, then answers
// { id, inputs, streams } with { id, outputs } (prepareTexts) or { id, error }.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { prepareTexts } = await import('./import-prep.ts');
parentPort.on('message', ({ id, inputs, streams }) => {
  try {
    parentPort.postMessage({ id, outputs: prepareTexts(inputs, streams) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e?.stack ?? e) });
  }
});
