import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newest, noneMatch, notModifiedSince } from './http-cache.ts';

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
