import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalText, parseQuery } from '../../kernel/text/index.ts';
import { createTestDb, describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import { filterToken, filterTokensOf, keyRangeOfDates, putDocument, putDocuments, searchBackend, type MatchSpec } from './index.ts';

// The ranking window's title matches (`titled`): the newest matches of a search that have every term in
// the title. SQLite finds them through its title-only index, checked against the full search; the result
// must be exactly the documents a plain reading of the texts gives, with or without filters and
// exclusions (including when few title matches pass the filters and the old walk takes over).

const TITLE_WORDS = ['预算', '决算', '公开', '工作', '通知', '扶贫', '低保', '标准'];
const BODY_WORDS = ['预算', '公开', '工作', '通知', '资金', '考核', '审批'];

interface Doc {
  id: string;
  key: number;
  title: string;
  body: string;
  kind: string;
}

describeEachDialect('title matches of a search', (dialect) => {
  let t: TestDb;
  const docs: Doc[] = [];

  before(async () => {
    t = await createTestDb(dialect);
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)];
    for (let i = 0; i < 400; i++) {
      const core = `关于${pick(TITLE_WORDS)}${rand() < 0.5 ? pick(TITLE_WORDS) : ''}的${pick(['通知', '意见', '办法'])}`;
      const kind = rand() < 0.08 ? 'interpretation' : 'notice';
      // interpretations name what they interpret; only the oldest ones name a notice (通知)
      const title = kind === 'interpretation' ? (i < 100 ? `《${core}》政策解读` : `${core.replace(/通知/g, '意见')}政策解读`) : core;
      const body = Array.from({ length: 4 }, () => pick(BODY_WORDS)).join('，');
      const second = Date.UTC(2019, 0, 1) / 1000 + i * 86_400; // one a day, in order
      const day = new Date(second * 1000).toISOString().slice(0, 10);
      const id = `doc${i}`;
      const key = await putDocument(t.db, {
        publicationId: id,
        second,
        kind,
        agencyId: 'a1',
        issuers: ['a1'],
        topic: null,
        genre: null,
        publishedOn: day,
        words: [],
        title,
        meta: [],
        body,
        attachments: null,
        filterTokens: filterTokensOf({ issuerIds: ['a1'], withinIds: ['a1'], kind, topic: null, genre: null, validityStatus: null, docNo: null }),
      });
      docs.push({ id, key, title, body, kind });
    }
  });
  after(async () => t?.dispose());

  /** What a reader of the texts finds: every term in the title, no excluded term anywhere, the kind filter met. */
  function expected(q: string, kind: { require?: string; forbid?: string }, limit: number): number[] {
    const parsed = parseQuery(q);
    return docs
      .filter((d) => parsed.terms.every((x) => canonicalText(d.title).includes(x.pattern.canonical)))
      .filter((d) => !parsed.excluded.some((x) => canonicalText(d.title).includes(x.pattern.canonical) || canonicalText(d.body).includes(x.pattern.canonical)))
      .filter((d) => (kind.require ? d.kind === kind.require : true) && (kind.forbid ? d.kind !== kind.forbid : true))
      .map((d) => d.key)
      .sort((a, b) => b - a)
      .slice(0, limit);
  }

  const cases: [q: string, kind: { require?: string; forbid?: string }, limit: number][] = [
    ['预算', {}, 10],
    ['预算 通知', { forbid: 'interpretation' }, 60],
    ['预算 通知', { require: 'interpretation' }, 3],
    ['工作', { require: 'interpretation' }, 1],
    ['通知', { require: 'interpretation' }, 1], // newer title matches never pass: the old walk takes over
    ['公开 -资金', {}, 20],
    ['低保 标准', {}, 5],
    ['扶贫 决算 公开', {}, 10],
    ['办法', { require: 'interpretation' }, 50],
  ];

  test('are the newest matches with every term in the title, filters and exclusions applied', async () => {
    const backend = searchBackend(t.db);
    const range = keyRangeOfDates(null, null);
    const nonEmpty = new Set<string>();
    for (const [q, kind, limit] of cases) {
      const parsed = parseQuery(q);
      const m: MatchSpec = {
        scope: 'all',
        terms: parsed.terms.map((x) => x.pattern),
        excluded: parsed.excluded.map((x) => x.pattern),
        require: kind.require ? [[filterToken.kind(kind.require)]] : [],
        forbid: kind.forbid ? [filterToken.kind(kind.forbid)] : [],
      };
      const want = expected(q, kind, limit);
      assert.deepEqual(await backend.titled(t.db, m, range, limit), want, `${q} ${JSON.stringify(kind)} limit ${limit}`);
      if (want.length) nonEmpty.add(q);
    }
    // the cases find something (the last-resort walk too: 通知 among interpretations)
    assert.ok(nonEmpty.has('通知') && nonEmpty.has('预算') && nonEmpty.has('公开 -资金') && nonEmpty.size >= cases.length - 3, [...nonEmpty].join(' '));
  });

  test('stay right after a document is replaced or removed', async () => {
    const backend = searchBackend(t.db);
    const newest = docs.reduce((a, b) => (b.key > a.key ? b : a));
    const m: MatchSpec = { scope: 'all', terms: parseQuery('审批').terms.map((x) => x.pattern), excluded: [], require: [], forbid: [] };
    assert.deepEqual(await backend.titled(t.db, m, keyRangeOfDates(null, null), 5), []);
    await putDocument(t.db, {
      publicationId: newest.id, second: Math.floor(newest.key / 2 ** 20), kind: 'notice', agencyId: 'a1', issuers: ['a1'], topic: null, genre: null, publishedOn: '2020-12-31', words: [],
      title: '关于行政审批的通知', meta: [], body: '审批', attachments: null, filterTokens: filterTokensOf({ issuerIds: ['a1'], withinIds: ['a1'], kind: 'notice', topic: null, genre: null, validityStatus: null, docNo: null }),
    });
    const found = await backend.titled(t.db, m, keyRangeOfDates(null, null), 5);
    assert.equal(found.length, 1);
    const { removeDocument } = await import('./index.ts');
    await removeDocument(t.db, newest.id);
    assert.deepEqual(await backend.titled(t.db, m, keyRangeOfDates(null, null), 5), []);
  });
});

