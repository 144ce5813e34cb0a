import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Principal } from '../agencies/index.ts';

/** The id in a redirect to an item's page. */
function itemIdOf(location: unknown): string {
  const m = /^\/admin\/publications\/([0-9a-f-]{36})\?/.exec(String(location));
  assert.ok(m, `redirected to an item page: ${location}`);
  return m[1];
}

/** Visible text of an HTML fragment (tags removed, whitespace collapsed). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');

/** A complete, valid form for a normative document. */
const normativeForm = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  agency: 'HS-JYJ',
  title: '衡水市中小学校课后服务管理办法',
  coIssuers: ['HS-CZJ', ''],
  docNo: '衡教字[2026]3号',
  writtenOn: '2026-02-26',
  topic: '科技、教育/教育',
  genre: '通知',
  kind: 'normativeDocument',
  audience: ['公民', '社会组织'],
  keywords: '课后服务，中小学、管理',
  summary: '规范全市中小学校课后服务的组织、收费和监督。',
  columns: ['education'],
  disclosureMode: 'proactive',
  nonDisclosureReason: '',
  body: '第一条 为规范中小学校课后服务，制定本办法。\n第二条 本办法适用于全市公办中小学校。',
  'validity.status': 'inForce',
  'validity.from': '2026-04-01',
  'validity.until': '',
  'validity.replacedBy': '',
  interprets: '',
  op: 'save',
  ...over,
});

