/**
 * A large import's text work in a second thread. Of a line's cost in the write pass, about an eighth (13 % in a
 * CPU profile of a 100k import) is pure JavaScript on its texts: sanitizing the body (sanitize.ts), jieba's words
 * for ranking (kernel/text/words.ts) and the full-text token streams of the title and body (kernel/text/terms.ts). A worker thread computes these
 * for the next batch while the main thread writes the current one to the database; the main thread primes the
 * three functions with the results (kernel/primed.ts), so that the service and the search index, which call
 * them as always, take them instead of computing them. The outcome is the same either way: when no worker can
 * be started or it fails, nothing is primed and the main thread computes as before.
 *
 *   prepareTexts(inputs)        the work itself (pure; runs in the worker)
 *   createTextPrep()            the worker: prepare(lines) → a promise of results (null: compute in place), close()
 *   primeTexts(inputs, outputs) hands a batch's results to the three functions; clearPrimedTexts() drops the rest
 */
import { Worker } from 'node:worker_threads';
import { fieldStream, primedStreams, primedWords, searchWords } from '../../kernel/text/index.ts';
import type { PublicationData } from './publications.schemas.ts';
import { primedBodies, sanitizeBody } from './sanitize.ts';

/** What the three functions are called with for one line (as search.repository.ts documentOf and the service call them). */
export interface TextInput {
  body: string;
  title: string;
  /** searchWords' input: title, keywords and summary, one per line. */
  wordsText: string;
}

export interface TextOutput {
  body: { html: string; text: string };
  words: string[];
  titleStream: string;
  bodyStream: string;
}

export function textInputOf(data: Pick<PublicationData, 'body' | 'title' | 'keywords' | 'summary'>): TextInput {
  return { body: data.body, title: data.title, wordsText: [data.title, ...data.keywords, data.summary ?? ''].join('\n') };
}

/** `streams`: whether to compute the token streams (only SQLite's index uses them: '' otherwise, and nothing is primed). */
export function prepareTexts(inputs: TextInput[], streams = true): TextOutput[] {
  return inputs.map((i) => {
    const body = sanitizeBody(i.body);
    return { body, words: searchWords(i.wordsText), titleStream: streams ? fieldStream(i.title) : '', bodyStream: streams ? fieldStream(body.text) : '' };
  });
}

/** Hands the results to the functions that would otherwise compute them (each taken once). */
export function primeTexts(inputs: TextInput[], outputs: TextOutput[]): void {
  inputs.forEach((i, n) => {
    const o = outputs[n];
    if (i.body) primedBodies.prime(i.body, o.body);
    if (i.wordsText) primedWords.prime(i.wordsText, o.words);
    if (i.title && o.titleStream) primedStreams.prime(i.title, o.titleStream);
    if (o.body.text && o.bodyStream) primedStreams.prime(o.body.text, o.bodyStream);
  });
}

/** Drops what was primed and not taken (lines left unchanged, a batch that failed). */
export function clearPrimedTexts(): void {
  primedBodies.clear();
  primedWords.clear();
  primedStreams.clear();
}

export interface TextPrep {
  /** The texts of these lines, computed in the worker; null when the worker is not available (compute in place). */
  prepare(inputs: TextInput[]): Promise<TextOutput[] | null>;
  /** Batches the worker answered. */
  readonly answered: number;
  /** Why the worker was turned off during the import (it could not start, ran out of memory, failed), else null. */
  readonly stopped: string | null;
  close(): Promise<void>;
}

/**
 * A worker thread for prepareTexts. The worker loads the TypeScript sources through tsx itself
 * (import-prep.worker.mjs), whichever way this process was started. A batch goes to the worker in chunks of
 * `chunk` lines (default 250), so that the worker holds one chunk's texts at a time, however large the batch.
 * Any failure (the worker cannot start, dies, or throws) turns it off for the rest of the import: prepare then
 * answers null and `stopped` says why. Its heap is limited (`heapMb`, default 128 MB: a chunk of 250 lines
 * takes a few MB): a chunk of bodies that needs more stops the worker, and the main thread goes on computing itself.
 * `streams` false: the token streams are left to the main thread (PostgreSQL's index does not use them).
 */
export function createTextPrep(opts: { heapMb?: number; chunk?: number; streams?: boolean } = {}): TextPrep {
  const chunk = opts.chunk ?? 250;
  const streams = opts.streams ?? true;
  let worker: Worker | null = null;
  let closed = false;
  let stopped: string | null = null;
  let answered = 0;
  let next = 0;
  const waiting = new Map<number, (r: TextOutput[] | null) => void>();
  const fail = (why: string) => {
    stopped ??= why;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
    void worker?.terminate();
    worker = null;
  };
  const start = (): Worker | null => {
    if (worker || closed || stopped) return worker;
    try {
      worker = new Worker(new URL('./import-prep.worker.mjs', import.meta.url), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? 128 } });
    } catch (e) {
      stopped = `could not start: ${String(e)}`;
      return null;
    }
    // Kept referenced only while an answer is awaited: a worker that dies then must be heard of (the import
    // would otherwise wait on a promise nothing keeps alive), an idle one never holds the process open.
    worker.unref();
    worker.on('message', (m: { id: number; outputs?: TextOutput[]; error?: string }) => {
      const resolve = waiting.get(m.id);
      waiting.delete(m.id);
      if (!waiting.size) worker?.unref();
      if (m.outputs) resolve?.(m.outputs);
      else {
        resolve?.(null);
        fail(m.error?.split('\n')[0] ?? 'failed');
      }
    });
    worker.on('error', (e) => fail(String(e.message ?? e)));
    worker.on('exit', (code) => {
      if (waiting.size) fail(`exited (code ${code})`);
      worker = null;
    });
    return worker;
  };
  const send = (w: Worker, inputs: TextInput[]) =>
    new Promise<TextOutput[] | null>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      w.ref();
      w.postMessage({ id, inputs, streams });
    });
  return {
    async prepare(inputs) {
      const w = start();
      if (!w) return null;
      const parts: Promise<TextOutput[] | null>[] = [];
      for (let i = 0; i < inputs.length; i += chunk) parts.push(send(w, inputs.slice(i, i + chunk)));
      const outputs = await Promise.all(parts);
      if (outputs.some((o) => o === null)) return null;
      answered++;
      return (outputs as TextOutput[][]).flat();
    },
    get answered() {
      return answered;
    },
    get stopped() {
      return stopped;
    },
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      for (const resolve of waiting.values()) resolve(null);
      waiting.clear();
      if (w) await w.terminate();
    },
  };
}
