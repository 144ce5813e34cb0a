/**
 * Reads of a SQLite database on a thread of its own (docs/design/catalog-reads.md, "Reads on a second core").
 *
 * better-sqlite3 answers on the thread that asks: a read at random places of a large file (20 rows of a
 * million-item catalog for a browse page) holds the event loop for as long as SQLite takes, and the second
 * core stays idle. A read thread opens the same file read-only on a connection of its own and runs named
 * statements given once (plain SQL for this dialect, with positional parameters); the event loop goes on with
 * other requests meanwhile. Each run is a read of the committed database, like a read on the main
 * connection outside a transaction. The thread is a small isolate (read-thread.worker.mjs imports nothing of
 * the project) and does not keep the process alive.
 *
 * When the thread fails (it cannot open the file, it exits), every run still waiting and every later run
 * rejects: the caller reads on its own connection instead. `close` ends it.
 */
import { Worker } from 'node:worker_threads';
import { parseDatabaseUrl } from './db.ts';

export interface ReadThread {
  /** The rows of the named statement with these parameters. */
  run<R>(name: string, params: unknown[]): Promise<R[]>;
  /**
   * The rows of several statements, in one message each way and from one snapshot of the database (one read
   * transaction): e.g. a page's items and their co-issuers.
   */
  runAll<R extends unknown[][]>(runs: { [K in keyof R]: [name: string, params: unknown[]] }): Promise<R>;
  close(): Promise<void>;
}

export interface ReadThreadOptions {
  /** SQLite's page cache of the thread's connection (KiB). */
  cacheKb?: number;
  /** The thread's V8 heap (MB): it only passes rows on. */
  heapMb?: number;
  /** Told once when the thread fails (not when it is closed). */
  onFailure?: (err: Error) => void;
}

/** A read thread on the SQLite database at `url`, or null when there is no file to open again (PostgreSQL, `:memory:`). */
export function startReadThread(url: string | null, statements: Record<string, string>, opts: ReadThreadOptions = {}): ReadThread | null {
  if (!url) return null;
  const target = parseDatabaseUrl(url);
  if (target.dialect !== 'sqlite' || target.path === ':memory:') return null;
  const worker = new Worker(new URL('./read-thread.worker.mjs', import.meta.url), {
    execArgv: [],
    workerData: { file: target.path, statements, cacheKb: opts.cacheKb ?? 8192 },
    resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? 16, maxYoungGenerationSizeMb: 2 },
  });
  worker.unref();
  const waiting = new Map<number, { resolve: (results: unknown[][]) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  let closed = false;
  const fail = (err: Error) => {
    if (!failure) {
      failure = err;
      if (!closed) opts.onFailure?.(err);
    }
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; results?: unknown[][]; error?: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error !== undefined) w.reject(new Error(`read thread: ${m.error}`));
    else w.resolve(m.results!);
  });
  worker.on('error', (err) => fail(err));
  worker.on('exit', (code) => fail(new Error(`the read thread exited (code ${code})`)));
  const runAll = <R extends unknown[][]>(runs: [string, unknown[]][]): Promise<R> => {
    if (failure) return Promise.reject(failure);
    return new Promise<R>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (results: unknown[][]) => void, reject });
      worker.postMessage({ id, runs });
    });
  };
  return {
    run: async <R>(name: string, params: unknown[]) => (await runAll<[R[]]>([[name, params]]))[0],
    runAll: runAll as ReadThread['runAll'],
    async close() {
      closed = true;
      fail(new Error('the read thread was closed'));
      await worker.terminate();
    },
  };
}
