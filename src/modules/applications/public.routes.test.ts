import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, addAgency, addUser, asPrincipal, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { residentId } from '../../../test/helpers/applications.ts';
import { systemActor } from '../audit/index.ts';

/** Visible text of an HTML page (tags removed, whitespace collapsed). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

/** A natural person's application as the form sends it. */
const form = (over: Record<string, string> = {}): Record<string, string> => ({
  'applicant.type': 'natural',
  'applicant.name': '张三',
  'applicant.idType': 'residentId',
  'applicant.idNumber': residentId(7),
  'applicant.phone': '13800001234',
  'applicant.email': '',
  'applicant.address': '',
  'applicant.postcode': '',
  'applicant.creditCode': '',
  'applicant.legalRepresentative': '',
  'applicant.contactPerson': '',
  description: '请公开2025年本市义务教育阶段学校招生划片方案及其制定依据。',
  form: 'electronic',
  delivery: 'online',
  website: '',
  ...over,
});

const receiptOf = (body: string) => {
  const code = /class="tracking-code">([A-Z0-9]+)</.exec(body)?.[1];
  const password = /class="tracking-password">([A-Z0-9]+)</.exec(body)?.[1];
  assert.ok(code && password, 'the receipt shows the tracking code and the password');
  return { code, password };
};

