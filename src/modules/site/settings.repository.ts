import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { bumpChangeCounter, createChangeStampsReader, inTransaction } from '../../storage/change-stamps.ts';

/** Every change of a setting moves the 'site' change counter in the same transaction (storage/change-stamps.ts). */
export function createSettingsRepository(db: Kysely<Database>) {
  const stamps = createChangeStampsReader(db);
  return {
    /** Moves on every committed change of any setting, by any process. */
    version: (): Promise<number> => stamps.counter('site'),
    async get(key: string): Promise<string | undefined> {
      const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return r?.value;
    },
    async set(key: string, value: string, at: string): Promise<void> {
      await inTransaction(db, async (t) => {
        await t
          .insertInto('settings')
          .values({ key, value, updated_at: at })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
          .execute();
        await bumpChangeCounter(t, 'site');
      });
    },
    async delete(key: string): Promise<void> {
      await inTransaction(db, async (t) => {
        await t.deleteFrom('settings').where('key', '=', key).execute();
        await bumpChangeCounter(t, 'site');
      });
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
