import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import { addDays } from '../../kernel/calendar/dates.ts';
import { newId } from '../../kernel/ids.ts';
import { rebuildIndex } from './search.repository.ts';
import { createSearchService, type SearchService } from './search.service.ts';

const NOW = '2024-12-31T00:00:00.000Z';

interface Item {
  at: string;
  title: string;
  kind: string;
  publishedOn: string;
}

/**
 * Two years of a busy catalog, in the shape that made the old day-based estimate saturate: 12 publishing
 * days a year, alternately 40 and 10 items a day, published a second apart from 10:00. Terms by position:
 * 公开 in every item, 低保 in every 2nd, 扶贫 in every 5th, 决算 in every 25th, 预算 in 6 items; every
 * 4th item an interpretation. (The items of a day in publication order, so that the estimate's own
 * sampling error — about √((1 − p) / n) for a cap of n, ±25 % for 低保 with the cap of 8 used here — does
 * not blur what is tested: that the estimate follows the share of matching documents.)
 */
function catalog(): Item[] {
  const out: Item[] = [];
  let i = 0;
  for (const year of [2023, 2024]) {
    for (let d = 0; d < 12; d++) {
      const day = addDays(`${year}-01-01`, d * 30);
      for (let j = 0; j < (d % 2 ? 10 : 40); j++, i++) {
        const words = ['公开', i % 2 === 0 ? '低保' : '', i % 5 === 0 ? '扶贫' : '', i % 25 === 0 ? '决算' : '', i % 100 === 7 ? '预算' : ''];
        out.push({ at: new Date(Date.parse(`${day}T02:00:00.000Z`) + j * 1000).toISOString(), title: `关于${words.filter(Boolean).join('和')}的第${i}号文件`, kind: i % 4 === 1 ? 'interpretation' : 'notice', publishedOn: day });
      }
    }
  }
  return out;
}

describeEachDialect('catalog search: estimated totals of common terms', (dialect) => {
  let t: TestDb;
  let search: SearchService;
  const items = catalog();
  const exact = (term: string, filter: (it: Item) => boolean = () => true) => items.filter((it) => it.title.includes(term) && filter(it)).length;
  const near = (shown: number, truth: number, what: string) => assert.ok(Math.abs(shown - truth) <= 0.2 * truth, `${what}: shown ${shown}, really ${truth}`);

  before(async () => {
    t = await createTestDb(dialect);
    await t.db.insertInto('agencies').values({ id: 'g', code: 'HS', name: '衡水市人民政府', parent_id: null, kind: 'government', created_at: NOW, updated_at: NOW } as any).execute();
    const rows = items.map((it) => {
      const at = it.at;
      return {
        id: newId(), agency_id: 'g', status: 'published', index_no: null, title: it.title, doc_no: null, written_on: it.publishedOn, published_at: at, published_on: it.publishedOn,
        topic: null, genre: null, kind: it.kind, audience: '[]', keywords: '[]', summary: null, columns: '[]', disclosure_mode: 'proactive',
        non_disclosure_reason: null, body_html: '', body_text: '', validity_status: null, validity_from: null, validity_until: null, replaced_by_id: null, interprets_id: null,
        version: 1, ref: null, timeliness_days: null, late: 0, withdrawn_at: null, withdrawn_reason: null, created_by: null, created_at: at, updated_at: at,
      };
    });
    for (let i = 0; i < rows.length; i += 100) await t.db.insertInto('publications').values(rows.slice(i, i + 100)).execute();
    assert.equal(await rebuildIndex(t.db), items.length);
    // a small cap, so that a year's sample of the common terms lies within its first day (40 items)
    search = createSearchService({ db: t.db, clock: { now: () => new Date(NOW) }, tuning: { yearCap: 8 } });
  });
  after(() => t.dispose());

  test('terms of any frequency show a total near the true count, marked as estimated', async () => {
    for (const term of ['公开', '低保', '扶贫', '决算']) {
      const r = await search.search({ q: term });
      assert.equal(r.totalIsEstimate, true, term);
      near(r.total, exact(term), term);
      for (const y of r.facets.years) near(y.count, exact(term, (it) => it.publishedOn.startsWith(y.value)), `${term} in ${y.value}`);
    }
    // the old estimate showed 公开 and 低保 alike (the cap + 1 times the days of the year)
    const [all, half] = [(await search.search({ q: '公开' })).total, (await search.search({ q: '低保' })).total];
    assert.ok(all > 1.6 * half && all < 2.4 * half, `公开 ${all} is about twice 低保 ${half}`);
  });

  test('a total within the cap is exact and not marked', async () => {
    const r = await search.search({ q: '预算' });
    assert.equal(r.totalIsEstimate, false);
    assert.equal(r.total, exact('预算'));
    assert.equal(r.total, 6);
  });

  test('the interpretations group and a date range are estimated alike', async () => {
    const r = await search.search({ q: '公开' });
    assert.equal(r.groups.interpretations.totalIsEstimate, true);
    near(r.groups.interpretations.total, exact('公开', (it) => it.kind === 'interpretation'), 'interpretations');
    near(r.groups.documents.total, exact('公开', (it) => it.kind !== 'interpretation'), 'documents');
    const inRange = (it: Item) => it.publishedOn >= '2023-03-01' && it.publishedOn <= '2024-06-30';
    const ranged = await search.search({ q: '低保', from: '2023-03-01', to: '2024-06-30' });
    assert.equal(ranged.totalIsEstimate, true);
    near(ranged.total, exact('低保', inRange), '低保 from 2023-03-01 to 2024-06-30');
  });
});
