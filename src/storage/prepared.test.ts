import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDbUrl, describeEachDialect } from '../../test/helpers/db.ts';
import { bumpChangeCounter, createChangeStampsReader } from './change-stamps.ts';
import { openStorage } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { preparedRead } from './prepared.ts';

/**
 * The change stamps and the compiled reads of the public pages skip Kysely on SQLite (one statement prepared on
 * the connection). A page must still show what was committed before it was asked for — by another process too —
 * and never what a transaction still open in this process has written: a withdrawn item gone, a rolled-back change
 * never shown.
 */
describeEachDialect('reads that skip Kysely', (dialect) => {
  test('see a change committed by another process at the next read, and never an uncommitted change of this one', async () => {
    const target = await createTestDbUrl(dialect);
    const here = openStorage(target.url);
    const other = openStorage(target.url); // another process on the same database
    try {
      await migrateToLatest(here);
      const stamps = createChangeStampsReader(here.db);
      const counter = preparedRead(here.db, (q, name: string) => q.selectFrom('change_counters').select('value').where('name', '=', name));
      const value = async () => Number((await counter(here.db, 'agencies'))[0].value);
      const before = await stamps.read();
      assert.equal(await value(), before.agencies);

      await bumpChangeCounter(other.db, 'agencies');
      assert.equal((await stamps.read()).agencies, before.agencies + 1, 'the stamp moves at the next read');
      assert.equal(await value(), before.agencies + 1);
      assert.equal(await stamps.counter('agencies'), before.agencies + 1);

      // A change of this process that is rolled back: reads made while it was open never show it. PostgreSQL
      // answers them on other connections while the transaction is open (awaited there); SQLite's one
      // connection answers them once it has ended (awaited after). Not a fixed wait: a new PostgreSQL
      // connection can take longer than any pause chosen here.
      let reads: Promise<number[]> | undefined;
      await assert.rejects(
        here.db.transaction().execute(async (trx) => {
          await bumpChangeCounter(trx, 'agencies');
          reads = Promise.all([stamps.read().then((s) => s.agencies), value(), stamps.counter('agencies')]);
          if (dialect === 'postgres') await reads;
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      assert.deepEqual(await reads, [before.agencies + 1, before.agencies + 1, before.agencies + 1]);
      assert.equal((await stamps.read()).agencies, before.agencies + 1);
    } finally {
      await here.close();
      await other.close();
      await target.dispose();
    }
  });
});
