import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../../../http/i18n/index.ts';
import { audiences, genres, keyAreaNames, keyAreaCodes, kindNames, kinds, topicTree, validityNames, validityStatuses } from '../../taxonomy.ts';
import { audienceLabel, genreLabel, keyAreaLabel, kindLabel, topicLabel, topicTopLabel, validityLabel } from './labels.ts';

const zh = translator('zh-CN');
const en = translator('en');

test('the Chinese names on public pages are exactly the taxonomy’s; every value has an English name', () => {
  for (const k of kinds) {
    assert.equal(kindLabel(zh, k), kindNames[k]);
    assert.doesNotMatch(kindLabel(en, k), /catalogPortal|[\u4e00-\u9fff]/, k);
  }
  for (const v of validityStatuses) {
    assert.equal(validityLabel(zh, v), validityNames[v]);
    assert.doesNotMatch(validityLabel(en, v), /catalogPortal|[\u4e00-\u9fff]/, v);
  }
  for (const a of keyAreaCodes) {
    assert.equal(keyAreaLabel(zh, a), keyAreaNames[a]);
    assert.doesNotMatch(keyAreaLabel(en, a), /catalogPortal|[\u4e00-\u9fff]/, a);
  }
  for (const g of genres) {
    assert.equal(genreLabel(zh, g), g);
    assert.doesNotMatch(genreLabel(en, g), /catalogPortal|[\u4e00-\u9fff]/, g);
  }
  for (const a of audiences) {
    assert.equal(audienceLabel(zh, a), a);
    assert.doesNotMatch(audienceLabel(en, a), /catalogPortal|[\u4e00-\u9fff]/, a);
  }
  for (const [top] of topicTree) {
    assert.equal(topicTopLabel(zh, top), top);
    assert.doesNotMatch(topicTopLabel(en, top), /catalogPortal|[\u4e00-\u9fff]/, top);
  }
});

test('a stored topic shows its top level by name and its second level as stored', () => {
  assert.equal(topicLabel(zh, '财政、金融、审计/财政'), '财政、金融、审计 / 财政');
  assert.equal(topicLabel(en, '财政、金融、审计/财政'), 'Finance, banking and audit / 财政');
  assert.equal(topicLabel(zh, '其他'), '其他');
  assert.equal(genreLabel(en, '不在表中'), '不在表中', 'an unknown stored value is shown as it is');
});