describeEachDialect('back office: publishing', (dialect) => {
  let t: TestApp;
  const b: Record<string, Browser> = {};
  let docId = '';

  const principalOf = async (username: string): Promise<Principal> => {
    const u = (await t.services.users.list(t.services.users.systemPrincipal())).find((x) => x.username === username)!;
    return { userId: u.id, username: u.username, displayName: u.displayName, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
  };
  /** A draft made and submitted through the service (for the tests that start at the approver). */
  const submitted = async (title: string, extra: Record<string, unknown> = {}) => {
    const ed = await principalOf('jy-editor');
    const actor = { userId: ed.userId, name: ed.username, ip: null };
    const d = await t.services.publications.createDraft(ed, actor, 'HS-JYJ', { title, kind: 'notice', writtenOn: '2026-02-26', body: `${title}正文。`, ...extra } as any);
    await t.services.publications.submit(ed, actor, d.id);
    return d.id;
  };
  const approve = async (id: string) => b.approver.submit(`/admin/publications/${id}`, `/admin/publications/${id}/approve`, { confidentialityReviewed: '1', note: '' });

  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS', indexPrefix: 'JYJ', indexPattern: '{prefix}/{year}-{serial:5}' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    await addUser(t.services, 'jy-editor', [['editor', 'HS-JYJ']]);
    await addUser(t.services, 'jy-approver', [['approver', 'HS-JYJ']]);
    await addUser(t.services, 'cz-editor', [['editor', 'HS-CZJ']]);
    await addUser(t.services, 'hs-authority', [['authority', 'HS']]);
    await addUser(t.services, 'sys-admin', [['admin', null]]);
    for (const [key, username] of [['editor', 'jy-editor'], ['approver', 'jy-approver'], ['other', 'cz-editor'], ['authority', 'hs-authority'], ['admin', 'sys-admin']]) {
      b[key] = new Browser(t.app);
      await b[key].signIn(username);
    }
  });
  after(() => t.dispose());

  test('signed out, the publishing pages redirect to sign-in', async () => {
    const res = await new Browser(t.app).get('/admin/publications');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/admin\/sign-in\?next=/);
  });

  test('an editor fills in the form: a bad date and an unknown topic are refused in Chinese with everything kept; then the draft is saved and submitted', async () => {
    const nav = await b.editor.get('/admin');
    assert.match(nav.body, /<a href="\/admin\/publications">信息发布<\/a>/, 'the back-office menu links to publishing');

    const form = await b.editor.get('/admin/publications/new?agency=HS-JYJ');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<optgroup label="科技、教育">/, 'topics are grouped by their top level');
    assert.match(form.body, /<legend>服务对象<\/legend>/);
    assert.match(form.body, /<legend>公开方式<\/legend>/);

    const bad = await b.editor.submit('/admin/publications/new', '/admin/publications/new', normativeForm({ writtenOn: '2026-02-30', topic: '科技、教育/火星探测' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="f-writtenOn-error">请输入有效日期（YYYY-MM-DD）/);
    assert.match(bad.body, /id="f-topic-error">主题分类不在规定的分类表中/);
    assert.match(bad.body, /成文日期：请输入有效日期/, 'the summary names the field');
    assert.match(bad.body, /name="title" type="text" value="衡水市中小学校课后服务管理办法"/);
    assert.match(bad.body, /name="writtenOn" type="text" value="2026-02-30"/);
    assert.match(bad.body, /<option value="科技、教育\/火星探测" selected>/, 'the unknown topic stays selected');
    assert.match(bad.body, /name="docNo" type="text" value="衡教字\[2026\]3号"/);
    assert.match(bad.body, /<option value="HS-CZJ" selected>/, 'the co-issuer is kept');
    assert.match(bad.body, /value="社会组织" checked/);
    assert.match(bad.body, /value="education" checked/);
    assert.match(bad.body, /第二条 本办法适用于全市公办中小学校。<\/textarea>/);
    assert.equal((await t.services.publications.staffList(t.services.users.systemPrincipal(), { limit: 10, offset: 0 })).total, 0, 'nothing was stored');

    const saved = await b.editor.submit('/admin/publications/new', '/admin/publications/new', normativeForm());
    assert.equal(saved.statusCode, 303);
    docId = itemIdOf(saved.headers.location);
    const page = await b.editor.get(String(saved.headers.location));
    assert.match(page.body, /role="status"[^>]*>\s*<p>草稿已保存。/);
    assert.match(text(page.body), /衡水市教育局、衡水市财政局/, 'both issuing agencies are shown');
    assert.match(page.body, /衡教字〔2026〕3号/, 'the document number uses the hexagonal brackets');
    const stored = await t.services.publications.requirePublication(docId);
    assert.equal(stored.status, 'draft');
    assert.deepEqual(stored.keywords, ['课后服务', '中小学', '管理']);
    assert.deepEqual(stored.audience, ['公民', '社会组织']);
    assert.equal(stored.validity?.from, '2026-04-01');

    const sub = await b.editor.submit(`/admin/publications/${docId}`, `/admin/publications/${docId}/submit`, {});
    assert.equal(sub.statusCode, 303);
    const after = await b.editor.get(String(sub.headers.location));
    assert.match(after.body, /已提交审核/);
    assert.match(after.body, /class="status-tag status-submitted">待审核/);
    assert.doesNotMatch(after.body, /action="[^"]*\/approve"/, 'an editor cannot approve');
  });

  test('the approver finds it under 待审核; approving needs the confidentiality review; then it has its index number and the missing-interpretation warning', async () => {
    const home = await b.approver.get('/admin');
    assert.match(text(home.body), /待我审核的信息\s*（共 1 条）.*衡水市中小学校课后服务管理办法/);

    const queue = await b.approver.get('/admin/publications?status=submitted');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /aria-current="page">待审核/);
    assert.match(queue.body, new RegExp(`href="/admin/publications/${docId}">衡水市中小学校课后服务管理办法`));

    const refused = await b.approver.submit(`/admin/publications/${docId}`, `/admin/publications/${docId}/approve`, { note: '内容不涉密' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /id="f-confidentialityReviewed-error">发布前须完成保密审查/);
    assert.match(refused.body, />内容不涉密<\/textarea>/, 'the note is kept');
    assert.equal((await t.services.publications.requirePublication(docId)).status, 'submitted');

    const ok = await b.approver.submit(`/admin/publications/${docId}`, `/admin/publications/${docId}/approve`, { confidentialityReviewed: '1', note: '内容不涉密' });
    assert.equal(ok.statusCode, 303);
    const page = await b.approver.get(String(ok.headers.location));
    assert.match(page.body, /审核通过，信息已发布。/);
    assert.match(page.body, /该文件尚无政策解读。规章和行政规范性文件应同步发布解读/);
    assert.match(page.body, /<strong class="index-no">JYJ\/2026-00001<\/strong>/);
    assert.match(text(page.body), /审核通过 jy-approver 已完成保密审查，确认可以公开 审核意见：内容不涉密/);
    assert.match(page.body, new RegExp(`href="/xxgk/${docId}"`), 'links to the public page');
    assert.equal((await t.services.publications.requirePublication(docId)).indexNo, 'JYJ/2026-00001');
  });

  test('an editor of another agency cannot open or act on the item', async () => {
    assert.equal((await b.other.get(`/admin/publications/${docId}`)).statusCode, 200, 'the co-issuing agency sees the item');
    const foreign = await submitted('教育局内部事项通知');
    const res = await b.other.get(`/admin/publications/${foreign}`);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /无权访问/);
    assert.equal((await b.other.get(`/admin/publications/${foreign}/edit`)).statusCode, 403);
    const post = await b.other.submit('/admin/publications', `/admin/publications/${foreign}/approve`, { confidentialityReviewed: '1' });
    assert.equal(post.statusCode, 403);
    assert.equal((await t.services.publications.requirePublication(foreign)).status, 'submitted');
    const list = await b.other.get('/admin/publications');
    assert.doesNotMatch(list.body, /教育局内部事项通知/);
  });

  test('returning needs a reason, and the editor sees the draft back with the reason', async () => {
    const id = await submitted('衡水市2026年教育信息公开工作要点');
    const empty = await b.approver.submit(`/admin/publications/${id}`, `/admin/publications/${id}/return`, { reason: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /id="f-reason-error">此项为必填项/);

    const ret = await b.approver.submit(`/admin/publications/${id}`, `/admin/publications/${id}/return`, { reason: '请补充成文日期对应的会议纪要编号' });
    assert.equal(ret.statusCode, 303);
    const home = await b.editor.get('/admin');
    assert.match(text(home.body), /退回修改的稿件\s*（共 1 条）.*衡水市2026年教育信息公开工作要点/);
    const page = await b.editor.get(`/admin/publications/${id}`);
    assert.match(page.body, /class="status-tag status-returned">已退回/);
    assert.match(page.body, /退回理由：请补充成文日期对应的会议纪要编号/);
    assert.match(page.body, new RegExp(`href="/admin/publications/${id}/edit"`), 'the editor may edit it again');

    const edit = await b.editor.get(`/admin/publications/${id}/edit`);
    assert.match(edit.body, /value="衡水市2026年教育信息公开工作要点"/, 'the form is prefilled');
    const resub = await b.editor.submit(`/admin/publications/${id}/edit`, `/admin/publications/${id}/edit`, { ...normativeForm({ title: '衡水市2026年教育信息公开工作要点', kind: 'notice', coIssuers: [''] }), op: 'submit' });
    assert.equal(resub.statusCode, 303);
    assert.equal((await t.services.publications.requirePublication(id)).status, 'submitted');
  });

  test('withdrawing asks for a reason and a confirmation, then shows 已撤回 with the reason', async () => {
    const id = await submitted('2026年寒假中小学生安全提示');
    await approve(id);
    const noReason = await b.approver.submit(`/admin/publications/${id}`, `/admin/publications/${id}/withdraw`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /id="f-reason-error">此项为必填项/);

    const confirm = await b.approver.submit(`/admin/publications/${id}`, `/admin/publications/${id}/withdraw`, { reason: '内容已过时效' });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1>确认撤回<\/h1>/);
    assert.equal((await t.services.publications.requirePublication(id)).status, 'published', 'nothing happens before the confirmation');

    const done = await b.approver.submit(`/admin/publications/${id}`, `/admin/publications/${id}/withdraw`, { reason: '内容已过时效', confirm: '1' });
    assert.equal(done.statusCode, 303);
    const page = await b.approver.get(String(done.headers.location));
    assert.match(page.body, /class="status-tag status-withdrawn">已撤回/);
    assert.match(page.body, /撤回理由：内容已过时效/);
    const p = await t.services.publications.requirePublication(id);
    assert.equal(p.status, 'withdrawn');
    assert.equal(p.withdrawnReason, '内容已过时效');
    const list = await b.approver.get('/admin/publications?status=withdrawn');
    assert.match(list.body, /2026年寒假中小学生安全提示/);
  });

  test('revising needs a note and creates version 2, visible in the history', async () => {
    const id = await submitted('衡水市中小学校招生入学工作方案');
    await approve(id);
    const form = await b.approver.get(`/admin/publications/${id}/revise`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="衡水市中小学校招生入学工作方案"/);

    const fields = { ...normativeForm({ title: '衡水市中小学校招生入学工作方案（修订）', kind: 'notice', coIssuers: [''] }), op: 'revise' };
    const noNote = await b.approver.submit(`/admin/publications/${id}/revise`, `/admin/publications/${id}/revise`, { ...fields, note: '' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /id="f-note-error">此项为必填项/);
    assert.match(noNote.body, /value="衡水市中小学校招生入学工作方案（修订）"/);

    const ok = await b.approver.submit(`/admin/publications/${id}/revise`, `/admin/publications/${id}/revise`, { ...fields, note: '更正报名时间' });
    assert.equal(ok.statusCode, 303);
    const page = await b.approver.get(String(ok.headers.location));
    assert.match(page.body, /修订版本已发布/);
    const history = text(page.body.slice(page.body.indexOf('id="pub-versions"')));
    assert.match(history, /第 2 版 .* jy-approver 更正报名时间 衡水市中小学校招生入学工作方案（修订）/);
    assert.match(history, /第 1 版 .*首次发布 衡水市中小学校招生入学工作方案 /);
    const p = await t.services.publications.requirePublication(id);
    assert.equal(p.version, 2);
    assert.equal(p.indexNo?.startsWith('JYJ/2026-'), true, 'the index number is kept');
  });

  test('an editor deletes a draft after confirming', async () => {
    const ed = await principalOf('jy-editor');
    const d = await t.services.publications.createDraft(ed, { userId: ed.userId, name: ed.username, ip: null }, 'HS-JYJ', { title: '待删除的草稿', kind: 'news' });
    const confirm = await b.editor.submit(`/admin/publications/${d.id}`, `/admin/publications/${d.id}/delete`, {});
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /确认删除草稿/);
    const done = await b.editor.submit(`/admin/publications/${d.id}`, `/admin/publications/${d.id}/delete`, { confirm: '1' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/admin/publications?done=deleted');
    assert.equal((await b.editor.get(`/admin/publications/${d.id}`)).statusCode, 404);
  });

  test('the dashboard shows late items and documents without an interpretation to the approver and the authority', async () => {
    // Written 2026-01-05, published 2026-03-02: far beyond 20 working days.
    const late = await submitted('衡水市教育系统安全生产专项整治方案', { writtenOn: '2026-01-05' });
    await approve(late);
    const list = await b.approver.get('/admin/publications?late=1');
    assert.match(text(list.body), /衡水市教育系统安全生产专项整治方案 .* 个工作日 超期/);
    assert.doesNotMatch(list.body, /衡水市中小学校课后服务管理办法/, 'items on time are filtered out');

    for (const who of ['approver', 'authority']) {
      const home = text((await b[who].get('/admin')).body);
      assert.match(home, /超期发布的信息\s*（共 1 条）.*衡水市教育系统安全生产专项整治方案/, who);
      assert.match(home, /缺少政策解读的文件\s*（共 1 条）.*衡水市中小学校课后服务管理办法/, who);
    }
    const editorHome = text((await b.editor.get('/admin')).body);
    assert.doesNotMatch(editorHome, /超期发布的信息/, 'editors see their own tasks only');
    const missing = await b.authority.get('/admin/publications?missing=1');
    assert.match(missing.body, /衡水市中小学校课后服务管理办法/);
    assert.doesNotMatch(missing.body, /衡水市教育系统安全生产专项整治方案/);
  });

  test('an agency\'s index-number pattern is checked when it is saved', async () => {
    const res = await b.admin.submit('/admin/agencies/HS-JYJ', '/admin/agencies/HS-JYJ', { indexPattern: '{prefix}-{serial:4}' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-indexPattern-error">索引号格式须包含年份 \{year\}/);
    assert.equal((await t.services.agencies.requireByCode('HS-JYJ')).indexPattern, '{prefix}/{year}-{serial:5}');
  });
});
