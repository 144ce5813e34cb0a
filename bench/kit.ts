/**
 * What the scale benchmarks (bench/catalog.ts, bench/applications.ts) share: figures, a fresh database with the
 * benchmark's agencies, its size on disk, child processes (the server, the load generator) and their messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openStorage, type DialectName } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { createTestDbUrl } from '../test/helpers/db.ts';

const here = dirname(fileURLToPath(import.meta.url));

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}
export const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
export const r1 = (x: number) => Math.round(x * 10) / 10;
export const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** A fresh migrated database holding `agencies` (parents before children). */
export async function freshDatabase(dialect: DialectName, agencies: { code: string; name: string; kind: string; parent?: string | null }[]) {
  if (dialect === 'postgres') process.env.DATABASE_URL_PG ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const target = await createTestDbUrl(dialect);
  const storage = openStorage(target.url);
  await migrateToLatest(storage);
  const now = '2025-12-31T00:00:00.000Z';
  const idOf = new Map(agencies.map((a, i) => [a.code, `bench${String(i).padStart(4, '0')}`]));
  for (let i = 0; i < agencies.length; i += 200) {
    await storage.db
      .insertInto('agencies')
      .values(agencies.slice(i, i + 200).map((a, j) => ({ id: idOf.get(a.code)!, code: a.code, name: a.name, kind: a.kind, parent_id: a.parent ? idOf.get(a.parent)! : null, sort_order: i + j, created_at: now, updated_at: now })) as never)
      .execute();
  }
  await storage.close();
  return target;
}

export async function sizeOnDisk(dialect: DialectName, url: string, db: any): Promise<number> {
  if (dialect === 'sqlite') {
    const file = url.replace(/^sqlite:/, '');
    return [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).reduce((s, f) => s + statSync(f).size, 0);
  }
  const r = await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(db);
  return Number(r.rows[0]!.n);
}

/** A TypeScript file of bench/ in a process of its own, with an IPC channel. */
export function forkTs(file: string, env: Record<string, string> = {}, nodeFlags: string[] = []): ChildProcess {
  return fork(join(here, file), [], { execArgv: [...nodeFlags, '--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** One message from a child (the next one matching `pred`). */
export function nextMessage<T>(child: ChildProcess, pred: (m: any) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: any) => {
      if (!pred(m)) return;
      child.off('message', onMsg);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code: number) => reject(new Error(`child exited (${code}) before answering`));
    child.on('message', onMsg);
    child.once('exit', onExit);
  });
}

let reqId = 0;
/** A command to the server process (bench/catalog-server.ts) and its answer. */
export async function ask<T>(child: ChildProcess, cmd: string): Promise<T> {
  const id = ++reqId;
  const p = nextMessage<T>(child, (m) => m.id === id);
  child.send({ cmd, id });
  return p;
}

export interface LoadResult { unfinished: number; drainSeconds?: number; connections?: number; requests: number; rps: number; seconds: number; bytesPerResponse: number; statuses: Record<string, number>; errors: number; taken: number; distinct: number; latencyMs: { p50: number; p99: number } }

/** GETs of `paths` from N keep-alive connections for a while (bench/catalog-load.ts, in its own process). */
export async function load(origin: string, paths: string[], connections: number, durationMs: number, warmupMs: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const child = forkTs('catalog-load.ts');
  const p = nextMessage<{ ok: boolean; result?: LoadResult; error?: string }>(child);
  child.send({ origin, paths, headers, connections, durationMs, warmupMs });
  const m = await p;
  if (!m.ok) throw new Error(m.error);
  return m.result!;
}

export function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, model: cpus[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100), kernel: os.release() };
}
