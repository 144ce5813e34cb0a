import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalFileStore, isFileKey, sha256Hex } from './index.ts';

test('the local store keeps bytes under their SHA-256, once, and gives them back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-files-test-'));
  try {
    const store = createLocalFileStore(join(dir, 'files'));
    const bytes = new TextEncoder().encode('衡水市市级预算公开办法');
    const a = await store.put(bytes);
    assert.equal(a.key, sha256Hex(bytes));
    assert.equal(a.size, bytes.byteLength);
    assert.deepEqual(await store.put(bytes), a, 'the same bytes again: the same key');
    assert.deepEqual(new Uint8Array(await store.get(a.key)), bytes);
    const chunks: Buffer[] = [];
    for await (const c of store.stream(a.key)) chunks.push(c as Buffer);
    assert.deepEqual(new Uint8Array(Buffer.concat(chunks)), bytes);
    // Nothing but the file itself is left (no temp files).
    assert.deepEqual(readdirSync(join(dir, 'files', a.key.slice(0, 2), a.key.slice(2, 4))), [a.key]);
    assert.equal(await store.has(a.key), true);
    await store.delete(a.key);
    assert.equal(await store.has(a.key), false);
    await store.delete(a.key); // deleting twice is fine
    await assert.rejects(store.get(a.key));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('keys from outside never become paths outside the store', async () => {
  const store = createLocalFileStore(tmpdir());
  assert.equal(isFileKey('../../etc/passwd'), false);
  assert.equal(isFileKey('A'.repeat(64)), false);
  await assert.rejects(store.get('../../etc/passwd'));
  assert.throws(() => store.stream('../x'));
});
