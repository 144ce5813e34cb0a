import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { h } from 'preact';
import { createPageCache, createSeenAddresses, newest, noneMatch, notModifiedSince, utf8 } from './http-cache.ts';

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

test('concurrent requests for a page being built wait for that build; a failed build is not kept; a new stamp builds anew', async () => {
  const app = Fastify();
  let stamp = 's1';
  let builds = 0;
  let fail = false;
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const cache = createPageCache({ stamp: async () => stamp });
  app.addHook('onRequest', async (req) => {
    (req as any).ctx = { locale: 'zh-CN' };
  });
  app.get('/page', async (req, reply) =>
    cache.serve(req, reply, async () => {
      builds++;
      const n = builds;
      await gate;
      if (fail) throw new Error('the database is gone');
      return { page: h('p', null, `第${n}次生成，${stamp}`) };
    }),
  );
  try {
    gate = new Promise((r) => (release = r));
    const first = Array.from({ length: 5 }, () => app.inject({ url: '/page' }));
    await new Promise((r) => setTimeout(r, 20));
    release();
    const answers = await Promise.all(first);
    assert.deepEqual(answers.map((r) => r.statusCode), [200, 200, 200, 200, 200]);
    assert.equal(builds, 1, 'one build for five requests');
    assert.ok(answers.every((r) => r.body === answers[0].body && r.headers.etag === answers[0].headers.etag));
    assert.match(answers[0].body, /第1次生成，s1/);

    stamp = 's2';
    fail = true;
    gate = new Promise((r) => (release = r));
    const failing = Array.from({ length: 3 }, () => app.inject({ url: '/page' }));
    await new Promise((r) => setTimeout(r, 20));
    release();
    assert.deepEqual((await Promise.all(failing)).map((r) => r.statusCode), [500, 500, 500]);
    assert.equal(builds, 2, 'the failed build was shared too');
    fail = false;
    const after = await app.inject({ url: '/page' });
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /第3次生成，s2/, 'built again after the failure, for the new stamp');
    assert.equal((await app.inject({ url: '/page' })).body, after.body, 'then kept');
    assert.equal(builds, 3);
  } finally {
    await app.close();
  }
});

test('a page is kept from its second request on: addresses asked for once do not push out the pages read again and again', async () => {
  const app = Fastify();
  const builds = new Map<string, number>();
  // Room for four pages of about 630 bytes.
  const cache = createPageCache({ stamp: async () => 's1', maxChars: 2_600, seenAddresses: 100 });
  app.addHook('onRequest', async (req) => {
    (req as any).ctx = { locale: 'zh-CN' };
  });
  app.get('/p/:n', async (req, reply) =>
    cache.serve(req, reply, async () => {
      const n = (req.params as { n: string }).n;
      builds.set(n, (builds.get(n) ?? 0) + 1);
      return { page: h('p', null, `第${n}页 ${'政务公开'.repeat(50)}`) };
    }),
  );
  const get = async (n: number | string) => {
    const r = await app.inject({ url: `/p/${n}` });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(`第${n}页`));
  };
  try {
    await get('home');
    assert.equal(cache.size().pages, 0, 'not kept after one request');
    await get('home');
    await get('home');
    assert.equal(builds.get('home'), 2, 'built on the first and second request, then served from memory');
    assert.equal(cache.size().pages, 1);
    // A crawler asks for 50 other pages once each: none is kept, the page read again stays.
    for (let i = 0; i < 50; i++) await get(i);
    assert.equal(cache.size().pages, 1);
    await get('home');
    assert.equal(builds.get('home'), 2, 'still served from memory after the crawl');
    // Pages asked for twice are kept; the least recently used goes when the cache is full.
    for (const n of [1, 2, 3, 4]) await get(n);
    assert.equal(cache.size().pages, 4);
    await get('home');
    assert.equal(builds.get('home'), 3, 'pushed out by four pages read more recently, then built again');
  } finally {
    await app.close();
  }
});

test('the addresses remembered are bounded: one is forgotten after two generations of others', () => {
  const seen = createSeenAddresses(3);
  assert.equal(seen.check('/a'), false);
  assert.equal(seen.check('/a'), true);
  for (const k of ['/b', '/c']) seen.check(k); // generation 1: /a /b /c
  assert.equal(seen.check('/a'), true, 'still remembered');
  for (const k of ['/d', '/e', '/f', '/g', '/h', '/i']) seen.check(k);
  assert.equal(seen.check('/a'), false, 'forgotten after two generations of other addresses');
});
