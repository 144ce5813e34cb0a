/**
 * Statement-sized parts of a list: multi-row INSERTs and `in (…)` lists stay below the engines'
 * parameter limits (SQLite 32,766, PostgreSQL 65,535 bind parameters per statement).
 */
export function chunked<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