// The last resort (a filter rarely met among the anchor's title matches) looks up the titles of the search's own
// matches 1,000 at a time: here the title matches lie behind more than a thousand matches whose titles lack the term.
describeEachDialect('title matches behind a thousand matches without the term in the title', (dialect) => {
  let t: TestDb;
  const hits: number[] = [];
  before(async () => {
    t = await createTestDb(dialect);
    const list = [];
    for (let i = 0; i < 3_000; i++) {
      // oldest: 100 interpretations with 通知 in the title; then, alternating, an interpretation that names 通知
      // in its body only and a notice with 通知 in its title (the anchor's title matches, which the filter rejects)
      const kind = i < 100 || i % 2 === 0 ? 'interpretation' : 'notice';
      const title = i < 100 ? `关于第${i}号通知的解读` : kind === 'notice' ? `关于第${i}项工作的通知` : `第${i}项政策解读`;
      const second = Date.UTC(2019, 0, 1) / 1000 + i * 3_600;
      list.push({
        publicationId: `doc${i}`, second, kind, agencyId: 'a1', issuers: ['a1'], topic: null, genre: null,
        publishedOn: new Date(second * 1000).toISOString().slice(0, 10), words: [], title, meta: [], body: '见通知。', attachments: null,
        filterTokens: filterTokensOf({ issuerIds: ['a1'], withinIds: ['a1'], kind, topic: null, genre: null, validityStatus: null, docNo: null }),
      });
    }
    const keys = await putDocuments(t.db, list);
    for (let i = 0; i < 100; i++) hits.push(keys[i]);
    hits.sort((a, b) => b - a);
  });
  after(async () => t?.dispose());

  test('are found, newest first, exactly', async () => {
    const m: MatchSpec = { scope: 'all', terms: parseQuery('通知').terms.map((x) => x.pattern), excluded: [], require: [[filterToken.kind('interpretation')]], forbid: [] };
    const found = await searchBackend(t.db).titled(t.db, m, keyRangeOfDates(null, null), 5);
    assert.deepEqual(found, hits.slice(0, 5));
  });
});