describeEachDialect('applications: the applicant on the public portal', (dialect) => {
  let t: TestApp;
  const apply = (b: Browser, fields: Record<string, string>, files: { field: string; filename: string; content: Uint8Array }[] = []) =>
    b.submitMultipart('/agencies/HS-JYJ/apply', '/agencies/HS-JYJ/apply', fields, files);
  const signIn = (b: Browser, code: string, password: string) => b.submit('/track', '/track', { code, password });

  async function build() {
    // Monday 2026-03-02, 10:00 in Shanghai.
    t = await buildTestApp(dialect);
    const s = t.services;
    await addAgency(s, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(s, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    await addAgency(s, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
  }
  /** A new app (the per-address submission limit starts again). */
  async function restart() {
    await t.dispose();
    await build();
  }
  before(build);
  after(async () => t.dispose());

  test('the agency list and the form explain the rules and offer every applicant type', async () => {
    const b = new Browser(t.app);
    const list = await b.get('/apply');
    assert.equal(list.statusCode, 200);
    assert.match(text(list.body), /无需注册/);
    assert.match(text(list.body), /20个工作日/);
    assert.ok(list.body.includes('href="/agencies/HS-JYJ/apply"'));
    const page = await b.get('/agencies/HS-JYJ/apply');
    assert.equal(page.statusCode, 200);
    for (const label of ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他组织']) assert.ok(page.body.includes(label), label);
    assert.match(page.body, /name="website"[^>]*tabindex="-1"/);
    assert.match(page.body, /aria-hidden="true"/);
    assert.ok(page.body.includes('/static/js/apply-suggest.js'));
    assert.equal((await b.get('/agencies/NOPE/apply')).statusCode, 404);
  });

  test('a natural person applies and gets a receipt: tracking code, password, receipt date and due date with its steps', async () => {
    const b = new Browser(t.app);
    const res = await apply(b, form(), [{ field: 'files', filename: '身份证明.pdf', content: new TextEncoder().encode('%PDF-1.4 test') }]);
    assert.equal(res.statusCode, 200);
    const { code } = receiptOf(res.body);
    assert.match(code, /^YS2026/);
    const body = text(res.body);
    assert.match(body, /收到申请日期 2026-03-02/);
    // 20 working days counted from the day after 2026-03-02.
    assert.match(body, /答复期限 2026-03-30/);
    assert.match(body, /适用规则：cn-2019，20个工作日/);
    assert.match(body, /只显示这一次/);
    assert.ok(!res.headers.location, 'no redirect carries the password');
    assert.equal(res.headers['cache-control'], 'no-store');
    // The receipt as a Word file, right away (the submitter is signed in to their case); never the password.
    assert.ok(res.body.includes(`href="/track/${code}/receipt.docx"`));
    const docx = await b.get(`/track/${code}/receipt.docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  test('an invalid ID number and missing contact come back with every value kept and Chinese messages', async () => {
    const b = new Browser(t.app);
    const bad = residentId(7).slice(0, 17) + (residentId(7).endsWith('1') ? '2' : '1');
    const res = await apply(b, form({ 'applicant.idNumber': bad, 'applicant.phone': '', 'applicant.name': '李四' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary"/);
    assert.match(text(res.body), /居民身份证号码不正确/);
    assert.match(text(res.body), /请至少填写一种联系方式/);
    assert.ok(res.body.includes(`value="${bad}"`), 'the ID number is kept');
    assert.ok(res.body.includes('value="李四"'), 'the name is kept');
    assert.ok(res.body.includes('招生划片方案'), 'the description is kept');
  });

  test('a filled honeypot stores nothing and shows the form again', async () => {
    const b = new Browser(t.app);
    const before = await t.services.storage.db.selectFrom('applications').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await apply(b, form({ website: 'http://spam.example', 'applicant.idNumber': residentId(8) }));
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /提交未被受理/);
    assert.ok(!/tracking-password/.test(res.body));
    const after = await t.services.storage.db.selectFrom('applications').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('one applicant may submit only so many applications a day', async () => {
    const b = new Browser(t.app);
    const max = t.services.applications.limits.perApplicantPerDay;
    for (let i = 0; i < max; i++) {
      const r = await apply(b, form({ 'applicant.idNumber': residentId(9), description: `请公开第${i + 1}号文件：本市第${i + 1}批学校建设项目清单` }));
      assert.equal(r.statusCode, 200, `application ${i + 1}`);
    }
    const over = await apply(b, form({ 'applicant.idNumber': residentId(9), description: '请公开本市学校食堂招标文件' }));
    assert.equal(over.statusCode, 429);
    assert.match(text(over.body), /每日上限/);
    assert.ok(over.body.includes('本市学校食堂招标文件'), 'the description is kept');
  });

  test('status: a wrong password gets a neutral message; the right one opens the case with its timeline', async () => {
    // Submitted on one computer, looked up on another (submitting signs the submitter in).
    const { code, password } = receiptOf((await apply(new Browser(t.app), form({ 'applicant.idNumber': residentId(10) }))).body);
    const b = new Browser(t.app);
    const wrong = await signIn(b, code, 'WRONGPASS1');
    assert.equal(wrong.statusCode, 400);
    assert.match(text(wrong.body), /申请编号或查询密码不正确/);
    const unknown = await signIn(b, 'YS2026AAAAAAAA', password);
    assert.match(text(unknown.body), /申请编号或查询密码不正确/);
    assert.equal((await b.get(`/track/${code}`)).statusCode, 401, 'no page without signing in');

    const ok = await signIn(b, code.toLowerCase(), password);
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/track/${code}`);
    assert.ok(!String(ok.headers.location).includes(password));
    const cookie = String(ok.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    const page = await b.get(`/track/${code}`);
    assert.equal(page.statusCode, 200);
    const body = text(page.body);
    assert.match(body, /办理中/);
    assert.match(body, /2026-03-02/);
    assert.match(body, /答复期限 2026-03-30/);
    assert.match(page.body, /class="timeline"/);
    assert.ok(!body.includes(residentId(10)), 'the ID number is not shown');
  });

  test('one address may post the form only so many times an hour, counted before the body (and its files) is read', async () => {
    const b = new Browser(t.app);
    let posts = 0;
    let refused: Awaited<ReturnType<typeof apply>> | null = null;
    for (; posts < 40 && !refused; posts++) {
      const res = await apply(b, form({ _suggest: '1' }));
      if (res.statusCode === 429) refused = res;
      else assert.equal(res.statusCode, 200);
    }
    assert.ok(refused, 'refused within 30 posts an hour (earlier tests posted from this address too)');
    assert.match(text(refused.body), /请求过于频繁/);
  });

  test('a correction with files from someone without a live session is refused before the files are read', async () => {
    const res = await new Browser(t.app).postMultipart('/track/YS2026AAAAAAAA/correction', { text: 'x' }, [{ field: 'files', filename: 'a.pdf', content: new Uint8Array(1024 * 1024) }]);
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /重新输入|已过期|expired/);
  });

  test('staff request a correction; the applicant answers online with a file and the deadline restarts', async () => {
    await restart();
    const b = new Browser(t.app);
    const { code, password } = receiptOf((await apply(b, form({ 'applicant.idNumber': residentId(11) }))).body);
    const id = (await t.services.applications.openForApplicant(code, password))!;
    const handler = asPrincipal(await addUser(t.services, 'jyj.handler', [['handler', 'HS-JYJ']]));
    t.clock.set('2026-03-04T02:00:00.000Z');
    await t.services.applications.act(handler, actorOf(handler), id, { action: 'requestCorrection', on: '2026-03-04', until: '2026-03-18', what: '请写明所需方案的学年' });
    await t.services.applications.act(handler, actorOf(handler), id, { action: 'note', text: '内部备注：申请人曾来电' });
    await signIn(b, code, password);
    const page = await b.get(`/track/${code}`);
    const body = text(page.body);
    assert.match(body, /待补正/);
    assert.match(body, /请写明所需方案的学年/);
    assert.match(body, /2026-03-18/);
    assert.ok(!body.includes('内部备注'), 'staff notes are never shown');
    assert.ok(!body.includes('jyj.handler'), 'handler names are never shown');

    t.clock.set('2026-03-06T02:00:00.000Z');
    assert.equal((await b.get(`/track/${code}`)).statusCode, 401, 'the session lasts two hours');
    await signIn(b, code, password);
    const sent = await b.submitMultipart(`/track/${code}`, `/track/${code}/correction`, { text: '所需为2025—2026学年的划片方案。' }, [{ field: 'files', filename: '补正说明.pdf', content: new TextEncoder().encode('%PDF-1.4 补正') }]);
    assert.equal(sent.statusCode, 303);
    const after = await b.get(String(sent.headers.location));
    const a = text(after.body);
    assert.match(a, /补正材料已提交/);
    assert.match(a, /办理中/);
    // 20 working days from the day after 2026-03-06.
    assert.match(a, /答复期限 2026-04-03/);
    assert.match(a, /2026-03-04 一次性告知补正，2026-03-06 收到补正后的申请/);
    const file = /href="(\/track\/[^"]+\/files\/[^"]+)">补正说明\.pdf/.exec(after.body)?.[1];
    assert.ok(file, 'the uploaded file is listed');
    const dl = await b.get(file);
    assert.equal(dl.statusCode, 200);
    assert.match(String(dl.headers['content-disposition']), /filename\*=UTF-8''%E8%A1%A5/);
    t.clock.set('2026-03-02T02:00:00.000Z');
  });

  test('the applicant cannot open another case or its files', async () => {
    await restart();
    const b = new Browser(t.app);
    const mine = receiptOf((await apply(b, form({ 'applicant.idNumber': residentId(12) }))).body);
    const other = receiptOf((await apply(new Browser(t.app), form({ 'applicant.idNumber': residentId(13), 'applicant.name': '王五' }), [{ field: 'files', filename: 'other.pdf', content: new TextEncoder().encode('%PDF-1.4 x') }])).body);
    const otherId = (await t.services.applications.openForApplicant(other.code, other.password))!;
    const otherFile = (await t.services.applications.applicantView(otherId)).files[0]!;
    await signIn(b, mine.code, mine.password);
    assert.equal((await b.get(`/track/${mine.code}`)).statusCode, 200);
    assert.equal((await b.get(`/track/${other.code}`)).statusCode, 404);
    assert.equal((await b.get(`/track/${other.code}/files/${otherFile.id}`)).statusCode, 404);
    assert.equal((await b.get(`/track/${mine.code}/files/${otherFile.id}`)).statusCode, 404);
    // A forged cookie (right case id, wrong signature) opens nothing.
    const forged = new Browser(t.app);
    forged.cookies.set('gk_applicant', `${otherId}.${Date.parse('2030-01-01')}.AAAA`);
    assert.equal((await forged.get(`/track/${other.code}`)).statusCode, 404);
  });

  test('suggestions: a published item matching the description is offered, as JSON and without JavaScript', async () => {
    const s = t.services;
    const admin = s.users.systemPrincipal();
    const d = await s.publications.createDraft(admin, systemActor, 'HS-JYJ', { title: '衡水市2025年义务教育学校招生划片方案', kind: 'news', summary: '全市义务教育阶段学校招生划片范围' } as any);
    await s.publications.submit(admin, systemActor, d.id);
    await s.publications.approve(admin, systemActor, d.id, { confidentialityReviewed: true });
    const b = new Browser(t.app);
    const res = await b.get(`/apply/suggest?q=${encodeURIComponent('请公开2025年本市义务教育招生划片方案')}`);
    assert.equal(res.statusCode, 200);
    const items = JSON.parse(res.body).items as { title: string; href: string }[];
    assert.ok(items.some((i) => i.title === '衡水市2025年义务教育学校招生划片方案' && i.href === `/xxgk/${d.id}`), JSON.stringify(items));

    const noJs = await apply(b, form({ _suggest: '1', 'applicant.idNumber': residentId(14), description: '请公开2025年本市义务教育招生划片方案' }));
    assert.equal(noJs.statusCode, 200);
    assert.match(text(noJs.body), /这些信息可能已经公开/);
    assert.ok(noJs.body.includes(`href="/xxgk/${d.id}"`));
    assert.ok(noJs.body.includes(`value="${residentId(14)}"`), 'values are kept');
    assert.ok(!/tracking-password/.test(noJs.body), 'nothing was submitted');
  });
});
