import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { chunked } from './batches.ts';

/**
 * Counters kept beside the records they count (docs/design/reports.md, "Counts kept as records change").
 *
 * A module describes each record by its cells — (agency, year, cell name, n) — with a pure function. Whoever writes
 * the record adds the cells of the new state and subtracts those of the old one into a CountDeltas, then writes the
 * sums with `writeCounts` in the same transaction: a reader sees counts that agree with the records, and a roll-up
 * reads a few rows per agency instead of every record.
 */
export interface Cell {
  agencyId: string;
  year: number;
  cell: string;
  n: number;
}

export class CountDeltas {
  private readonly sums = new Map<string, Cell>();

  add(agencyId: string, year: number, cell: string, n: number): void {
    if (!n) return;
    const key = `${agencyId}\t${year}\t${cell}`;
    const c = this.sums.get(key);
    if (c) c.n += n;
    else this.sums.set(key, { agencyId, year, cell, n });
  }
  /** Adds (sign 1) or subtracts (sign -1) a record's cells. */
  addAll(cells: Iterable<Cell>, sign: 1 | -1): this {
    for (const c of cells) this.add(c.agencyId, c.year, c.cell, sign * c.n);
    return this;
  }
  /** The changes that are not zero, in one order (concurrent writers lock PostgreSQL's rows in the same order). */
  changes(): Cell[] {
    return [...this.sums.entries()]
      .filter(([, c]) => c.n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => c);
  }
}

type CountTableName = 'application_counts' | 'publication_counts' | 'publication_in_force';
const keys: Record<CountTableName, string[]> = {
  application_counts: ['agency_id', 'year', 'fine', 'cell'],
  publication_counts: ['agency_id', 'year', 'cell'],
  publication_in_force: ['agency_id', 'cell', 'year'],
};

/**
 * Adds the deltas to the table's counters: multi-row upserts (`n = n + excluded.n`, atomic on both engines).
 * `columns` gives a table's further key columns of a cell (application_counts: `fine`).
 */
export async function writeCounts(
  trx: Kysely<Database> | Transaction<Database>,
  table: CountTableName,
  deltas: CountDeltas,
  columns: (cell: string) => Record<string, number> = () => ({}),
): Promise<void> {
  const db = trx as unknown as Kysely<any>;
  for (const part of chunked(deltas.changes(), 200)) {
    await db
      .insertInto(table)
      .values(part.map((c) => ({ agency_id: c.agencyId, year: c.year, cell: c.cell, n: c.n, ...columns(c.cell) })))
      .onConflict((oc) => oc.columns(keys[table]).doUpdateSet({ n: sql`${sql.ref(`${table}.n`)} + excluded.n` }))
      .execute();
  }
}
