import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '../../test/helpers/db.ts';
import { openStorage } from './db.ts';
import { startReadThread, type ReadThread } from './read-thread.ts';

describe('a read thread (SQLite)', () => {
  let db: TestDb;
  let thread: ReadThread;
  before(async () => {
    db = await createTestDb('sqlite');
    await db.db.insertInto('change_counters').values({ name: 'test-a', value: 1 }).execute();
    thread = startReadThread(db.url, { counter: 'select name, value from change_counters where name = ?', broken: 'select x from nowhere' })!;
    assert.ok(thread);
  });
  after(async () => {
    await thread.close();
    await db.dispose();
  });

  test('answers a named statement with the rows of the committed database, also rows committed after it started', async () => {
    assert.deepEqual(await thread.run('counter', ['test-a']), [{ name: 'test-a', value: 1 }]);
    await db.db.insertInto('change_counters').values({ name: 'test-b', value: 7 }).execute();
    assert.deepEqual(await thread.run('counter', ['test-b']), [{ name: 'test-b', value: 7 }]);
    const many = await Promise.all(['test-a', 'test-b', 'none'].map((n) => thread.run('counter', [n])));
    assert.deepEqual(many, [[{ name: 'test-a', value: 1 }], [{ name: 'test-b', value: 7 }], []], 'answers go to their own runs');
  });

  test('several statements in one run: each one’s rows, in order; one refused rejects them all, the next run is answered', async () => {
    const [a, b] = await thread.runAll<[{ name: string }[], { name: string; value: number }[]]>([
      ['counter', ['test-b']],
      ['counter', ['test-a']],
    ]);
    assert.deepEqual([a, b], [[{ name: 'test-b', value: 7 }], [{ name: 'test-a', value: 1 }]]);
    await assert.rejects(thread.runAll([['counter', ['test-a']], ['broken', []]]), /no such table: nowhere/);
    assert.deepEqual(await thread.runAll([['counter', ['none']]]), [[]]);
  });

  test('an unknown statement or one SQLite refuses rejects that run only', async () => {
    await assert.rejects(thread.run('missing', []), /no statement named missing/);
    await assert.rejects(thread.run('broken', []), /no such table: nowhere/);
    assert.deepEqual(await thread.run('counter', ['test-a']), [{ name: 'test-a', value: 1 }]);
  });

  test('reads only: a statement that writes is refused', async () => {
    const writer = startReadThread(db.url, { write: "update change_counters set value = 99 where name = 'test-a' returning value" })!;
    try {
      await assert.rejects(writer.run('write', []), /readonly/i);
      assert.deepEqual(await thread.run('counter', ['test-a']), [{ name: 'test-a', value: 1 }]);
    } finally {
      await writer.close();
    }
  });

  test('a thread that cannot open its file rejects every run; a closed one too', async () => {
    const told: Error[] = [];
    const lost = startReadThread('sqlite:/nonexistent-dir/none.db', { counter: 'select 1' }, { onFailure: (err) => told.push(err) })!;
    await assert.rejects(lost.run('counter', []));
    await assert.rejects(lost.run('counter', []), 'and later runs');
    await lost.close();
    assert.equal(told.length, 1, 'the failure is told once');
    const closed = startReadThread(db.url, { counter: 'select 1 as one' }, { onFailure: (err) => told.push(err) })!;
    assert.deepEqual(await closed.run('counter', []), [{ one: 1 }]);
    await closed.close();
    await assert.rejects(closed.run('counter', []), /closed/);
    assert.equal(told.length, 1, 'closing is no failure');
  });

  test('no thread where the database cannot be opened twice: in memory, PostgreSQL, none', () => {
    const memory = openStorage('sqlite::memory:');
    try {
      assert.equal(memory.url, null);
      assert.equal(startReadThread(memory.url, {}), null);
    } finally {
      void memory.close();
    }
    assert.equal(startReadThread('postgres://postgres@127.0.0.1:5432/postgres', {}), null);
    assert.equal(startReadThread(null, {}), null);
  });
});
