import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from '../../kernel/text/index.ts';
import { createTestDb, describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import { filterToken, filterTokensOf, keyRangeOfDates, putDocuments, searchBackend, type KeyRange, type MatchSpec } from './index.ts';

// The newest matches of a range that ends before the newest document (`newest`, not open-ended): on SQLite they are
// read ascending in widening windows from the range's end (sqlite.ts `newestAscending`). They must be exactly the
// newest-first walk's, whatever the window sizes, the offset and the hint of how many matches there are.

describeEachDialect('the newest matches of a range in the past', (dialect) => {
  let t: TestDb;
  const kinds = ['notice', 'news', 'budget'];
  before(async () => {
    t = await createTestDb(dialect);
    const list = [];
    let seed = 11;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 600; i++) {
      // bursts and gaps: several documents on some days, none for weeks on others
      const second = Date.UTC(2018, 0, 1) / 1000 + Math.floor(i / 3) * 86_400 * (rand() < 0.2 ? 9 : 1) + i * 60;
      const kind = kinds[Math.floor(rand() * kinds.length)];
      list.push({
        publicationId: `doc${i}`, second, kind, agencyId: 'a1', issuers: ['a1'], topic: null, genre: null,
        publishedOn: new Date(second * 1000).toISOString().slice(0, 10), words: [], title: `第${i}号${rand() < 0.3 ? '预算' : '通知'}`, meta: [],
        body: rand() < 0.5 ? '预算公开' : '工作安排', attachments: null,
        filterTokens: filterTokensOf({ issuerIds: ['a1'], withinIds: ['a1'], kind, topic: null, genre: null, validityStatus: null, docNo: null }),
      });
    }
    await putDocuments(t.db, list);
  });
  after(async () => t?.dispose());

  test('are the newest-first walk\'s rows, for any window, offset and hint', async () => {
    const backend = searchBackend(t.db);
    const specs: MatchSpec[] = [
      { scope: 'all', terms: parseQuery('预算').terms.map((x) => x.pattern), excluded: [], require: [], forbid: [] },
      { scope: 'all', terms: parseQuery('通知').terms.map((x) => x.pattern), excluded: [], require: [[filterToken.kind('budget')]], forbid: [] },
      { scope: 'all', terms: [], excluded: [], require: [], forbid: [] },
    ];
    const ranges: KeyRange[] = [keyRangeOfDates('2018-01-01', '2018-03-31'), keyRangeOfDates('2018-02-10', '2018-02-12'), keyRangeOfDates('2017-01-01', '2018-06-30'), keyRangeOfDates('2018-05-01', '2018-05-01')];
    let compared = 0;
    for (const m of specs) {
      for (const range of ranges) {
        for (const [limit, offset] of [[1, 0], [20, 0], [20, 15], [120, 0], [500, 3]]) {
          const want = (await backend.keys(m, range, limit, offset).execute(t.db)).rows.map((r) => Number(r.k));
          for (const expected of [undefined, 1, 40, 100_000]) {
            assert.deepEqual(await backend.newest(t.db, m, range, limit, offset, { openEnded: false, expected }), want, `${JSON.stringify(m.require)} ${range.lo}–${range.hi} ${limit}+${offset} ~${expected}`);
            compared += want.length;
          }
          assert.deepEqual(await backend.newest(t.db, m, range, limit, offset, { openEnded: true }), want);
        }
      }
    }
    assert.ok(compared > 1000, `the ranges hold matches (${compared} compared)`);
  });
});
