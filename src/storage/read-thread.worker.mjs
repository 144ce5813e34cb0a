// The worker thread of read-thread.ts: opens the SQLite file workerData.file read-only, prepares the
// statements of workerData.statements (name → SQL) on first use, and answers each { id, runs: [[name, params], …] }
// with { id, results: [rows, …] } (all runs of a message in one read transaction) or { id, error }. Plain
// JavaScript with no imports of the project's sources: the thread stays a small isolate (no TypeScript loader, no
// module graph).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, statements, cacheKb } = workerData;
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma(`cache_size = -${Number(cacheKb)}`);
const prepared = new Map();
const statement = (name) => {
  let stmt = prepared.get(name);
  if (!stmt) {
    if (!Object.hasOwn(statements, name)) throw new Error(`no statement named ${name}`);
    stmt = db.prepare(statements[name]);
    prepared.set(name, stmt);
  }
  return stmt;
};
const runAll = db.transaction((runs) => runs.map(([name, params]) => statement(name).all(...params)));

parentPort.on('message', ({ id, runs }) => {
  try {
    parentPort.postMessage({ id, results: runAll(runs) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e?.message ?? e) });
  }
});
