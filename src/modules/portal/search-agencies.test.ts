/**
 * The search form's agency list in a large tree (portal.md "Search": filter by issuing agency): the first two
 * levels and the way down to the chosen agency, not every agency of the city on every search page.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { AgencyTree, type Agency } from '../agencies/index.ts';
import { agencyChoices, allAgenciesUpTo } from './views/SearchPage.tsx';

const agency = (code: string, parentId: string | null, sortOrder = 0): Agency => ({ id: `id-${code}`, code, parentId, name: code, kind: parentId ? 'department' : 'government', disabled: false, sortOrder }) as unknown as Agency;

/** A city (C), 4 counties (C-1 … C-4) with 60 agencies each (C-1-01 …), and 3 agencies under C-2-07. */
function city(): Agency[] {
  const out = [agency('C', null)];
  for (let k = 1; k <= 4; k++) {
    out.push(agency(`C-${k}`, 'id-C', k));
    for (let d = 1; d <= 60; d++) out.push(agency(`C-${k}-${String(d).padStart(2, '0')}`, `id-C-${k}`, d));
  }
  for (let s = 1; s <= 3; s++) out.push(agency(`C-2-07-${s}`, 'id-C-2-07', s));
  return out;
}

test('a small tree offers every agency; a large one the first two levels, the path to the chosen agency and its children', () => {
  const small = new AgencyTree(city().slice(0, allAgenciesUpTo));
  assert.deepEqual(agencyChoices(small).list.map((x) => x.agency.code), small.flatten().map((x) => x.agency.code));
  assert.equal(agencyChoices(small).partial, false);

  const tree = new AgencyTree(city());
  const none = agencyChoices(tree);
  assert.equal(none.partial, true);
  assert.deepEqual(none.list.map((x) => `${x.depth}:${x.agency.code}`), ['0:C', '1:C-1', '1:C-2', '1:C-3', '1:C-4']);

  const county = agencyChoices(tree, 'id-C-2').list.map((x) => x.agency.code);
  assert.equal(county.length, 5 + 60);
  assert.deepEqual(county.slice(0, 4), ['C', 'C-1', 'C-2', 'C-2-01'], 'the county’s agencies follow it, in order');
  assert.equal(county.at(-1), 'C-4');

  const deep = agencyChoices(tree, 'id-C-2-07-2').list;
  const codes = deep.map((x) => x.agency.code);
  assert.ok(codes.includes('C-2-07-2') && codes.includes('C-2-07-3'), 'the chosen agency and its siblings are listed');
  assert.equal(deep.find((x) => x.agency.code === 'C-2-07-1')?.depth, 3);
  assert.ok(!codes.includes('C-1-01') && !codes.includes('C-3-60'), 'other counties stay closed');
});

describeEachDialect('search form in a large agency tree', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'C', '示范市人民政府', { kind: 'government' });
    for (let k = 1; k <= 3; k++) {
      await addAgency(t.services, `C-${k}`, `示范${k}县人民政府`, { kind: 'government', parent: 'C' });
      for (let d = 1; d <= 55; d++) await addAgency(t.services, `C-${k}-${d}`, `示范${k}县第${d}局`, { parent: `C-${k}` });
    }
  });
  after(() => t?.dispose());

  test('lists the top levels with a hint, then the chosen county’s agencies with it selected', async () => {
    const first = load((await t.app.inject({ method: 'GET', url: '/search?q=%E9%A2%84%E7%AE%97' })).body);
    const options = first('#search-agency option').map((_, o) => first(o).attr('value')).get();
    assert.deepEqual(options, ['', 'C', 'C-1', 'C-2', 'C-3']);
    assert.match(first('#search-agency-hint').text(), /下级机构/);
    assert.equal(first('#search-agency').attr('aria-describedby'), 'search-agency-hint');

    const second = load((await t.app.inject({ method: 'GET', url: '/search?q=%E9%A2%84%E7%AE%97&agency=C-2&subtree=1' })).body);
    const values = second('#search-agency option').map((_, o) => second(o).attr('value')).get();
    assert.equal(values.length, 1 + 4 + 55);
    assert.equal(second('#search-agency option[selected]').attr('value'), 'C-2');
    assert.ok(values.includes('C-2-55') && !values.includes('C-1-1'));

    const third = load((await t.app.inject({ method: 'GET', url: '/search?q=%E9%A2%84%E7%AE%97&agency=C-2-17' })).body);
    assert.equal(third('#search-agency option[selected]').text().trim(), '示范2县第17局');
  });
});
