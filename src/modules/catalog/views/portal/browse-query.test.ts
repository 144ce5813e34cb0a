import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgencyTree, type Agency } from '../../../agencies/index.ts';
import { type BrowseFilters, browseHref, filterHrefs, type FilterName, parseBrowseQuery, toQuery, withFilter, without } from './browse-query.ts';

const agency = (id: string, code: string, parentId: string | null): Agency => ({ id, code, parentId, name: code, kind: parentId ? 'department' : 'government', disabled: false, sortOrder: 0 }) as unknown as Agency;
const tree = new AgencyTree([agency('1', 'HS', null), agency('2', 'HS-CZJ', '1'), agency('3', 'TC', '1'), agency('4', 'TC-JYJ', '3')]);

test('filters are read from the query string; values outside the vocabularies are ignored', () => {
  const f = parseBrowseQuery({ agency: 'TC', topic: '科技、教育', genre: '通知', kind: ['notice', 'bogus', 'rule'], year: '2025', validity: 'repealed', column: 'fiscal', page: '3' }, tree);
  assert.deepEqual(f, { agency: 'TC', topic: '科技、教育', genre: '通知', kinds: ['notice', 'rule'], year: 2025, validity: 'repealed', column: 'fiscal', page: 3 });
  assert.deepEqual(parseBrowseQuery({ agency: 'NOPE', topic: '科技、教育/不存在', genre: 'x', year: '20', validity: 'x', column: 'x', page: '-1' }, tree), { kinds: [], page: 1 });
  assert.deepEqual(parseBrowseQuery({ topic: '科技、教育/教育' }, tree).topic, '科技、教育/教育');
});

test('the URL of a set of filters is canonical and reads back to the same filters', () => {
  const f = parseBrowseQuery({ page: '2', year: '2026', kind: 'notice', agency: 'HS-CZJ' }, tree);
  const href = browseHref(f);
  assert.equal(href, '/xxgk?agency=HS-CZJ&kind=notice&year=2026&page=2');
  assert.deepEqual(parseBrowseQuery(Object.fromEntries(new URL(href, 'http://x').searchParams), tree), f);
  assert.equal(browseHref({ kinds: [], page: 1 }), '/xxgk');
  assert.equal(browseHref(without(f, 'agency')), '/xxgk?kind=notice&year=2026', 'removing a filter goes back to page 1');
  assert.equal(browseHref(withFilter(f, 'kind', 'rule')), '/xxgk?agency=HS-CZJ&kind=rule&year=2026');
  // Values are encoded as a form (as URLSearchParams writes them), and read back.
  const odd = { topic: '财政、金融、审计/财政', genre: "命令（令） a&b=c!'()~*/?#%", kinds: [], page: 1 } as BrowseFilters;
  const form = new URLSearchParams({ topic: odd.topic!, genre: odd.genre! }).toString();
  assert.equal(browseHref(odd), `/xxgk?${form}`);
  assert.equal(new URL(browseHref(odd), 'http://x').searchParams.get('genre'), odd.genre);
});

test("a facet's links (filterHrefs) are the canonical URLs of each value set in place of the filter's own", () => {
  const sets: BrowseFilters[] = [
    { kinds: [], page: 1 },
    { agency: 'HS-CZJ', kinds: ['notice', 'rule'], year: 2026, page: 7 },
    { topic: '财政、金融、审计/财政', genre: "命令（令） a&b=c!'()~*/?#%", validity: 'inForce', column: 'fiscal', kinds: ['plan'], page: 2 },
  ];
  const values: Record<FilterName, string[]> = {
    agency: ['HS', 'TC-JYJ'],
    topic: ['科技、教育', '科技、教育/教育'],
    genre: ['通知', 'a b+c'],
    kind: ['notice', 'normativeDocument'],
    year: ['2016', '2025'],
    validity: ['repealed'],
    column: ['fiscal', 'budget'],
  };
  for (const f of sets)
    for (const [name, vs] of Object.entries(values) as [FilterName, string[]][]) {
      const hrefs = filterHrefs(f, name);
      for (const v of vs) assert.equal(hrefs(v), browseHref(withFilter(f, name, v)), `${JSON.stringify(f)} ${name}=${v}`);
    }
  assert.equal(filterHrefs(sets[1], 'year')('2019'), '/xxgk?agency=HS-CZJ&kind=notice&kind=rule&year=2019');
});

test('an agency filter covers the agency and everything below it; a facet leaves its own filter out', () => {
  const f = parseBrowseQuery({ agency: 'TC', kind: 'notice' }, tree);
  assert.deepEqual(toQuery(f, tree).agencyIds, ['3', '4']);
  assert.equal(toQuery(f, tree, 'agency').agencyIds, undefined);
  assert.deepEqual(toQuery(f, tree, 'agency').kinds, ['notice']);
  assert.equal(toQuery(f, tree, 'kind').kinds, undefined);
  // The root's subtree is every agency: no agency condition at all (the same items, counted like the unfiltered catalog).
  assert.equal(toQuery(parseBrowseQuery({ agency: 'HS' }, tree), tree).agencyIds, undefined);
});
