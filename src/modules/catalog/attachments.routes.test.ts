/**
 * Attachments end to end, on both databases: upload through the real multipart edit form (signed in,
 * with the page's CSRF token), refusals that keep what was typed, publication, the public page and
 * download, search over the attachment's text, the API against its OpenAPI document, revisions and
 * withdrawal.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Principal } from '../agencies/index.ts';
import { type OpenApiDoc, responseErrors } from './openapi-check.ts';
import { rebuildIndex } from './search.repository.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/attachments/${name}`, import.meta.url));
/** A 2.8 KB PDF whose text (第二条 市级预算、决算应当在批准后二十日内向社会公开 …) is in no title or body below. */
const noticePdf = fixture('notice-no-xref.pdf');
const statsXlsx = fixture('stats-zh.xlsx');
const sealPng = fixture('seal.png');
/** A Windows program renamed to .pdf. */
const programAsPdf = fixture('program-renamed.pdf');
/** 56 KB: over the 8 KB limit these tests configure. */
const bigPdf = fixture('report-zh.pdf');

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

/** The edit form's fields as the browser would send them back (what the user typed). */
const formFields = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  title: '关于做好课后服务工作的通知',
  coIssuers: [''],
  docNo: '',
  writtenOn: '2026-02-26',
  topic: '',
  genre: '通知',
  kind: 'notice',
  keywords: '',
  summary: '',
  disclosureMode: 'proactive',
  nonDisclosureReason: '',
  body: '请各校做好课后服务工作。',
  'validity.status': 'inForce',
  'validity.from': '',
  'validity.until': '',
  'validity.replacedBy': '',
  interprets: '',
  ...over,
});

