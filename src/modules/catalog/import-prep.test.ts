import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldsStream, searchWords } from '../../kernel/text/index.ts';
import { clearPrimedTexts, createTextPrep, prepareTexts, primeTexts, textInputOf } from './import-prep.ts';
import { sanitizeBody } from './sanitize.ts';

const data = (i: number) => ({ title: `衡水市2017年政务公开工作任务分解方案（${i}）`, keywords: ['政务公开', '预算'], summary: i % 2 ? '（演示内容）摘要。' : null, body: i % 2 ? `<p>第${i}条<script>x()</script>低保标准</p>` : `第${i}条\n扶贫资金` });

test('the worker thread answers what the main thread computes, and after close() nothing (the import computes in place)', async () => {
  const inputs = Array.from({ length: 30 }, (_, i) => textInputOf(data(i)));
  const prep = createTextPrep();
  try {
    const [a, b] = await Promise.all([prep.prepare(inputs.slice(0, 10)), prep.prepare(inputs.slice(10))]);
    assert.ok(a && b, 'the worker started and answered');
    assert.deepEqual([...a, ...b], prepareTexts(inputs));
    assert.equal(a[1].body.html, '<p>第1条低保标准</p>');
    assert.equal(a[1].bodyStream, '第 1 条低 低保 保标 标准 准 1条');
  } finally {
    await prep.close();
  }
  assert.equal(await prep.prepare(inputs), null);
});

test('primed results are taken once by the functions themselves, and cleared ones are computed again', () => {
  const d = data(3);
  const input = textInputOf(d);
  const marked = { body: { html: '<p>primed</p>', text: 'primed' }, words: ['primed'], titleStream: 'primed title', bodyStream: 'primed body' };
  primeTexts([input], [marked]);
  assert.deepEqual(sanitizeBody(d.body), marked.body);
  assert.deepEqual(searchWords(input.wordsText), ['primed']);
  assert.equal(fieldsStream([d.title]), 'primed title');
  assert.equal(fieldsStream(['primed']), 'primed body');
  assert.notDeepEqual(sanitizeBody(d.body), marked.body, 'taken once');
  primeTexts([input], [marked]);
  clearPrimedTexts();
  assert.deepEqual(searchWords(input.wordsText), prepareTexts([input])[0].words);
});

test('a batch of large bodies goes to the worker in chunks, within its heap', async () => {
  // 1,000 lines of 3,000-character bodies: 3 M characters in, several times that out (html, text, streams)
  const inputs = Array.from({ length: 1_000 }, (_, i) => textInputOf({ ...data(i), body: `<p>${`第${i}条，市级预算公开。`.repeat(300)}</p>` }));
  const prep = createTextPrep({ heapMb: 32, chunk: 50 });
  try {
    const out = await prep.prepare(inputs);
    assert.equal(prep.stopped, null);
    assert.ok(out, 'answered');
    assert.equal(out.length, 1_000);
    assert.deepEqual(out[999], prepareTexts([inputs[999]])[0]);
    assert.equal(prep.answered, 1);
  } finally {
    await prep.close();
  }
});

test('a worker that runs out of memory answers null (the import goes on computing in place), says why, and holds nothing open', async () => {
  const prep = createTextPrep({ heapMb: 32, chunk: 1_000 });
  try {
    assert.ok(await prep.prepare(Array.from({ length: 5 }, (_, i) => textInputOf(data(i)))), 'a small batch fits');
    const big = Array.from({ length: 200 }, (_, i) => textInputOf({ ...data(i), body: `<p>${`第${i}条，市级预算公开。`.repeat(20_000)}</p>` }));
    assert.equal(await prep.prepare(big), null);
    assert.match(prep.stopped ?? '', /memory|exited/i);
    assert.equal(await prep.prepare(big.slice(0, 1)), null, 'off for the rest of the import');
    assert.equal(prep.answered, 1);
  } finally {
    await prep.close();
  }
});
