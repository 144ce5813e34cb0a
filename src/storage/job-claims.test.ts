import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, describeEachDialect } from '../../test/helpers/db.ts';
import { claimJob } from './job-claims.ts';

describeEachDialect('job claims', (dialect) => {
  test('one process runs a slot: the first claim wins, also when claims race; another slot or job is free; old claims go', async () => {
    const db = await createTestDb(dialect);
    try {
      const at = new Date('2026-11-27T02:00:00Z');
      // Two processes' schedulers fire at the same minute.
      const race = await Promise.all([0, 1, 2].map(() => claimJob(db.db, 'monitor.probe', '2026-11-27T02:00', at)));
      assert.deepEqual(race.filter(Boolean).length, 1);
      assert.equal(await claimJob(db.db, 'monitor.probe', '2026-11-27T02:00', at), false);
      assert.equal(await claimJob(db.db, 'monitor.probe', '2026-11-27T02:01', at), true);
      assert.equal(await claimJob(db.db, 'monitor.crawlAll', '2026-11-27T02:00', at), true);
      // Three weeks on, the old claims of the job are cleared as a new one is made.
      const later = new Date(at.getTime() + 21 * 86_400_000);
      assert.equal(await claimJob(db.db, 'monitor.probe', '2026-12-18T02:00', later), true);
      const left = await db.db.selectFrom('job_claims').select(['job', 'slot']).orderBy('job').orderBy('slot').execute();
      assert.deepEqual(left, [
        { job: 'monitor.crawlAll', slot: '2026-11-27T02:00' },
        { job: 'monitor.probe', slot: '2026-12-18T02:00' },
      ]);
    } finally {
      await db.dispose();
    }
  });
});
