import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor, systemActor } from '../audit/index.ts';
import type { PublicationInput } from './index.ts';
import { type OpenApiDoc, responseErrors, schemaErrors } from './openapi-check.ts';
import { rebuildIndex } from './search.repository.ts';

/** Text of a page without tags, for "what the user reads" assertions. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describeEachDialect('JSON API and OpenAPI document', (dialect) => {
  let t: TestApp;
  let doc: OpenApiDoc;
  const ids: Record<string, { id: string; indexNo: string }> = {};
  /** Every API response in this file goes through here and is checked against the OpenAPI document. */
  let checked = 0;

  async function api(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
    const res = await t.app.inject({ method, url, headers });
    if (method === 'GET') {
      const problems = responseErrors(doc, 'get', url, res.statusCode, res.headers['content-type'] as string | undefined, res.body);
      assert.deepEqual(problems, [], `${url} (${res.statusCode}) does not agree with the OpenAPI document`);
      checked++;
    }
    return { res, json: res.body && res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : undefined };
  }
  const titles = (json: any) => json.items.map((i: any) => i.title);

  async function publish(agency: string, at: string, input: PublicationInput) {
    t.clock.set(at);
    const s = t.services.publications;
    const admin = t.services.users.systemPrincipal();
    const d = await s.createDraft(admin, systemActor, agency, input);
    await s.submit(admin, systemActor, d.id);
    const p = (await s.approve(admin, systemActor, d.id, { confidentialityReviewed: true })).publication;
    return { id: p.id, indexNo: p.indexNo! };
  }

  before(async () => {
    t = await buildTestApp(dialect);
    const s = t.services;
    await addAgency(s, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(s, 'HS-CZJ', '衡水市财政局', { parent: 'HS', officeName: '衡水市财政局办公室', phone: '0318-2111111', address: '衡水市人民东路1号' });
    await addAgency(s, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    await addAgency(s, 'TC', '桃城区人民政府', { kind: 'government', parent: 'HS' });
    await addAgency(s, 'TC-JYJ', '桃城区教育局', { parent: 'TC' });
    await addAgency(s, 'HS-OLD', '衡水市已撤销局', { parent: 'HS' });
    await s.agencies.setDisabled(s.users.systemPrincipal(), cliActor, 'HS-OLD', true);

    ids.old = await publish('TC-JYJ', '2025-12-01T02:00:00.000Z', { title: '桃城区教育局工作动态', kind: 'news', summary: '桃城区教育工作动态摘要' });
    ids.rule = await publish('HS-CZJ', '2026-03-02T02:00:00.000Z', {
      title: '衡水市市级预算公开办法',
      kind: 'normativeDocument',
      docNo: '衡政办字〔2026〕12号',
      writtenOn: '2026-02-27',
      topic: '财政、金融、审计/财政',
      genre: '通知',
      audience: ['公民', '法人'],
      keywords: ['预算', '公开'],
      columns: ['fiscal'],
      validity: { status: 'inForce', from: '2026-03-02' },
      body: '<p>第一条 为规范市级预算公开工作，制定本办法。</p>',
    });
    ids.interp = await publish('HS-CZJ', '2026-03-03T02:00:00.000Z', { title: '《衡水市市级预算公开办法》政策解读', kind: 'interpretation', interprets: ids.rule.indexNo, body: '解读正文' });
    ids.joint = await publish('HS-JYJ', '2026-03-04T02:00:00.000Z', { title: '关于做好2026年教育经费保障工作的通知', kind: 'notice', coIssuers: ['HS-CZJ'], topic: '科技、教育/教育', columns: ['education'], genre: '通知' });
    ids.gone = await publish('HS-JYJ', '2026-03-05T02:00:00.000Z', { title: '将被撤回的通知', kind: 'notice' });
    await s.publications.withdraw(s.users.systemPrincipal(), systemActor, ids.gone.id, '内容有误');
    const draft = await s.publications.createDraft(s.users.systemPrincipal(), systemActor, 'HS-CZJ', { title: '尚未发布的草稿', kind: 'notice' });
    ids.draft = { id: draft.id, indexNo: '' };

    // Whether or not publishing keeps the search index in step yet, index what is published now.
    await rebuildIndex(t.db.db);

    const res = await t.app.inject({ url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    doc = JSON.parse(res.body);
  });
  after(() => t.dispose());

  test('the OpenAPI document is 3.1, resolves every reference, and describes the endpoints and feeds', async () => {
    const d = doc as any;
    assert.equal(d.openapi, '3.1.0');
    assert.match(d.info.title, /开放数据接口/);
    for (const path of ['/api/v1/publications', '/api/v1/publications/{id}', '/api/v1/publications/by-index/{indexNo}', '/api/v1/agencies', '/feeds/catalog.atom', '/feeds/catalog.json', '/feeds/agency/{code}.atom', '/feeds/column/{column}.json', '/feeds/topic/{topic}.atom']) {
      assert.ok(d.paths[path]?.get, `${path} is documented`);
    }
    const params = d.paths['/api/v1/publications'].get.parameters.map((p: any) => p.name);
    assert.deepEqual(params, ['agency', 'subtree', 'kind', 'topic', 'genre', 'year', 'validity', 'column', 'page', 'pageSize', 'lang']);
    const pageSize = d.paths['/api/v1/publications'].get.parameters.find((p: any) => p.name === 'pageSize');
    assert.deepEqual([pageSize.schema.type, pageSize.schema.maximum, pageSize.schema.default], ['integer', 100, 20]);
    const refs = JSON.stringify(d).match(/"\$ref":"[^"]+"/g) ?? [];
    assert.ok(refs.length > 10);
    for (const r of refs) assert.ok(d.components.schemas[r.slice(8, -1).replace('#/components/schemas/', '')], `${r} resolves`);
    // Every schema only uses keywords the response check understands.
    for (const [name, schema] of Object.entries(d.components.schemas)) {
      const unsupported = schemaErrors(doc, schema as Record<string, unknown>, null).filter((e) => e.includes('does not support'));
      assert.deepEqual(unsupported, [], name);
    }
    assert.doesNotMatch(JSON.stringify(d), /"(description|summary|title|name)":"(catalogApi|catalog|validation)\./, 'every description is translated');
    // In English on request.
    const en = JSON.parse((await t.app.inject({ url: '/api/openapi.json?lang=en' })).body);
    assert.equal(en.paths['/api/v1/publications'].get.summary, 'List publications');
    // The examples on the document work (real ids are filled in).
    for (const [path, item] of Object.entries(d.paths as Record<string, any>)) {
      if (!item.get || item.get.security) continue; // the applications API (POST, or staff with a token) has its own tests
      const source: string = item.get['x-codeSamples'][0].source;
      const url = new URL(/'([^']+)'/.exec(source)![1]);
      const res = await api(url.pathname + url.search);
      assert.equal(res.res.statusCode, 200, `${path}: ${source}`);
    }
  });

  test('the list shows published items newest first, never drafts or withdrawn items, with issuers as code and name', async () => {
    const { res, json } = await api('/api/v1/publications');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['cache-control'], 'public, no-cache');
    assert.deepEqual(titles(json), ['关于做好2026年教育经费保障工作的通知', '《衡水市市级预算公开办法》政策解读', '衡水市市级预算公开办法', '桃城区教育局工作动态']);
    assert.equal(json.total, 4);
    assert.equal(json.page, 1);
    assert.equal(json.pageSize, 20);
    const joint = json.items[0];
    assert.deepEqual(joint.issuers, [
      { code: 'HS-JYJ', name: '衡水市教育局' },
      { code: 'HS-CZJ', name: '衡水市财政局' },
    ]);
    assert.equal(joint.url, `http://localhost:80/xxgk/${ids.joint.id}`);
    const rule = json.items[2];
    assert.equal(rule.indexNo, ids.rule.indexNo);
    assert.equal(rule.docNo, '衡政办字〔2026〕12号');
    assert.equal(rule.kindName, '行政规范性文件');
    assert.deepEqual(rule.validity, { status: 'inForce', statusName: '有效', from: '2026-03-02', until: null, replacedBy: null });
    assert.deepEqual(rule.columns, [{ code: 'fiscal', name: '财政预决算和政府债务' }]);
    assert.equal(rule.publishedOn, '2026-03-02');
    assert.ok(!('bodyHtml' in rule), 'the list leaves bodies out');
  });

  test('filters: agency (with co-issued items, optionally with its subtree), kind, topic, genre, year, validity, column', async () => {
    const q = async (query: string) => titles((await api(`/api/v1/publications?${query}`)).json);
    assert.deepEqual(await q('agency=HS-CZJ'), ['关于做好2026年教育经费保障工作的通知', '《衡水市市级预算公开办法》政策解读', '衡水市市级预算公开办法']);
    assert.deepEqual(await q('agency=HS'), []);
    assert.equal((await q('agency=HS&subtree=true')).length, 4);
    assert.deepEqual(await q('agency=TC&subtree=true'), ['桃城区教育局工作动态']);
    assert.deepEqual(await q('kind=normativeDocument'), ['衡水市市级预算公开办法']);
    assert.deepEqual(await q('kind=notice&kind=news'), ['关于做好2026年教育经费保障工作的通知', '桃城区教育局工作动态']);
    assert.deepEqual(await q('kind=notice,news'), ['关于做好2026年教育经费保障工作的通知', '桃城区教育局工作动态']);
    assert.deepEqual(await q(`topic=${encodeURIComponent('科技、教育')}`), ['关于做好2026年教育经费保障工作的通知']);
    assert.deepEqual(await q(`topic=${encodeURIComponent('财政、金融、审计/财政')}`), ['衡水市市级预算公开办法']);
    assert.deepEqual(await q(`genre=${encodeURIComponent('通知')}`), ['关于做好2026年教育经费保障工作的通知', '衡水市市级预算公开办法']);
    assert.deepEqual(await q('year=2025'), ['桃城区教育局工作动态']);
    assert.deepEqual(await q('validity=inForce'), ['衡水市市级预算公开办法']);
    assert.deepEqual(await q('column=education'), ['关于做好2026年教育经费保障工作的通知']);
    assert.deepEqual(await q('kind=&year='), (await q('')), 'empty parameters are ignored');
  });

  test('pagination: page and pageSize, with the total of all matches', async () => {
    const p1 = (await api('/api/v1/publications?pageSize=3')).json;
    const p2 = (await api('/api/v1/publications?pageSize=3&page=2')).json;
    const p3 = (await api('/api/v1/publications?pageSize=3&page=3')).json;
    assert.deepEqual([p1.items.length, p2.items.length, p3.items.length], [3, 1, 0]);
    assert.deepEqual([p1.total, p2.total, p3.total], [4, 4, 4]);
    assert.deepEqual(titles(p2), ['桃城区教育局工作动态']);
    assert.equal(p2.page, 2);
  });

  test('one publication by id and by index number, with body, interpretations and the interpreted document', async () => {
    const { json: rule } = await api(`/api/v1/publications/${ids.rule.id}`);
    assert.equal(rule.status, 'published');
    assert.equal(rule.title, '衡水市市级预算公开办法');
    assert.match(rule.bodyHtml, /<p>第一条 为规范市级预算公开工作/);
    assert.match(rule.bodyText, /第一条/);
    assert.deepEqual(rule.keywords, ['预算', '公开']);
    assert.deepEqual(rule.audience, ['公民', '法人']);
    assert.equal(rule.writtenOn, '2026-02-27');
    assert.deepEqual(
      rule.interpretations.map((i: any) => [i.title, i.indexNo]),
      [['《衡水市市级预算公开办法》政策解读', ids.interp.indexNo]],
    );
    assert.equal(rule.interprets, null);
    const { json: interp } = await api(`/api/v1/publications/${ids.interp.id}`);
    assert.equal(interp.interprets.id, ids.rule.id);
    assert.equal(interp.interprets.url, `http://localhost:80/xxgk/${ids.rule.id}`);

    // by index number: the '/' as is or encoded
    const raw = await api(`/api/v1/publications/by-index/${ids.rule.indexNo}`);
    const encoded = await api(`/api/v1/publications/by-index/${encodeURIComponent(ids.rule.indexNo)}`);
    assert.equal(raw.json.id, ids.rule.id);
    assert.equal(encoded.json.id, ids.rule.id);
    const missing = await api('/api/v1/publications/by-index/NOPE%2F2026-99999');
    assert.equal(missing.res.statusCode, 404);
    assert.equal(missing.json.error.code, 'notFound');
    const byIdNotIndex = await api(`/api/v1/publications/by-index/${ids.rule.id}`);
    assert.equal(byIdNotIndex.res.statusCode, 404, 'by-index looks up index numbers only');
  });

  test('drafts are not found (JSON 404); withdrawn items answer with their tombstone', async () => {
    const draft = await api(`/api/v1/publications/${ids.draft.id}`);
    assert.equal(draft.res.statusCode, 404);
    assert.match(String(draft.res.headers['content-type']), /application\/json/);
    assert.equal(draft.json.error.code, 'notFound');
    assert.equal(typeof draft.json.error.message, 'string');

    const gone = await api(`/api/v1/publications/${ids.gone.id}`);
    assert.equal(gone.res.statusCode, 200);
    assert.equal(gone.json.status, 'withdrawn');
    assert.equal(gone.json.withdrawnReason, '内容有误');
    assert.equal(gone.json.indexNo, ids.gone.indexNo);
    assert.ok(!('bodyHtml' in gone.json), 'a tombstone has no body');
    const unknown = await api('/api/v1/publications/no-such-id');
    assert.equal(unknown.res.statusCode, 404);
  });

  test('bad parameters answer 400 with the field and a message in the requested language', async () => {
    const cases: [string, string, RegExp][] = [
      ['pageSize=101', 'pageSize', /不能大于 100/],
      ['pageSize=0', 'pageSize', /不能小于 1/],
      ['page=abc', 'page', /应为整数/],
      ['year=2026.5', 'year', /应为整数/],
      ['kind=bogus', 'kind', /取值无效.*normativeDocument/],
      ['topic=%E4%B8%8D%E5%AD%98%E5%9C%A8', 'topic', /主题分类不在规定的分类表中/],
      ['validity=forever', 'validity', /取值无效/],
      ['agency=NOPE', 'agency', /没有代码为“NOPE”的公开机构/],
      ['agency=HS-OLD', 'agency', /HS-OLD/],
      ['pagesize=10', 'pagesize', /不支持此参数/],
      ['year=2025&year=2026', 'year', /只能出现一次/],
    ];
    for (const [query, field, message] of cases) {
      const { res, json } = await api(`/api/v1/publications?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.equal(json.error.code, 'validation', query);
      const issue = json.error.issues.find((i: any) => i.field === field);
      assert.ok(issue, `${query}: an issue for ${field} in ${JSON.stringify(json.error.issues)}`);
      assert.match(issue.message, message, query);
      assert.equal(res.headers['access-control-allow-origin'], '*', 'errors are readable from other origins too');
    }
    const en = await api('/api/v1/publications?pageSize=101&lang=en');
    assert.equal(en.json.error.issues[0].message, 'Must be at most 100');
  });

  test('search: full text with highlighted hits, interpretations as their own group, exact document numbers, filters', async () => {
    const { res, json } = await api(`/api/v1/search?q=${encodeURIComponent('预算')}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(json.groups.documents.items.map((i: any) => i.title), ['衡水市市级预算公开办法']);
    assert.deepEqual(json.groups.interpretations.items.map((i: any) => i.title), ['《衡水市市级预算公开办法》政策解读']);
    const doc0 = json.groups.documents.items[0];
    assert.ok(doc0.titleHighlighted.some((s: any) => s.hit && s.text === '预算'), 'the hit is marked in the title');
    assert.equal(doc0.url, `http://localhost:80/xxgk/${ids.rule.id}`);
    assert.deepEqual(doc0.issuers, [{ code: 'HS-CZJ', name: '衡水市财政局' }]);
    assert.equal(json.groups.interpretations.items[0].interpretsId, ids.rule.id);
    assert.deepEqual(json.facets.agencies, [{ value: 'HS-CZJ', name: '衡水市财政局', count: 2 }]);

    const exact = await api(`/api/v1/search?q=${encodeURIComponent('衡政办字〔2026〕12号')}`);
    assert.equal(exact.json.exactMatch?.id, ids.rule.id, 'a document number goes straight to the item');

    const byAgency = await api(`/api/v1/search?q=${encodeURIComponent('教育')}&agency=HS-CZJ&kind=notice`);
    assert.deepEqual(byAgency.json.groups.documents.items.map((i: any) => i.id), [ids.joint.id], 'co-issued items are found under each issuer');
    const none = await api(`/api/v1/search?q=${encodeURIComponent('教育')}&agency=HS-CZJ&kind=news`);
    assert.equal(none.json.total, 0);
    const drafts = await api(`/api/v1/search?q=${encodeURIComponent('草稿')}`);
    assert.equal(drafts.json.total, 0, 'drafts are not searchable');

    for (const [query, field] of [['from=2026-13-01', 'from'], ['scope=body', 'scope'], ['pageSize=51', 'pageSize'], ['agency=NOPE', 'agency'], ['sort=popular', 'sort']]) {
      const bad = await api(`/api/v1/search?q=x&${query}`);
      assert.equal(bad.res.statusCode, 400, query);
      assert.ok(bad.json.error.issues.some((i: any) => i.field === field), `${query} names ${field}`);
    }
  });

  test('the agencies: the public tree with parent, kind, contacts and feed addresses; disabled agencies left out', async () => {
    const { json } = await api('/api/v1/agencies');
    const codes = json.items.map((a: any) => a.code);
    assert.deepEqual(codes.slice(0, 1), ['HS']);
    assert.ok(!codes.includes('HS-OLD'));
    const czj = json.items.find((a: any) => a.code === 'HS-CZJ');
    assert.equal(czj.parent, 'HS');
    assert.equal(czj.kind, 'department');
    assert.equal(czj.contacts.officeName, '衡水市财政局办公室');
    assert.equal(czj.contacts.phone, '0318-2111111');
    assert.equal(czj.feeds.atom, 'http://localhost:80/feeds/agency/HS-CZJ.atom');
    assert.equal(json.items.find((a: any) => a.code === 'TC-JYJ').parent, 'TC');
  });

  test('ETag and Last-Modified: an unchanged resource answers 304; a new publication changes the list', async () => {
    const first = await api('/api/v1/publications');
    const etag = String(first.res.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(first.res.headers['last-modified'], new Date('2026-03-04T02:00:00.000Z').toUTCString(), 'the newest item shown: the joint notice');
    const again = await api('/api/v1/publications', { 'if-none-match': etag });
    assert.equal(again.res.statusCode, 304);
    assert.equal(again.res.body, '');
    assert.equal(again.res.headers.etag, etag);
    const since = await api('/api/v1/publications', { 'if-modified-since': String(first.res.headers['last-modified']) });
    assert.equal(since.res.statusCode, 304);
    const detail = await api(`/api/v1/publications/${ids.rule.id}`);
    assert.equal((await api(`/api/v1/publications/${ids.rule.id}`, { 'if-none-match': String(detail.res.headers.etag) })).res.statusCode, 304);
    const head = await api('/api/v1/publications', {}, 'HEAD');
    assert.equal(head.res.statusCode, 200);
    assert.equal(head.res.headers.etag, etag);

    const added = await publish('HS-CZJ', '2026-03-06T02:00:00.000Z', { title: '新发布的通知', kind: 'notice' });
    const after = await api('/api/v1/publications', { 'if-none-match': etag });
    assert.equal(after.res.statusCode, 200);
    assert.notEqual(after.res.headers.etag, etag);
    assert.equal(after.json.items[0].id, added.id);
    await t.services.publications.withdraw(t.services.users.systemPrincipal(), systemActor, added.id, '测试完毕');
  });

  test('CORS: any origin may read; the preflight answers 204 with the allowed methods', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/publications', headers: { origin: 'https://weixin.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' } });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(String(res.headers['access-control-allow-methods']), /GET/);
    assert.match(String(res.headers['access-control-allow-headers']), /If-None-Match/);
    const { res: get } = await api('/api/v1/agencies', { origin: 'https://weixin.example' });
    assert.equal(get.headers['access-control-allow-origin'], '*');
    assert.equal(get.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.match(String(get.headers['access-control-expose-headers']), /ETag/);
  });

  test('absolute URLs use the site domain from the site settings when set', async () => {
    const current = await t.services.site.settings();
    await t.services.site.update(t.services.users.systemPrincipal(), systemActor, { ...current, siteDomain: 'www.hengshui.example' });
    try {
      const { json } = await api('/api/v1/publications?pageSize=1');
      assert.equal(json.items[0].url, `https://www.hengshui.example/xxgk/${json.items[0].id}`);
      const d = JSON.parse((await t.app.inject({ url: '/api/openapi.json' })).body);
      assert.deepEqual(d.servers, [{ url: 'https://www.hengshui.example' }]);
    } finally {
      await t.services.site.update(t.services.users.systemPrincipal(), systemActor, current);
    }
  });

  test('the API page lists every endpoint with its parameters and a curl example, and links the document and the feeds', async () => {
    const res = await t.app.inject({ url: '/api' });
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(res.body, /<h1>开放数据接口<\/h1>/);
    for (const heading of ['查询政府信息列表', '全文检索政府信息', '获取单条政府信息', '按索引号获取政府信息', '查询公开机构', '使用说明', '订阅源', '错误处理']) assert.ok(body.includes(heading), heading);
    assert.match(res.body, /href="\/api\/openapi.json"/);
    assert.match(body, /curl 'http:\/\/localhost:80\/api\/v1\/publications\?kind=normativeDocument&pageSize=10'/);
    assert.ok(body.includes(`curl 'http://localhost:80/api/v1/publications/by-index/${ids.joint.indexNo}'`), 'the examples use real index numbers');
    assert.match(body, /pageSize.*每页条数，最多 100/);
    assert.match(body, /normativeDocument 行政规范性文件/);
    assert.match(res.body, /href="\/feeds\/catalog.atom"/);
    assert.match(res.body, /href="\/feeds\/column\/fiscal.json"/);
    assert.match(res.body, new RegExp(`href="/feeds/topic/${encodeURIComponent('财政、金融、审计')}.atom"`));
    assert.doesNotMatch(body, /\bcatalogApi\.[\w.]+/, 'no message key leaks into the page');
    const en = await t.app.inject({ url: '/api?lang=en' });
    assert.match(en.body, /<h1>Open data API<\/h1>/);
    assert.doesNotMatch(text(en.body), /\bcatalogApi\.[\w.]+/);
  });

  test('every response in this file was checked against the document, and the limit answers 429 as documented', async () => {
    assert.ok(checked > 40, `${checked} responses checked`);
    let last;
    // 300 per minute per IP; bounded at two windows' worth in case a window ends during the loop.
    for (let i = 0; i < 601; i++) {
      last = await t.app.inject({ url: '/api/v1/agencies', headers: { 'x-probe': String(i) } });
      if (last.statusCode === 429) break;
    }
    assert.equal(last!.statusCode, 429);
    assert.deepEqual(responseErrors(doc, 'get', '/api/v1/agencies', 429, String(last!.headers['content-type']), last!.body), []);
    assert.equal(JSON.parse(last!.body).error.code, 'rateLimited');
  });
});
