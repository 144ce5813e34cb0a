import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, addAgency, addUser, asPrincipal, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { naturalApplication, residentId } from '../../../test/helpers/applications.ts';
import type { Principal } from '../agencies/index.ts';
import { computeDeadline } from './deadline.ts';

/** Visible text of an HTML fragment (tags removed, whitespace collapsed). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
const TODAY = '2026-03-02';
const NOW = '2026-03-02T02:00:00.000Z'; // 10:00 in Beijing, a Monday

describeEachDialect('back office: the applications workbench', (dialect) => {
  let t: TestApp;
  const b: Record<string, Browser> = {};
  const p: Record<string, Principal> = {};
  let serial = 100;
  const online = async (agency: string, name = '张三') => t.services.applications.submitOnline(agency, naturalApplication({ serial: serial++, name, description: `第${serial}号：请公开本机关${serial}号文件全文及其附件` }), { ip: null });
  const act = (who: string, id: string, input: object) => t.services.applications.act(p[who], actorOf(p[who]), id, input);
  const casePage = async (who: string, id: string) => (await b[who].get(`/admin/applications/${id}`)).body;
  const post = (who: string, id: string, action: string, fields: Record<string, string>) => b[who].submit(`/admin/applications/${id}`, `/admin/applications/${id}/actions/${action}`, fields);

  before(async () => {
    t = await buildTestApp(dialect, { now: NOW });
    await addAgency(t.services, 'CITY', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'EDU', '衡水市教育局', { parent: 'CITY', shortName: '衡教' });
    await addAgency(t.services, 'ENV', '衡水市生态环境局', { parent: 'CITY' });
    await addAgency(t.services, 'TAX', '衡水市税务局', { parent: 'CITY' });
    const users: [string, [any, string | null][]][] = [
      ['handler', [['handler', 'EDU']]],
      ['approver', [['approver', 'EDU']]],
      ['other', [['handler', 'ENV']]],
      ['editor', [['editor', 'EDU']]],
      ['authority', [['authority', 'CITY']]],
      ['inspector', [['inspector', 'CITY']]],
      ['tax', [['handler', 'TAX']]],
    ];
    for (const [name, grants] of users) {
      p[name] = asPrincipal(await addUser(t.services, `${name}1`, grants));
      b[name] = new Browser(t.app);
      await b[name].signIn(`${name}1`);
    }
  });
  after(() => t.dispose());

  test('queue: overdue, due soon and paused cases in that order, each with its word and colour; the authority sees counts per agency', async () => {
    const cal = await t.services.calendar.current();
    const dueSoonUntil = cal.addWorkingDays(TODAY, 3).date;
    // A day of receipt whose 20-working-day deadline falls within the next 3 working days.
    let soonOn = '';
    for (let d = new Date('2026-01-20T00:00:00Z'); !soonOn; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      const due = cal.addWorkingDays(day, 20).date;
      if (due >= TODAY && due <= dueSoonUntil && day < TODAY) soonOn = day;
    }
    try {
      t.clock.set('2026-01-05T02:00:00.000Z');
      const overdue = await online('TAX', '赵一');
      t.clock.set(`${soonOn}T02:00:00.000Z`);
      const soon = await online('TAX', '钱二');
      t.clock.set(NOW);
      const paused = await online('TAX', '孙三');
      await act('tax', paused.id, { action: 'startConsultation', on: TODAY, party: 'thirdParty', with: '某企业' });

      const res = await b.tax.get('/admin/applications');
      assert.equal(res.statusCode, 200);
      const html = res.body;
      const pos = [overdue, soon, paused].map((c) => html.indexOf(c.trackingCode));
      assert.ok(pos.every((x) => x > 0), 'all three listed');
      assert.ok(pos[0] < pos[1] && pos[1] < pos[2], 'overdue first, then due soon, then the paused one');
      const rowOf = (code: string) => html.slice(html.indexOf(code), html.indexOf('</tr>', html.indexOf(code)));
      assert.match(rowOf(overdue.trackingCode), /class="badge badge-late urgency-overdue">已超期</);
      assert.match(text(rowOf(overdue.trackingCode)), /已超期\d+个工作日/);
      assert.match(rowOf(soon.trackingCode), /class="badge status-submitted urgency-dueSoon">即将到期</);
      assert.match(rowOf(paused.trackingCode), /class="badge urgency-paused">计时暂停</);
      assert.match(text(rowOf(paused.trackingCode)), /征求意见中/);
      assert.ok(!html.includes('f-filter-agency') && !html.includes('id="filter-agency"'), 'one agency: no agency filter');
      assert.match(html, /href="\/admin\/applications\/new"/, 'handlers may register');

      // Filters are shareable GET links.
      const only = await b.tax.get('/admin/applications?urgency=overdue');
      assert.ok(only.body.includes(overdue.trackingCode) && !only.body.includes(soon.trackingCode));

      const sup = await b.authority.get('/admin/applications');
      assert.equal(sup.statusCode, 200);
      const summary = sup.body.slice(sup.body.indexOf('id="q-summary"'), sup.body.indexOf('</table>', sup.body.indexOf('id="q-summary"')));
      const taxRow = summary.slice(summary.indexOf('衡水市税务局') - 200, summary.indexOf('</tr>', summary.indexOf('衡水市税务局')));
      assert.match(taxRow, /href="\/admin\/applications\?agency=TAX"/);
      assert.deepEqual([...text(taxRow).matchAll(/\d+/g)].map((m) => m[0]), ['3', '1', '1'], 'open 3, due soon 1, overdue 1');
      assert.ok(!sup.body.includes('href="/admin/applications/new"'), 'the authority does not register');
      const filtered = await b.authority.get('/admin/applications?agency=TAX');
      assert.ok(filtered.body.includes(overdue.trackingCode));
      assert.ok(text(filtered.body).includes('衡水市税务局'));

      // The back-office home says the same at a glance, with links to the filtered queue.
      const home = text((await b.tax.get('/admin')).body);
      assert.match(home, /依申请公开 已超过答复期限 共 1 条 3个工作日内到期 共 1 条 全部待办申请 共 3 条/);
    } finally {
      t.clock.set(NOW);
    }
  });

  test('a posted letter is registered with its code and password shown once; receipt is confirmed; the deadline starts', async () => {
    const form = {
      agency: 'EDU', channel: 'post', on: '2026-02-27', ref: '衡教收〔2026〕8号',
      'applicant.type': 'natural', 'applicant.name': '周五', 'applicant.idType': 'residentId', 'applicant.idNumber': residentId(51),
      'applicant.phone': '13900001111', 'applicant.email': '', 'applicant.address': '河北省衡水市桃城区中华大街5号', 'applicant.postcode': '053000',
      'applicant.creditCode': '', 'applicant.legalRepresentative': '', 'applicant.contactPerson': '',
      description: '请公开2026年全市中小学教师招聘计划', form: 'paper', delivery: 'post',
    };
    const bad = await b.handler.submit('/admin/applications/new', '/admin/applications/new', { ...form, 'applicant.name': '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="error-summary"/);
    assert.match(text(bad.body), /姓名或名称：此项为必填项/);
    assert.match(bad.body, /value="13900001111"/, 'what was typed is kept');

    const res = await b.handler.submit('/admin/applications/new', '/admin/applications/new', form);
    assert.equal(res.statusCode, 201);
    const code = /(YS2026[A-Z2-9]{8})/.exec(res.body)?.[1];
    const password = /查询密码<\/dt><dd><strong>([A-Z2-9]{10})</.exec(res.body)?.[1];
    assert.ok(code && password, 'the code and the password are shown');
    const id = await t.services.applications.openForApplicant(code, password);
    assert.ok(id, 'the password shown opens the case');

    let page = await casePage('handler', id);
    assert.match(text(page), /待确认收到/);
    assert.match(text(page), /衡教收〔2026〕8号/);
    assert.match(page, /id="act-confirmReceipt"/);
    const done = await post('handler', id, 'confirmReceipt', { on: TODAY });
    assert.equal(done.statusCode, 303);
    page = await casePage('handler', id);
    const due = (await t.services.calendar.current()).addWorkingDays(TODAY, 20).date;
    assert.match(text(page), /办理中/);
    assert.ok(text(page).includes(`答复期限：${due}`), 'the deadline is explained');
    assert.ok(!page.includes('id="act-confirmReceipt"'), 'receipt is confirmed once');
    // A case number is unique within the agency.
    const again = await b.handler.submit('/admin/applications/new', '/admin/applications/new', form);
    assert.equal(again.statusCode, 400);
    assert.match(text(again.body), /本机关已有编号为衡教收〔2026〕8号的申请/);
  });

  test('the life of a case through the forms: correction, consultation, extension by the approver, a refused then accepted answer, letters, delivery', async () => {
    const cal = await t.services.calendar.current();
    // Received on Monday 2 February (the online form is the receipt); the steps are recorded with their own dates.
    t.clock.set('2026-02-02T02:00:00.000Z');
    const c = await online('EDU', '吴六');
    t.clock.set(NOW);
    const id = c.id;
    const R = '2026-02-02';
    const correction = { requestedOn: '2026-02-03', correctedOn: '2026-02-05' };

    let res = await post('handler', id, 'requestCorrection', { on: '2026-02-03', until: '2026-02-13', what: '请说明所需招生方案的年份' });
    assert.equal(res.statusCode, 303);
    let page = (await b.handler.get(String(res.headers.location))).body;
    assert.match(text(page), /已办理：告知补正/);
    assert.match(text(page), /已生成补正告知书 衡教依申〔2026〕\d+号/);
    assert.match(text(page), /待补正/);
    assert.match(text(page), /需补正：请说明所需招生方案的年份；补正期限2026-02-13/);

    res = await post('handler', id, 'recordCorrection', { on: '2026-02-05', text: '需要2025年的方案' });
    assert.equal(res.statusCode, 303);
    const restarted = computeDeadline(cal, { receivedOn: R, correction, pauses: [], asOf: TODAY }).dueOn!;
    assert.ok(text(await casePage('handler', id)).includes(`答复期限：${restarted}`), 'the correction restarted the count');

    res = await post('handler', id, 'startConsultation', { on: '2026-02-05', party: 'thirdParty', with: '某培训学校' });
    assert.equal(res.statusCode, 303);
    page = (await b.handler.get(String(res.headers.location))).body;
    assert.match(text(page), /已生成第三方意见征询函/);
    assert.match(text(page), /征求意见中/);
    res = await post('handler', id, 'endConsultation', { on: '2026-02-12', result: 'objected' });
    assert.equal(res.statusCode, 303);
    const pauses = [{ kind: 'thirdParty' as const, from: '2026-02-05', to: '2026-02-12' }];
    const moved = computeDeadline(cal, { receivedOn: R, correction, pauses, asOf: TODAY }).dueOn!;
    assert.ok(moved > restarted, 'the consultation moved the due date');
    page = await casePage('handler', id);
    assert.ok(text(page).includes(`答复期限：${moved}`));
    assert.match(text(page), /征求第三方意见 2026-02-05 至 2026-02-12：5个工作日不计算在答复期限内/);
    assert.match(text(page), /第三方：某培训学校/);
    assert.match(text(page), /不同意公开/);

    res = await post('handler', id, 'requestExtension', { on: '2026-02-26', days: '10', reason: '第三方意见需进一步核实' });
    assert.equal(res.statusCode, 303);
    page = await casePage('handler', id);
    assert.ok(!page.includes('id="act-approveExtension"'), 'the handler is not offered approval');
    const denied = await post('handler', id, 'approveExtension', { on: '2026-02-27' });
    assert.equal(denied.statusCode, 403, 'the handler cannot approve');
    const approverPage = await casePage('approver', id);
    assert.match(approverPage, /id="act-approveExtension"/);
    res = await post('approver', id, 'approveExtension', { on: '2026-02-27' });
    assert.equal(res.statusCode, 303);
    page = (await b.approver.get(String(res.headers.location))).body;
    assert.match(text(page), /已生成延期答复告知书 衡教依申〔2026〕\d+号/);
    const extended = computeDeadline(cal, { receivedOn: R, correction, pauses, extensionDays: 10, asOf: TODAY }).dueOn!;
    assert.ok(text(page).includes(`答复期限：${extended}`));
    assert.match(text(page), /延长答复期限：10个工作日/);

    // Withheld without reasons: refused, shown next to the form, the choice kept.
    res = await post('handler', id, 'answer', { on: TODAY, outcome: 'withhold.thirdParty', detail: '', reasons: '', rightAgency: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="error-summary"/);
    const answerForm = res.body.slice(res.body.indexOf('id="act-answer"'));
    assert.match(text(answerForm), /请写明不予公开、部分公开、无法提供或不予处理的理由/);
    assert.match(answerForm, /<option value="withhold.thirdParty" selected/);

    res = await b.handler.submitMultipart(`/admin/applications/${id}`, `/admin/applications/${id}/actions/answer`, { on: TODAY, outcome: 'withhold.thirdParty', detail: '', reasons: '第三方书面反对公开，涉及其商业秘密', rightAgency: '' }, [
      { field: 'files', filename: '第三方意见书.pdf', content: new TextEncoder().encode('%PDF-1.4 test'), type: 'application/pdf' },
    ]);
    assert.equal(res.statusCode, 303);
    page = (await b.handler.get(String(res.headers.location))).body;
    const answerNo = /已生成答复告知书 (衡教依申〔2026〕\d+号)/.exec(text(page))?.[1];
    assert.ok(answerNo, 'the answer letter is announced');
    assert.match(text(page), /已答复/);
    const letters = page.slice(page.indexOf('id="c-letters"'), page.indexOf('</table>', page.indexOf('id="c-letters"')));
    assert.equal((letters.match(/衡教依申〔2026〕/g) ?? []).length, 4, 'correction, consultation, extension and answer letters listed');
    const letterHref = new RegExp(`href="(/admin/applications/${id}/letters/[^"]+)">${answerNo}<`).exec(letters)?.[1];
    assert.ok(letterHref);
    const letter = await b.handler.get(letterHref);
    assert.equal(letter.statusCode, 200);
    assert.match(text(letter.body), /政府信息公开申请答复告知书/);
    assert.match(text(letter.body), /商业秘密/);

    const fileHref = /href="(\/admin\/applications\/[^"]+\/files\/[^"]+)">第三方意见书.pdf</.exec(page)?.[1];
    assert.ok(fileHref, 'the released file is listed');
    const file = await b.handler.get(fileHref);
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, '%PDF-1.4 test');
    assert.match(String(file.headers['content-disposition']), /filename\*=UTF-8''%E7%AC%AC/);

    res = await post('handler', id, 'recordDelivery', { on: TODAY, method: 'email', note: '' });
    assert.equal(res.statusCode, 303);
    page = await casePage('handler', id);
    assert.match(text(page), /送达答复 2026-03-02/);
    assert.match(text(page), /不予公开：保护第三方合法权益/);
    assert.ok(!page.includes('id="act-answer"'), 'one answer only');
  });

  test('a reconsideration is filed with its documents: staff see them, the applicant does not', async () => {
    const c = await online('EDU', '周九');
    await act('handler', c.id, { action: 'answer', on: TODAY, outcome: 'decline.petition', reasons: '属于信访事项' });
    const res = await b.handler.submitMultipart(`/admin/applications/${c.id}`, `/admin/applications/${c.id}/actions/fileProceeding`, { kind: 'reconsideration', body: '衡水市人民政府', filedOn: TODAY }, [
      { field: 'files', filename: '行政复议申请书.pdf', content: new TextEncoder().encode('%PDF-1.4 复议'), type: 'application/pdf' },
    ]);
    assert.equal(res.statusCode, 303);
    const page = text(await casePage('handler', c.id));
    assert.match(page, /行政复议申请书\.pdf （复议诉讼材料/);
    assert.match(page, /行政复议 衡水市人民政府/);
    const mine = await t.services.applications.applicantView(c.id);
    assert.deepEqual(mine.files.map((f) => f.name), [], 'proceeding documents stay with the agency');
  });

  test('the applicant is masked until a handler reveals them; the reveal is in the audit log', async () => {
    const c = await online('EDU', '郑七');
    let page = await casePage('handler', c.id);
    assert.match(text(page), /郑\*/);
    assert.ok(!page.includes('13800001234'));
    const res = await b.handler.submit(`/admin/applications/${c.id}`, `/admin/applications/${c.id}/reveal`, {});
    assert.equal(res.statusCode, 200);
    assert.match(text(res.body), /郑七/);
    assert.ok(res.body.includes('13800001234'));
    const log = await t.services.audit.list({ agencyIds: 'all', action: 'application.revealApplicant', limit: 10, offset: 0 });
    assert.ok(log.rows.some((e) => e.targetId === c.id && e.actorName === 'handler1'));
    page = await casePage('handler', c.id);
    assert.ok(!page.includes('13800001234'), 'the next view is masked again');
    // The authority sees the case masked, with no reveal button and no actions.
    page = await casePage('authority', c.id);
    assert.match(text(page), /郑\*/);
    assert.ok(!page.includes('/reveal"'));
    assert.ok(!page.includes('id="c-actions"'));
  });

  test('in English every label of the queue, the register form and the case page comes from the catalog', async () => {
    const c = await online('EDU', '冯九');
    await act('handler', c.id, { action: 'startConsultation', on: TODAY, party: 'agency', with: '衡水市财政局' });
    for (const u of ['/admin/applications?lang=en', '/admin/applications/new?lang=en', `/admin/applications/${c.id}?lang=en`]) {
      const res = await b.handler.get(u);
      assert.equal(res.statusCode, 200, u);
      assert.match(res.body, /<html lang="en"/);
      const leaked = /\b(applicationsAdmin|applications|deadline)\.[a-zA-Z]+\.[a-zA-Z.]+/.exec(text(res.body));
      assert.equal(leaked, null, `no message key shows on ${u}`);
    }
    const page = text((await b.handler.get(`/admin/applications/${c.id}?lang=en`)).body);
    assert.match(page, /Start a consultation|End the consultation/);
    assert.match(page, /Paused/i);
  });

  test('denial: every route refuses the signed-out, a handler of another agency, an editor of the same agency; inspectors see but cannot act', async () => {
    const c = await online('EDU', '王八');
    await act('handler', c.id, { action: 'requestCorrection', on: TODAY, until: '2026-03-17', what: '请补充' });
    const v = await t.services.applications.view(p.handler, c.id);
    const letterId = v.letters[0].id;
    await t.services.applications.act(p.handler, actorOf(p.handler), c.id, { action: 'recordCorrection', on: TODAY }, [{ name: '补正材料.pdf', bytes: new TextEncoder().encode('%PDF-1.4 补正') }]);
    const fileId = (await t.services.applications.view(p.handler, c.id)).files[0].id;
    const base = `/admin/applications/${c.id}`;
    const actions = ['confirmReceipt', 'requestCorrection', 'recordCorrection', 'startConsultation', 'endConsultation', 'requestExtension', 'approveExtension', 'refuseExtension', 'notifyFee', 'recordPayment', 'answer', 'recordDelivery', 'withdraw', 'assign', 'note', 'fileProceeding', 'decideProceeding'];
    const gets = ['/admin/applications', '/admin/applications/new', base, `${base}/files/${fileId}`, `${base}/letters/${letterId}`];
    const posts = ['/admin/applications/new', `${base}/reveal`, ...actions.map((a) => `${base}/actions/${a}`)];
    const fields = { on: TODAY, text: '越权', agency: 'EDU', outcome: 'disclose' };
    const caseRoutes = (u: string) => u.startsWith(base);

    const anon = new Browser(t.app);
    for (const u of gets) {
      const res = await anon.get(u);
      assert.equal(res.statusCode, 303, `GET ${u} signed out`);
      assert.match(String(res.headers.location), /^\/admin\/sign-in\?next=/);
    }
    for (const u of posts) {
      const res = await anon.submit('/admin/sign-in', u, fields);
      assert.equal(res.statusCode, 303, `POST ${u} signed out`);
      assert.match(String(res.headers.location), /^\/admin\/sign-in\?next=/);
    }

    for (const who of ['other', 'editor']) {
      for (const u of gets) {
        const res = await b[who].get(u);
        if (caseRoutes(u)) assert.equal(res.statusCode, 404, `GET ${u} as ${who}`);
        else if (who === 'editor') assert.equal(res.statusCode, 403, `GET ${u} as ${who}`);
        else {
          assert.equal(res.statusCode, 200, `GET ${u} as ${who}: their own agency's page`);
          assert.ok(!res.body.includes(c.trackingCode) && !res.body.includes('衡水市教育局'), `GET ${u} as ${who} shows nothing of EDU`);
        }
      }
      for (const u of posts) {
        const res = await b[who].submit('/admin', u, fields);
        assert.equal(res.statusCode, caseRoutes(u) ? 404 : 403, `POST ${u} as ${who}`);
      }
    }

    // Inspectors (and the authority) see the case but every action and the reveal are refused.
    assert.equal((await b.inspector.get(base)).statusCode, 200);
    assert.ok(!(await casePage('inspector', c.id)).includes('id="c-actions"'));
    for (const u of posts.filter(caseRoutes)) {
      const res = await b.inspector.submit('/admin', u, fields);
      assert.equal(res.statusCode, 403, `POST ${u} as inspector`);
    }
    assert.equal((await b.inspector.submit('/admin', '/admin/applications/new', fields)).statusCode, 403);
    const events = await t.services.applications.view(p.handler, c.id);
    assert.deepEqual(events.events.map((e) => e.type), ['submitted', 'correctionRequested', 'corrected'], 'nothing was recorded by the refused requests');
  });
});
