import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Agency, AgencyTree } from '../agencies/index.ts';
import { chineseNumber, statutoryItemsFor } from './columns.ts';
import { homeAgencyOf, publicTree, supervisingGovernment } from './public-tree.ts';

function agency(code: string, kind: Agency['kind'], parentId: string | null, extra: Partial<Agency> = {}): Agency {
  return {
    id: code,
    code,
    name: code,
    nameEn: null,
    shortName: null,
    parentId,
    kind,
    creditCode: null,
    indexPrefix: null,
    indexPattern: null,
    sortOrder: 0,
    officeName: null,
    address: null,
    postcode: null,
    officeHours: null,
    phone: null,
    fax: null,
    email: null,
    website: null,
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

test('the statutory items: 15 of Art. 20 for everyone, the Art. 21 areas for governments and townships', () => {
  assert.equal(statutoryItemsFor('department').length, 15);
  assert.equal(statutoryItemsFor('government').length, 15 + 7);
  assert.equal(statutoryItemsFor('township').length, 15 + 8);
  const slugs = statutoryItemsFor('government').map((i) => i.slug);
  assert.equal(new Set(slugs).size, slugs.length, 'slugs are unique URL parts');
  assert.deepEqual(statutoryItemsFor('department').map((i) => i.number), Array.from({ length: 15 }, (_, i) => i + 1));
});

test('Chinese ordinals as the regulation writes them', () => {
  assert.deepEqual([1, 2, 9, 10, 11, 15, 20, 21].map(chineseNumber), ['一', '二', '九', '十', '十一', '十五', '二十', '二十一']);
});

test('the public tree drops a disabled agency with everything below it (its children never surface as roots)', () => {
  const tree = new AgencyTree([
    agency('HS', 'government', null),
    agency('TC', 'government', 'HS', { disabled: true }),
    agency('TC-JYJ', 'department', 'TC'),
    agency('HS-CZJ', 'department', 'HS'),
  ]);
  const pub = publicTree(tree);
  assert.deepEqual(pub.roots().map((a) => a.code), ['HS']);
  assert.deepEqual(pub.flatten().map((x) => x.agency.code), ['HS', 'HS-CZJ']);
  assert.equal(pub.byCode.get('TC-JYJ'), undefined);
});

test('the home government: the configured code if visible, else the first root government', () => {
  const tree = new AgencyTree([agency('A-DEPT', 'department', null, { sortOrder: 0 }), agency('HS', 'government', null, { sortOrder: 1 }), agency('TC', 'government', 'HS')]);
  assert.equal(homeAgencyOf(tree, '')?.code, 'HS');
  assert.equal(homeAgencyOf(tree, 'TC')?.code, 'TC');
  assert.equal(homeAgencyOf(tree, 'NOPE')?.code, 'HS');
  assert.equal(homeAgencyOf(new AgencyTree([]), 'HS'), undefined);
});

test('who supervises disclosure: a department’s own government, a county’s city, nobody above the top', () => {
  const tree = new AgencyTree([agency('HS', 'government', null), agency('TC', 'government', 'HS'), agency('TC-JYJ', 'department', 'TC'), agency('TC-HX', 'township', 'TC')]);
  assert.equal(supervisingGovernment(tree, tree.byCode.get('TC-JYJ')!)?.code, 'TC');
  assert.equal(supervisingGovernment(tree, tree.byCode.get('TC-HX')!)?.code, 'TC');
  assert.equal(supervisingGovernment(tree, tree.byCode.get('TC')!)?.code, 'HS');
  assert.equal(supervisingGovernment(tree, tree.byCode.get('HS')!), undefined);
});
