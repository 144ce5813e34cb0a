import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, addAgency, addUser, asPrincipal, buildTestApp, Browser, type TestApp } from '../../../test/helpers/app.ts';
import { naturalApplication, residentId } from '../../../test/helpers/applications.ts';
import type { Principal } from '../agencies/index.ts';
import { type OpenApiDoc, responseErrors, schemaErrors } from '../catalog/openapi-check.ts';

describeEachDialect('applications JSON API', (dialect) => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let handler: Principal;
  let otherHandler: Principal;
  let authority: Principal;
  let caseId: string;
  let checked = 0;

  /** Every call goes through here; each response is checked against the OpenAPI document. */
  async function call(method: 'GET' | 'POST', url: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) };
    const res = await t.app.inject({ method, url, headers, ...(opts.body !== undefined ? { payload: opts.body as object } : {}) });
    const problems = responseErrors(doc, method, url, res.statusCode, res.headers['content-type'] as string | undefined, res.body);
    assert.deepEqual(problems, [], `${method} ${url} (${res.statusCode}) does not agree with the OpenAPI document`);
    checked++;
    return { res, json: JSON.parse(res.body) };
  }
  async function tokenFor(p: Principal, days = 30) {
    return (await t.services.apiTokens.create(p, actorOf(p), p.username, { name: `client of ${p.username}`, days })).token;
  }

  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS', shortName: '衡教' });
    await addAgency(t.services, 'HS-HBJ', '衡水市生态环境局', { parent: 'HS' });
    handler = asPrincipal(await addUser(t.services, 'jyj-handler', [['handler', 'HS-JYJ']]));
    otherHandler = asPrincipal(await addUser(t.services, 'hbj-handler', [['handler', 'HS-HBJ']]));
    authority = asPrincipal(await addUser(t.services, 'hs-authority', [['authority', 'HS']]));
    caseId = (await t.services.applications.submitOnline('HS-JYJ', naturalApplication(), { ip: null })).id;
    const res = await t.app.inject({ url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    doc = JSON.parse(res.body);
  });
  after(() => t.dispose());

  test('the OpenAPI document lists the applications paths, with bearer security on the staff ones, and every schema is checkable', async () => {
    const d = doc as any;
    assert.ok(d.paths['/api/v1/applications'].post);
    assert.ok(d.paths['/api/v1/applications/status'].post);
    assert.ok(d.paths['/api/v1/staff/applications'].get);
    assert.ok(d.paths['/api/v1/staff/applications/{id}'].get);
    assert.ok(d.paths['/api/v1/staff/applications/{id}/events'].get);
    assert.ok(d.paths['/api/v1/staff/applications/{id}/actions'].post);
    assert.deepEqual(d.paths['/api/v1/staff/applications'].get.security, [{ bearerToken: [] }]);
    assert.equal(d.paths['/api/v1/applications'].post.security, undefined, 'the public form needs no token');
    assert.equal(d.components.securitySchemes.bearerToken.scheme, 'bearer');
    assert.equal(d.paths['/api/v1/staff/applications'].get.summary, '查询案件列表（工作人员）');
    assert.deepEqual(
      d.paths['/api/v1/staff/applications'].get.parameters.map((p: any) => p.name),
      ['state', 'status', 'urgency', 'agency', 'year', 'q', 'limit', 'offset'],
    );
    for (const r of JSON.stringify(d).match(/"\$ref":"[^"]+"/g) ?? []) assert.ok(d.components.schemas[r.slice(8, -1).replace('#/components/schemas/', '')], `${r} resolves`);
    for (const [name, schema] of Object.entries(d.components.schemas)) {
      assert.deepEqual(schemaErrors(doc, schema as Record<string, unknown>, null).filter((e) => e.includes('does not support')), [], name);
    }
    assert.doesNotMatch(JSON.stringify(d), /"(description|summary)":"applicationsApi\./, 'every description is translated');
    // The catalog's API page still lists only its own open endpoints.
    const page = await t.app.inject({ url: '/api' });
    assert.equal(page.statusCode, 200);
  });

  test('the public form: submit as JSON, then read the status with the tracking code and password', async () => {
    const { res, json } = await call('POST', '/api/v1/applications', { body: { agency: 'HS-JYJ', ...naturalApplication({ name: '李四', serial: 7 }) } });
    assert.equal(res.statusCode, 201);
    assert.match(json.trackingCode, /^YS2026[A-Z2-9]{8}$/);
    assert.equal(json.receivedOn, '2026-03-02');
    assert.equal(json.dueOn, (await t.services.calendar.current()).addWorkingDays('2026-03-02', 20).date);
    assert.equal(json.provisional, false);
    assert.ok(json.deadline.steps.some((s: any) => s.kind === 'receipt' && s.text.includes('2026-03-02')), 'the steps explain the deadline');

    const status = await call('POST', '/api/v1/applications/status', { body: { trackingCode: json.trackingCode, password: json.password } });
    assert.equal(status.res.statusCode, 200);
    assert.equal(status.json.status, 'inProgress');
    assert.doesNotMatch(status.json.statusName, /applications\./);
    assert.equal(status.json.agency.name, '衡水市教育局');
    assert.deepEqual(status.json.events.map((e: any) => e.type), ['submitted']);
    assert.equal(status.json.dueOn, json.dueOn);

    // Wrong password and unknown code: the same neutral 404.
    const wrong = await call('POST', '/api/v1/applications/status', { body: { trackingCode: json.trackingCode, password: 'WRONGPASS1' } });
    const unknown = await call('POST', '/api/v1/applications/status', { body: { trackingCode: 'YS2026AAAAAAAA', password: json.password } });
    assert.equal(wrong.res.statusCode, 404);
    assert.equal(unknown.res.statusCode, 404);
    assert.deepEqual(wrong.json, unknown.json);
    assert.equal(wrong.json.error.code, 'notFound');
  });

  test('the public form answers field issues in the Accept-Language language; an unknown agency is a field issue', async () => {
    const bad = naturalApplication({ serial: 9 });
    bad.applicant.idNumber = residentId(9).slice(0, 17) + (residentId(9).endsWith('0') ? '1' : '0');
    const en = await call('POST', '/api/v1/applications', { body: { agency: 'HS-JYJ', ...bad }, headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
    assert.equal(en.res.statusCode, 400);
    assert.equal(en.json.error.code, 'validation');
    const issue = en.json.error.issues.find((i: any) => i.field === 'applicant.idNumber');
    assert.ok(issue, JSON.stringify(en.json));
    assert.match(issue.message, /[A-Za-z]/);
    assert.doesNotMatch(issue.message, /[\u4e00-\u9fff]|applications\./);
    const zh = await call('POST', '/api/v1/applications', { body: { agency: 'HS-JYJ', ...bad }, headers: { 'accept-language': 'zh-CN' } });
    assert.match(zh.json.error.issues.find((i: any) => i.field === 'applicant.idNumber').message, /[\u4e00-\u9fff]/);
    const nowhere = await call('POST', '/api/v1/applications', { body: { agency: 'NOPE', ...naturalApplication() } });
    assert.equal(nowhere.res.statusCode, 400);
    assert.deepEqual(nowhere.json.error.issues.map((i: any) => i.field), ['agency']);
    assert.match(nowhere.json.error.issues[0].message, /NOPE/);
  });

  test('a token created through the service authenticates the staff API; without credentials it is 401', async () => {
    const token = await tokenFor(handler);
    assert.match(token, /^gk_[A-Za-z0-9_-]{43}$/);
    const list = await call('GET', '/api/v1/staff/applications', { token });
    assert.equal(list.res.statusCode, 200);
    assert.ok(list.json.items.some((i: any) => i.id === caseId));
    const item = list.json.items.find((i: any) => i.id === caseId);
    assert.equal(item.applicantName, '张*', 'the applicant is masked in the list');
    assert.equal(item.agency.code, 'HS-JYJ');
    assert.ok(list.json.counts.some((c: any) => c.agency.code === 'HS-JYJ' && c.open >= 1));

    const one = await call('GET', `/api/v1/staff/applications/${caseId}`, { token });
    assert.equal(one.res.statusCode, 200);
    assert.equal(one.json.state.status, 'inProgress');
    assert.ok(one.json.state.deadline.steps.length >= 3);
    assert.doesNotMatch(JSON.stringify(one.json.applicant), new RegExp(residentId(1)), 'the full ID number never leaves through the API');
    assert.equal(one.json.may.handle, true);
    const events = await call('GET', `/api/v1/staff/applications/${caseId}/events`, { token });
    assert.deepEqual(events.json.events.map((e: any) => e.type), ['submitted']);

    const anonymous = await call('GET', '/api/v1/staff/applications');
    assert.equal(anonymous.res.statusCode, 401);
    assert.equal(anonymous.json.error.code, 'unauthenticated');
    const bad = await call('GET', '/api/v1/staff/applications', { token: 'gk_not-a-real-token' });
    assert.equal(bad.res.statusCode, 401);
    assert.match(String(bad.res.headers['www-authenticate']), /^Bearer/);
    // last_used_at is recorded.
    const [listed] = await t.services.apiTokens.list(handler, handler.username);
    assert.equal(listed.lastUsedAt, '2026-03-02T02:00:00.000Z');
  });

  test('revoked and expired tokens get 401 and never fall back to the session cookie', async () => {
    const revoked = await t.services.apiTokens.create(handler, actorOf(handler), handler.username, { name: 'to revoke', days: 10 });
    assert.equal((await call('GET', '/api/v1/staff/applications', { token: revoked.token })).res.statusCode, 200);
    await t.services.apiTokens.revoke(handler, actorOf(handler), revoked.summary.id);
    const r = await call('GET', '/api/v1/staff/applications', { token: revoked.token });
    assert.equal(r.res.statusCode, 401);
    assert.equal(r.json.error.code, 'unauthenticated');

    // A signed-in browser sending a revoked token is still refused.
    const b = new Browser(t.app);
    await b.signIn(handler.username);
    assert.equal((await b.get('/api/v1/staff/applications')).statusCode, 200, 'the session alone works');
    assert.equal((await b.get('/api/v1/staff/applications', { authorization: `Bearer ${revoked.token}` })).statusCode, 401);

    const short = await tokenFor(handler, 1);
    assert.equal((await call('GET', '/api/v1/staff/applications', { token: short })).res.statusCode, 200);
    const now = t.clock.now();
    t.clock.set('2026-03-03T02:00:01.000Z');
    try {
      assert.equal((await call('GET', '/api/v1/staff/applications', { token: short })).res.statusCode, 401);
    } finally {
      t.clock.set(now.toISOString());
    }
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'target_label']).where('action', 'like', 'apiToken.%').execute();
    assert.ok(audit.some((a) => a.action === 'apiToken.create' && a.target_label === 'jyj-handler: to revoke'));
    assert.ok(audit.some((a) => a.action === 'apiToken.revoke' && a.target_label === 'jyj-handler: to revoke'));
  });

  test("another agency's handler gets 404 on a case; a supervisor who sees it but may not act gets 403", async () => {
    const other = await tokenFor(otherHandler);
    assert.equal((await call('GET', `/api/v1/staff/applications/${caseId}`, { token: other })).res.statusCode, 404);
    assert.equal((await call('GET', `/api/v1/staff/applications/${caseId}/events`, { token: other })).res.statusCode, 404);
    const act = await call('POST', `/api/v1/staff/applications/${caseId}/actions`, { token: other, body: { action: 'note', text: '不该写入' } });
    assert.equal(act.res.statusCode, 404);
    const list = await call('GET', '/api/v1/staff/applications', { token: other });
    assert.ok(!list.json.items.some((i: any) => i.id === caseId));

    const sup = await tokenFor(authority);
    assert.equal((await call('GET', `/api/v1/staff/applications/${caseId}`, { token: sup })).res.statusCode, 200);
    const refused = await call('POST', `/api/v1/staff/applications/${caseId}/actions`, { token: sup, body: { action: 'note', text: '督办' } });
    assert.equal(refused.res.statusCode, 403);
    assert.equal(refused.json.error.code, 'forbidden');
  });

  test('an answer through the API with a token records the event and issues the letter; rule breaks are field issues', async () => {
    const token = await tokenFor(handler);
    const now = t.clock.now();
    t.clock.set('2026-03-10T02:00:00.000Z');
    try {
      const invalid = await call('POST', `/api/v1/staff/applications/${caseId}/actions`, { token, body: { action: 'answer', on: '2026-03-10', outcome: 'withhold.stateSecret' } });
      assert.equal(invalid.res.statusCode, 400);
      assert.deepEqual(invalid.json.error.issues.map((i: any) => i.field), ['reasons']);
      const future = await call('POST', `/api/v1/staff/applications/${caseId}/actions`, { token, body: { action: 'answer', on: '2026-03-11', outcome: 'disclose' }, headers: { 'accept-language': 'en' } });
      assert.equal(future.res.statusCode, 400);
      assert.doesNotMatch(future.json.error.issues[0].message, /applications\.rule/);

      const r = await call('POST', `/api/v1/staff/applications/${caseId}/actions`, { token, body: { action: 'answer', on: '2026-03-10', outcome: 'disclose' } });
      assert.equal(r.res.statusCode, 201, r.res.body);
      assert.deepEqual(r.json.events.map((e: any) => e.type), ['answered']);
      assert.equal(r.json.events[0].actor, 'jyj-handler');
      assert.equal(r.json.state.status, 'answered');
      assert.equal(r.json.state.answer.outcome, 'disclose');
      assert.equal(r.json.letters.length, 1);
      assert.equal(r.json.letters[0].kind, 'answer');
      assert.match(r.json.letters[0].number, /〔2026〕\d+号/);
      assert.ok(r.json.letters[0].content.paragraphs.length > 0);

      const events = await call('GET', `/api/v1/staff/applications/${caseId}/events`, { token });
      assert.deepEqual(events.json.events.map((e: any) => e.type), ['submitted', 'answered']);
      const c = await call('GET', `/api/v1/staff/applications/${caseId}`, { token });
      assert.deepEqual(c.json.letters.map((l: any) => l.number), [r.json.letters[0].number]);
      const closed = await call('GET', '/api/v1/staff/applications?state=closed', { token });
      assert.ok(closed.json.items.some((i: any) => i.id === caseId && i.outcome === 'disclose'));
    } finally {
      t.clock.set(now.toISOString());
    }
  });

  test('query parameters are checked; cookie-authenticated API posts still need the CSRF token', async () => {
    const token = await tokenFor(handler);
    const bad = await call('GET', '/api/v1/staff/applications?limit=1000&colour=red&status=sleeping', { token, headers: { 'accept-language': 'en' } });
    assert.equal(bad.res.statusCode, 400);
    assert.deepEqual(bad.json.error.issues.map((i: any) => i.field).sort(), ['colour', 'limit', 'status']);
    assert.ok(bad.json.error.issues.every((i: any) => !/applicationsApi\./.test(i.message)));

    const b = new Browser(t.app);
    await b.signIn(handler.username);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/applications/${caseId}/actions`,
      payload: { action: 'note', text: '从浏览器' },
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(JSON.parse(res.body).error.code, 'csrf');
    // The same post with a token passes (no CSRF token needed).
    const ok = await call('POST', `/api/v1/staff/applications/${caseId}/actions`, { token, body: { action: 'note', text: '对接系统备注' } });
    assert.equal(ok.res.statusCode, 201);
    assert.ok(checked > 20);
  });
});
