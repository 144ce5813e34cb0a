import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, addAgency, addUser, asPrincipal, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { naturalApplication } from '../../../test/helpers/applications.ts';
import type { Principal } from '../agencies/index.ts';
import type { LetterContent } from './letters.ts';
import { configurePdf } from './render.ts';
import { inflateRawSync } from 'node:zlib';

const chromium = '/usr/bin/chromium';

/** The paragraphs' text of a DOCX's word/document.xml (a ZIP: central directory, deflated entries). */
function docxParagraphs(buf: Buffer): string[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a ZIP file');
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (name === 'word/document.xml') {
      const local = buf.readUInt32LE(p + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + buf.readUInt32LE(p + 20));
      const xml = (buf.readUInt16LE(p + 10) === 8 ? inflateRawSync(data) : data).toString('utf8');
      return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''));
    }
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  assert.fail('word/document.xml is missing');
}
const pdfSkip = existsSync(chromium) || process.env.REQUIRE_BROWSER === '1' ? undefined : `Chromium not found at ${chromium}: PDF download check skipped`;

describeEachDialect('letters as files, and letter templates', (dialect) => {
  let t: TestApp;
  let handler: Principal;
  let caseId: string;
  let letterId: string;
  let content: LetterContent;

  /** A case of EDU registered in person and answered: one answer letter. */
  async function answeredCase(serial: number, outcome = 'disclose', extra: Record<string, string> = {}) {
    const s = t.services.applications;
    const r = await s.register(handler, actorOf(handler), 'EDU', naturalApplication({ serial }), { channel: 'inPerson', on: '2026-03-02' });
    const done = await s.act(handler, actorOf(handler), r.id, { action: 'answer', on: '2026-03-02', outcome, ...extra });
    assert.equal(done.letters.length, 1);
    return { id: r.id, trackingCode: r.trackingCode, letter: done.letters[0], content: JSON.parse(done.letters[0].content) as LetterContent };
  }

  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'CITY', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'EDU', '衡水市教育局', { parent: 'CITY', shortName: '衡教' });
    await addAgency(t.services, 'ENV', '衡水市生态环境局', { parent: 'CITY' });
    handler = asPrincipal(await addUser(t.services, 'handler1', [['handler', 'EDU']]));
    await addUser(t.services, 'handler2', [['handler', 'ENV']]);
    await addUser(t.services, 'editor1', [['editor', 'EDU']]);
    await addUser(t.services, 'authority1', [['authority', 'CITY']]);
    const c = await answeredCase(1);
    caseId = c.id;
    letterId = c.letter.id;
    content = c.content;
  });
  after(() => t.dispose());

  const docxUrl = () => `/admin/applications/${caseId}/letters/${letterId}.docx`;
  const pdfUrl = () => `/admin/applications/${caseId}/letters/${letterId}.pdf`;

  test('the handling agency downloads the answer letter as a Word file named by its title and number', async () => {
    const b = new Browser(t.app);
    await b.signIn('handler1');
    const res = await b.get(docxUrl());
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const disposition = String(res.headers['content-disposition']);
    assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent(`${content.title}（${content.number}）.docx`).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`), disposition);
    assert.equal(content.number, '衡教依申〔2026〕1号');
    const paras = docxParagraphs(res.rawPayload).filter(Boolean);
    assert.equal(paras[0], '衡水市教育局政府信息公开申请答复告知书');
    assert.equal(paras[1], '衡教依申〔2026〕1号');
    assert.equal(paras[2], '张三：');
    for (const p of content.paragraphs) assert.ok(paras.includes(p), p);
    assert.equal(paras.at(-1), '二〇二六年三月二日');
  });

  test('staff of another agency and an editor get "not found"; anonymous visitors are sent to sign in', async () => {
    for (const user of ['handler2', 'editor1']) {
      const b = new Browser(t.app);
      await b.signIn(user);
      for (const url of [docxUrl(), pdfUrl()]) assert.equal((await b.get(url)).statusCode, 404, `${user} ${url}`);
    }
    const anon = new Browser(t.app);
    for (const url of [docxUrl(), pdfUrl()]) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/admin\/sign-in\?next=/);
    }
    const auth = new Browser(t.app);
    await auth.signIn('authority1');
    assert.equal((await auth.get(docxUrl())).statusCode, 200, 'the authority sees the cases below it');
    const own = new Browser(t.app);
    await own.signIn('handler1');
    assert.equal((await own.get(`/admin/applications/${caseId}/letters/nosuch.docx`)).statusCode, 404);
  });

  test('the letter as PDF', { skip: pdfSkip, timeout: 120_000 }, async () => {
    const b = new Browser(t.app);
    await b.signIn('handler1');
    const res = await b.get(pdfUrl());
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(res.rawPayload.toString('latin1'), /\/Type\s*\/Page[^s]/);
  });

  test('without Chromium the PDF route says so (503) and points to the print view and the DOCX', async () => {
    configurePdf({ chromiumPath: '/nonexistent/chromium' });
    try {
      const b = new Browser(t.app);
      await b.signIn('handler1');
      const res = await b.get(pdfUrl());
      assert.equal(res.statusCode, 503);
      assert.match(res.body, /暂时无法生成PDF/);
      assert.ok(res.body.includes(`href="/admin/applications/${caseId}/letters/${letterId}"`), 'links to the print view');
      assert.ok(res.body.includes(`href="/admin/applications/${caseId}/letters/${letterId}.docx"`), 'links to the DOCX');
    } finally {
      configurePdf({ chromiumPath: chromium });
    }
  });

  test('the authority edits a template: an unknown placeholder is refused with a message, a good one is used by the next letter', async () => {
    const b = new Browser(t.app);
    await b.signIn('authority1');
    const list = await b.get('/admin/applications/templates');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /补正告知书/);
    assert.match(list.body, /答复告知书：不予公开：属于国家秘密/);
    assert.match(list.body, /系统内置模板/);
    const editUrl = '/admin/applications/templates/answer.disclose';
    const form = await b.get(editUrl);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('{trackingCode}'), 'the textarea is prefilled with the current template');

    const bad = await b.submit(editUrl, editUrl, { body: '{applicant}您好：您的申请{trackingCode}已办结。{caseNumber}', scope: 'CITY', do: 'save' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /无法识别的占位符：\{caseNumber\}/);
    assert.ok(bad.body.includes('{applicant}您好：您的申请{trackingCode}已办结。{caseNumber}'), 'what was typed is kept');

    const body = '经审查，您于{receivedOn}提出的申请（{trackingCode}）所涉信息予以公开。\n\n本局另附说明：请于工作日到本局领取纸质材料。\n\n特此告知。';
    const preview = await b.submit(editUrl, editUrl, { body, scope: 'CITY', do: 'preview' });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /本局另附说明/);
    assert.match(preview.body, /YS2026SAMPLE00/, 'the preview fills the placeholders for a sample case');

    const saved = await b.submit(editUrl, editUrl, { body, scope: 'CITY', do: 'save' });
    assert.equal(saved.statusCode, 303);
    const after = await b.get(String(saved.headers.location));
    assert.match(after.body, /模板已保存/);
    const audit = await t.services.audit.list({ action: 'letterTemplate.save', limit: 10, offset: 0 });
    assert.ok(JSON.stringify(audit).includes('answer.disclose'), 'the change is in the audit log');

    // An agency below the authority answers: its letter uses the edited template, in its own name and series.
    const c = await answeredCase(2);
    assert.deepEqual(c.content.paragraphs, [`经审查，您于2026-03-02提出的申请（${c.trackingCode}）所涉信息予以公开。`, '本局另附说明：请于工作日到本局领取纸质材料。', '特此告知。']);
    assert.equal(c.content.number, '衡教依申〔2026〕2号');

    // Reset: the built-in template applies again.
    const reset = await b.submit(editUrl, editUrl, { body: '', scope: 'CITY', do: 'reset' });
    assert.equal(reset.statusCode, 303);
    const c3 = await answeredCase(3);
    assert.ok(c3.content.paragraphs.some((p) => p.includes('属于公开范围')), 'the built-in text is back');
  });

  test('only an authority or an administrator edits templates', async () => {
    for (const user of ['handler1', 'editor1']) {
      const b = new Browser(t.app);
      await b.signIn(user);
      assert.equal((await b.get('/admin/applications/templates')).statusCode, 403, user);
      assert.equal((await b.get('/admin/applications/templates/correction')).statusCode, 403, user);
    }
    const anon = new Browser(t.app);
    assert.equal((await anon.get('/admin/applications/templates')).statusCode, 303);
    const auth = new Browser(t.app);
    await auth.signIn('authority1');
    assert.equal((await auth.get('/admin/applications/templates?scope=ENV')).statusCode, 404, 'not a scope the authority holds');
    assert.equal((await auth.get('/admin/applications/templates/nosuch')).statusCode, 404);
  });

  test('applicant downloads need the applicant session: without it, not found', async () => {
    const view = await t.services.applications.applicantView(caseId);
    const anon = new Browser(t.app);
    for (const url of [`/track/${view.row.trackingCode}/letters/${letterId}.docx`, `/track/${view.row.trackingCode}/receipt.docx`]) {
      const res = await anon.get(url);
      assert.ok(res.statusCode === 404 || res.statusCode === 401, `${url}: ${res.statusCode}`);
      assert.ok(!String(res.headers['content-type']).includes('officedocument'), 'no document without the session');
    }
  });

  test('the applicant, signed in with code and password, downloads their letter and receipt; not another case’s', async () => {
    const s = t.services.applications;
    const mine = await s.register(handler, actorOf(handler), 'EDU', naturalApplication({ serial: 31 }), { channel: 'inPerson', on: '2026-03-02' });
    const answered = await s.act(handler, actorOf(handler), mine.id, { action: 'answer', on: '2026-03-02', outcome: 'disclose' });
    const b = new Browser(t.app);
    const signIn = await b.submit('/track', '/track', { code: mine.trackingCode, password: mine.password });
    assert.equal(signIn.statusCode, 303);
    const letter = await b.get(`/track/${mine.trackingCode}/letters/${answered.letters[0].id}.docx`);
    assert.equal(letter.statusCode, 200);
    assert.ok(docxParagraphs(letter.rawPayload).includes(`${JSON.parse(answered.letters[0].content).number}`));
    const receipt = await b.get(`/track/${mine.trackingCode}/receipt.docx`);
    assert.equal(receipt.statusCode, 200);
    const text = docxParagraphs(receipt.rawPayload).join('\n');
    assert.ok(text.includes(mine.trackingCode));
    assert.ok(!text.includes(mine.password), 'the receipt never carries the password');
    const other = await s.applicantView(caseId);
    assert.equal((await b.get(`/track/${other.row.trackingCode}/letters/${letterId}.docx`)).statusCode, 404, 'another case: not found');
    assert.equal((await b.get(`/track/${mine.trackingCode}/letters/${letterId}.docx`)).statusCode, 404, 'another case’s letter under my code: not found');
  });
});
