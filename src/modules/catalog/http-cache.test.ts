import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newest, noneMatch, notModifiedSince, utf8 } from './http-cache.ts';

test('If-None-Match matches one of a list of tags, weak or strong, or *', () => {
  assert.equal(noneMatch('"a", W/"b"', '"b"'), true);
  assert.equal(noneMatch('*', '"b"'), true);
  assert.equal(noneMatch('"a"', '"b"'), false);
  assert.equal(noneMatch(undefined, '"b"'), false);
});

test('If-Modified-Since compares to the second; an unparsable date never matches', () => {
  const lm = '2026-03-03T03:00:00.500Z';
  assert.equal(notModifiedSince(new Date('2026-03-03T03:00:00Z').toUTCString(), lm), true);
  assert.equal(notModifiedSince(new Date('2026-03-03T02:59:59Z').toUTCString(), lm), false);
  assert.equal(notModifiedSince('yesterday', lm), false);
  assert.equal(notModifiedSince(new Date().toUTCString(), null), false);
});

test('newest of several instants, ignoring missing ones', () => {
  assert.equal(newest('2026-01-01T00:00:00.000Z', null, '2026-02-01T00:00:00.000Z', undefined), '2026-02-01T00:00:00.000Z');
  assert.equal(newest(), null);
});

test('a page is encoded as the same UTF-8 bytes as Buffer.from gives, also past the encoding buffer and for lone surrogates', () => {
  let rope = '';
  for (let i = 0; i < 1000; i++) rope += `<li><a href="/xxgk?topic=${i}">衡水市人民政府 ${i}</a></li>`;
  const strings = ['', 'ok', '政务公开 — “年报”', '\u{1F600} and a lone \ud800 surrogate', rope, rope + rope + rope];
  assert.ok(rope.length * 3 < 1 << 18 && (rope + rope + rope).length * 3 > 1 << 18, 'one string fits the encoding buffer, one does not');
  for (const s of strings) assert.deepEqual(utf8(s), Buffer.from(s, 'utf8'));
  // The bytes handed out are the page's own: encoding the next page does not change them.
  const first = utf8('第一页');
  utf8('第二页');
  assert.equal(first.toString('utf8'), '第一页');
});
