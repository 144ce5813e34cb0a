import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog, translator } from './index.ts';

test('Chinese and English catalogs have the same keys and the same placeholders', () => {
  const zh = loadCatalog('zh-CN');
  const en = loadCatalog('en');
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'keys only in English');
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'keys only in Chinese');
  const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  const mismatched = Object.keys(zh).filter((k) => ph(zh[k]) !== ph(en[k]));
  assert.deepEqual(mismatched, []);
  assert.ok(Object.values(zh).every((v) => v.trim().length > 0), 'no empty Chinese message');
});

test('messages interpolate parameters; a missing key shows itself', () => {
  const t = translator('zh-CN');
  assert.equal(t('validation.tooLong', { max: 18 }), '内容过长，最多 18 个字符');
  assert.equal(translator('en')('validation.tooLong', { max: 18 }), 'Too long: at most 18 characters');
  assert.equal(t('no.such.key'), 'no.such.key');
});
