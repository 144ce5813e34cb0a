import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from './ids.ts';

test('ids are UUIDv7 and sort in creation order, even within one millisecond', () => {
  const fixed = Date.UTC(2026, 2, 2);
  const ids = Array.from({ length: 5000 }, () => newId(fixed));
  assert.match(ids[0], /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  const later = newId(fixed + 10_000);
  assert.ok(later > ids[ids.length - 1]);
});