describeEachDialect('attachments of publications', (dialect) => {
  let t: TestApp;
  let doc: OpenApiDoc;
  const b: Record<string, Browser> = {};
  let id = '';

  const principalOf = async (username: string): Promise<Principal> => {
    const u = (await t.services.users.list(t.services.users.systemPrincipal())).find((x) => x.username === username)!;
    return { userId: u.id, username: u.username, displayName: u.displayName, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
  };
  const editUrl = (pid: string) => `/admin/publications/${pid}/edit`;
  const publicLinks = (html: string) => [...html.matchAll(/href="(\/xxgk\/[^"]+\/attachments\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  async function searchIds(q: string): Promise<string[]> {
    const res = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` });
    assert.equal(res.statusCode, 200);
    return JSON.parse(res.body).groups.documents.items.map((i: { id: string }) => i.id);
  }

  before(async () => {
    t = await buildTestApp(dialect, { config: { attachmentMaxBytes: 8 * 1024, attachmentMaxFiles: 3 } });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    await addUser(t.services, 'jy-editor', [['editor', 'HS-JYJ']]);
    await addUser(t.services, 'jy-approver', [['approver', 'HS-JYJ']]);
    await addUser(t.services, 'cz-editor', [['editor', 'HS-CZJ']]);
    for (const [key, username] of [['editor', 'jy-editor'], ['approver', 'jy-approver'], ['other', 'cz-editor']]) {
      b[key] = new Browser(t.app);
      await b[key].signIn(username);
    }
    const ed = await principalOf('jy-editor');
    id = (await t.services.publications.createDraft(ed, actorOf(ed), 'HS-JYJ', { title: '课后服务通知', kind: 'notice', writtenOn: '2026-02-26', body: '请各校做好课后服务工作。' } as any)).id;
    doc = JSON.parse((await t.app.inject({ url: '/api/openapi.json' })).body);
  });
  after(() => t.dispose());

  test('the edit form uploads files as multipart/form-data and keeps what was typed', async () => {
    const form = await b.editor.get(editUrl(id));
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /<input[^>]+type="file"[^>]+multiple/);
    const res = await b.editor.submitMultipart(editUrl(id), editUrl(id), formFields({ title: '改过但未保存的标题', op: 'upload' }), [
      { field: 'files', filename: '关于预算公开的通知.pdf', content: noticePdf, type: 'application/pdf' },
      { field: 'files', filename: '统计表.xlsx', content: statsXlsx },
    ]);
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const page = text(res.body);
    assert.match(page, /已上传：关于预算公开的通知\.pdf、统计表\.xlsx/);
    assert.match(page, /关于预算公开的通知\.pdf PDF · 2\.8 KB/);
    assert.match(page, /统计表\.xlsx Excel · 7\.3 KB/);
    assert.match(res.body, /value="改过但未保存的标题"/, 'the typed title is shown again');
    // Stored: two files of the draft's version; the title was not saved by an upload.
    const p = await t.services.publications.requirePublication(id);
    assert.equal(p.title, '课后服务通知');
    const files = await t.services.attachments.forEditing(p);
    assert.deepEqual(files.map((f) => [f.name, f.type, f.mime, f.size]), [
      ['关于预算公开的通知.pdf', 'pdf', 'application/pdf', noticePdf.length],
      ['统计表.xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', statsXlsx.length],
    ]);
    // Audit log and the item's history.
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'publication.attachmentAdd').execute();
    assert.equal(audit.length, 1);
    assert.match(String((audit[0] as any).detail), /关于预算公开的通知\.pdf/);
    assert.match(text((await b.editor.get(`/admin/publications/${id}`)).body), /上传附件 .*附件：关于预算公开的通知\.pdf、统计表\.xlsx/);
    // Staff can open what they uploaded.
    const own = await b.editor.get(`/admin/publications/${id}/attachments/${files[0].id}`);
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.rawPayload, noticePdf);
  });

  test('a renamed program, an oversized file and an empty file are refused, naming the file; nothing typed is lost', async () => {
    const before = (await t.services.attachments.forEditing(await t.services.publications.requirePublication(id))).length;
    const exe = await b.editor.submitMultipart(editUrl(id), editUrl(id), formFields({ summary: '刚刚输入的摘要', op: 'save' }), [{ field: 'files', filename: 'setup.pdf', content: programAsPdf, type: 'application/pdf' }]);
    assert.equal(exe.statusCode, 400);
    assert.match(text(exe.body), /文件“setup\.pdf”的内容不是可接受的文件类型/);
    assert.match(exe.body, /刚刚输入的摘要/, 'the summary typed is still in the form');
    assert.match(exe.body, /href="#f-files"/, 'the error summary links to the file field');
    assert.equal((await t.services.publications.requirePublication(id)).summary, null, 'the form was not saved with a refused file');

    const big = await b.editor.submitMultipart(editUrl(id), editUrl(id), formFields({ op: 'upload' }), [{ field: 'files', filename: '年度报告.pdf', content: bigPdf }]);
    assert.equal(big.statusCode, 400);
    assert.match(text(big.body), /文件“年度报告\.pdf”超过每个文件 8\.0 KB 的大小上限/);

    const empty = await b.editor.submitMultipart(editUrl(id), editUrl(id), formFields({ op: 'upload' }), [{ field: 'files', filename: '空白.docx', content: new Uint8Array(0) }]);
    assert.equal(empty.statusCode, 400);
    assert.match(text(empty.body), /文件“空白\.docx”是空文件/);

    // All or nothing: a good file with a bad one is not stored either.
    const mixed = await b.editor.submitMultipart(editUrl(id), editUrl(id), formFields({ op: 'upload' }), [
      { field: 'files', filename: 'seal.png', content: sealPng },
      { field: 'files', filename: 'program.exe.pdf', content: programAsPdf },
    ]);
    assert.equal(mixed.statusCode, 400);
    assert.equal((await t.services.attachments.forEditing(await t.services.publications.requirePublication(id))).length, before);

    // In English too.
    const en = await b.editor.submitMultipart(`${editUrl(id)}?lang=en`, `${editUrl(id)}?lang=en`, formFields({ op: 'upload' }), [{ field: 'files', filename: 'setup.pdf', content: programAsPdf }]);
    assert.match(text(en.body), /The content of the file “setup\.pdf” is not an accepted type/);
  });

  test('without the CSRF token, or for another agency, nothing is uploaded', async () => {
    const noToken = await b.editor.postMultipart(editUrl(id), formFields({ op: 'upload' }), [{ field: 'files', filename: 'seal.png', content: sealPng }]);
    assert.equal(noToken.statusCode, 403);
    const other = await b.other.submitMultipart('/admin/publications', editUrl(id), formFields({ op: 'upload' }), [{ field: 'files', filename: 'seal.png', content: sealPng }]);
    assert.equal(other.statusCode, 403);
    assert.equal((await t.services.attachments.forEditing(await t.services.publications.requirePublication(id))).length, 2);
  });

  test('the public sees the files only once the item is published; download gives the same bytes with the right headers', async () => {
    const [pdf] = await t.services.attachments.forEditing(await t.services.publications.requirePublication(id));
    const guess = `/xxgk/${id}/attachments/${pdf.id}/x.pdf`;
    assert.equal((await t.app.inject({ url: `/xxgk/${id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: guess })).statusCode, 404, "a draft's file is not public");
    assert.deepEqual(await searchIds('二十日内'), []);

    const ed = await principalOf('jy-editor');
    const ap = await principalOf('jy-approver');
    await t.services.publications.submit(ed, actorOf(ed), id);
    await t.services.publications.approve(ap, actorOf(ap), id, { confidentialityReviewed: true });

    const page = await t.app.inject({ url: `/xxgk/${id}` });
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /附件 1?\.? ?关于预算公开的通知\.pdf （PDF、2\.8 KB） 统计表\.xlsx （Excel、7\.3 KB）/);
    const links = publicLinks(page.body);
    assert.equal(links.length, 2);
    assert.ok(links[0].startsWith(`/xxgk/${id}/attachments/${pdf.id}/`));

    const dl = await t.app.inject({ url: links[0] });
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, noticePdf);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    // The Chinese name for browsers (RFC 8187), an ASCII name with the right extension for old clients.
    assert.equal(dl.headers['content-disposition'], `attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('关于预算公开的通知.pdf')}`);
    assert.equal(dl.headers.etag, `"${pdf.sha256}"`);
    assert.equal(dl.headers['cache-control'], 'public, no-cache', 'checked again on every visit: a withdrawn file must disappear');
    assert.equal((await t.app.inject({ url: links[0], headers: { 'if-none-match': String(dl.headers.etag) } })).statusCode, 304);
    const head = await t.app.inject({ method: 'HEAD', url: links[1] });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  test('a word that is only inside an attachment finds the item, also after the index is rebuilt', async () => {
    assert.deepEqual(await searchIds('二十日内'), [id]);
    assert.deepEqual(await searchIds('主动公开政府信息数'), [id], 'text of the spreadsheet');
    await rebuildIndex(t.db.db);
    assert.deepEqual(await searchIds('二十日内'), [id]);
  });

  test('the API lists the files of the published version, as its OpenAPI document says', async () => {
    for (const url of [`/api/v1/publications/${id}`, '/api/v1/publications']) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(responseErrors(doc, 'get', url, res.statusCode, res.headers['content-type'] as string, res.body), []);
      const json = JSON.parse(res.body);
      const item = url.endsWith(id) ? json : json.items.find((i: { id: string }) => i.id === id);
      assert.deepEqual(
        item.attachments.map((a: any) => [a.name, a.type, a.mime, a.size]),
        [
          ['关于预算公开的通知.pdf', 'pdf', 'application/pdf', noticePdf.length],
          ['统计表.xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', statsXlsx.length],
        ],
      );
      const download = new URL(item.attachments[0].url);
      assert.deepEqual((await t.app.inject({ url: download.pathname })).rawPayload, noticePdf);
    }
    assert.ok((doc as any).components.schemas.Attachment, 'the document describes attachments');
  });

  test('a revision changes the files only when it is saved; earlier versions keep theirs in the history', async () => {
    const reviseUrl = `/admin/publications/${id}/revise`;
    const p1 = await t.services.publications.requirePublication(id);
    const [pdf, xlsx] = await t.services.attachments.publicList(p1);
    // Remove the spreadsheet and add an image on the revise form.
    const form = await b.approver.get(reviseUrl);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    const removed = await b.approver.submitMultipart(reviseUrl, reviseUrl, formFields({ title: p1.title, note: '更换附件', removeAttachment: xlsx.id }), []);
    assert.equal(removed.statusCode, 200);
    assert.match(text(removed.body), /已移除附件“统计表\.xlsx”/);
    assert.match(removed.body, /更换附件/, 'the note typed is kept');
    const added = await b.approver.submitMultipart(reviseUrl, reviseUrl, formFields({ title: p1.title, note: '更换附件', op: 'upload' }), [{ field: 'files', filename: '印章.png', content: sealPng }]);
    assert.equal(added.statusCode, 200);

    // Not public yet.
    let page = await t.app.inject({ url: `/xxgk/${id}` });
    assert.match(text(page.body), /统计表\.xlsx/);
    assert.doesNotMatch(text(page.body), /印章\.png/);
    assert.equal((await t.app.inject({ url: `/xxgk/${id}/attachments/${xlsx.id}/x.xlsx` })).statusCode, 200);

    // Saved: the public page shows the new set; the removed file is no longer downloadable.
    const saved = await b.approver.submitMultipart(reviseUrl, reviseUrl, formFields({ title: p1.title, note: '更换附件', op: 'revise' }), []);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    page = await t.app.inject({ url: `/xxgk/${id}` });
    assert.match(text(page.body), /关于预算公开的通知\.pdf .*印章\.png （PNG/);
    assert.doesNotMatch(text(page.body), /统计表\.xlsx/);
    assert.equal((await t.app.inject({ url: `/xxgk/${id}/attachments/${xlsx.id}/x.xlsx` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/xxgk/${id}/attachments/${pdf.id}/x.pdf` })).statusCode, 200);
    assert.deepEqual(await searchIds('主动公开政府信息数'), [], 'the removed file is out of the index');
    assert.deepEqual(await searchIds('二十日内'), [id]);
    // Version 1 lists its files; the one the revision removed has no link.
    const v1 = await t.app.inject({ url: `/xxgk/${id}/versions/1` });
    assert.match(text(v1.body), /统计表\.xlsx （Excel、7\.3 KB） （仅属于该历史版本/);
    assert.equal(publicLinks(v1.body).length, 1);
  });

  test("a withdrawn item's files are no longer public", async () => {
    const ap = await principalOf('jy-approver');
    const [pdf] = await t.services.attachments.publicList(await t.services.publications.requirePublication(id));
    await t.services.publications.withdraw(ap, actorOf(ap), id, '内容有误');
    assert.equal((await t.app.inject({ url: `/xxgk/${id}/attachments/${pdf.id}/x.pdf` })).statusCode, 404);
    assert.doesNotMatch((await t.app.inject({ url: `/xxgk/${id}` })).body, /attachments\//);
  });

  test("removing a draft's file deletes its bytes when nothing else uses them", async () => {
    const ed = await principalOf('jy-editor');
    const draft = await t.services.publications.createDraft(ed, actorOf(ed), 'HS-JYJ', { title: '另一份草稿', kind: 'notice' } as any);
    const res = await b.editor.submitMultipart(editUrl(draft.id), editUrl(draft.id), formFields({ title: '另一份草稿', op: 'upload' }), [{ field: 'files', filename: 'stamp.jpg', content: fixture('stamp.jpg') }]);
    assert.equal(res.statusCode, 200);
    const [a] = await t.services.attachments.forEditing(draft);
    assert.equal(a.type, 'jpeg');
    const stored = join(t.services.config.filesDir, a.storageKey.slice(0, 2), a.storageKey.slice(2, 4), a.storageKey);
    assert.ok(existsSync(stored));
    const removed = await b.editor.submitMultipart(editUrl(draft.id), editUrl(draft.id), formFields({ title: '另一份草稿', removeAttachment: a.id }), []);
    assert.equal(removed.statusCode, 200);
    assert.deepEqual(await t.services.attachments.forEditing(draft), []);
    assert.equal(existsSync(stored), false, 'the bytes are gone');
  });

  test('a file whose stored bytes are missing is reported as not found, not sent as a broken download', async () => {
    const ed = await principalOf('jy-editor');
    const draft = await t.services.publications.createDraft(ed, actorOf(ed), 'HS-JYJ', { title: '第三份草稿', kind: 'notice' } as any);
    await b.editor.submitMultipart(editUrl(draft.id), editUrl(draft.id), formFields({ title: '第三份草稿', op: 'upload' }), [{ field: 'files', filename: 'stamp.jpg', content: fixture('stamp.jpg') }]);
    const [a] = await t.services.attachments.forEditing(draft);
    const url = `/admin/publications/${draft.id}/attachments/${a.id}`;
    assert.equal((await b.editor.get(url)).statusCode, 200);
    rmSync(join(t.services.config.filesDir, a.storageKey.slice(0, 2), a.storageKey.slice(2, 4), a.storageKey));
    const res = await b.editor.get(url);
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['content-disposition'], undefined, 'an error page, not a download');
  });

  test('a multipart post is refused before its body is read where no form takes files, and from visitors', async () => {
    const body = `--b\r\nContent-Disposition: form-data; name="username"\r\n\r\n${'x'.repeat(2000)}\r\n--b--\r\n`;
    for (const url of ['/admin/sign-in', editUrl(id)]) {
      const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'multipart/form-data; boundary=b' }, payload: body });
      assert.equal(res.statusCode, 415, url);
      assert.match(res.body, /不支持以此方式提交文件/);
    }
  });
});
