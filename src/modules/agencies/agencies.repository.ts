import type { Kysely, Selectable } from 'kysely';
import type { AgencyTable, Database } from '../../storage/schema.ts';
import { bumpChangeCounter, createChangeStampsReader, inTransaction } from '../../storage/change-stamps.ts';
import type { Agency } from './agency-tree.ts';

function toAgency(r: Selectable<AgencyTable>): Agency {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    shortName: r.short_name,
    parentId: r.parent_id,
    kind: r.kind,
    creditCode: r.credit_code,
    indexPrefix: r.index_prefix,
    indexPattern: r.index_pattern,
    sortOrder: Number(r.sort_order),
    officeName: r.office_name,
    address: r.address,
    postcode: r.postcode,
    officeHours: r.office_hours,
    phone: r.phone,
    fax: r.fax,
    email: r.email,
    website: r.website,
    disabled: !!r.disabled,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(a: Agency): Selectable<AgencyTable> {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    name_en: a.nameEn,
    short_name: a.shortName,
    parent_id: a.parentId,
    kind: a.kind,
    credit_code: a.creditCode,
    index_prefix: a.indexPrefix,
    index_pattern: a.indexPattern,
    sort_order: a.sortOrder,
    office_name: a.officeName,
    address: a.address,
    postcode: a.postcode,
    office_hours: a.officeHours,
    phone: a.phone,
    fax: a.fax,
    email: a.email,
    website: a.website,
    disabled: a.disabled ? 1 : 0,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export function createAgenciesRepository(db: Kysely<Database>) {
  const stamps = createChangeStampsReader(db);
  return {
    /** Moves on every committed change of any agency, by any process (change_counters, migration 0006). */
    version: (): Promise<number> => stamps.counter('agencies'),
    async all(): Promise<Agency[]> {
      const rows = await db.selectFrom('agencies').selectAll().orderBy('sort_order').orderBy('code').execute();
      return rows.map(toAgency);
    },
    async byCode(code: string): Promise<Agency | undefined> {
      const r = await db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
      return r ? toAgency(r) : undefined;
    },
    async byId(id: string): Promise<Agency | undefined> {
      const r = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAgency(r) : undefined;
    },
    async insert(a: Agency, trx: Kysely<Database> = db): Promise<void> {
      await inTransaction(trx, async (t) => {
        await t.insertInto('agencies').values(toRow(a)).execute();
        await bumpChangeCounter(t, 'agencies');
      });
    },
    async update(a: Agency, trx: Kysely<Database> = db): Promise<void> {
      const { id, created_at, ...rest } = toRow(a);
      void created_at;
      await inTransaction(trx, async (t) => {
        await t.updateTable('agencies').set(rest).where('id', '=', id).execute();
        await bumpChangeCounter(t, 'agencies');
      });
    },
    async count(): Promise<number> {
      const r = await db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type AgenciesRepository = ReturnType<typeof createAgenciesRepository>;
