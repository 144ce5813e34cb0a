import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, Browser, buildTestApp, signedInBrowsers, type TestApp } from '../../../test/helpers/app.ts';
import { importCases } from '../../../test/helpers/applications.ts';
import { educationBureau2025 } from './test-fixtures.ts';
import { sanitizeBody } from '../catalog/index.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
const NOW = '2026-01-20T02:00:00.000Z';


describeEachDialect('annual reports: submitted, approved, published in the catalog and on the portal', (dialect) => {
  let t: TestApp;
  const b: Record<string, Browser> = {};
  let visitor: Browser;

  before(async () => {
    t = await buildTestApp(dialect, { now: NOW });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    Object.assign(b, await signedInBrowsers(t, { editor: [['editor', 'HS-JYJ']], authority: [['authority', 'HS']] }));
    visitor = new Browser(t.app);
    await importCases(t.services, t.db.db, educationBureau2025());
  });
  after(() => t.dispose());

  test('before publication the public has nothing: the report is “not found”, the agency’s list is empty', async () => {
    assert.equal((await visitor.get('/reports/annual/HS-JYJ/2025')).statusCode, 404);
    assert.equal((await visitor.get('/reports/annual/HS-JYJ/2025.docx')).statusCode, 404);
    assert.equal((await visitor.get('/reports/annual/NOPE/2025')).statusCode, 404);
    const list = await visitor.get('/agencies/HS-JYJ/reports');
    assert.equal(list.statusCode, 200);
    assert.match(text(list.body), /暂无已公开的年度报告/);
  });

  test('editor submits, the authority approves: a catalog item with an index number, and the public page with tables, charts and files', async () => {
    const page = '/admin/reports/HS-JYJ/2025';
    const submitted = await b.editor.submit(page, `${page}/submit?scope=agency`, {});
    assert.equal(submitted.statusCode, 303);
    assert.match(text((await b.editor.get(submitted.headers.location as string)).body), /待审核.*年度报告已提交审核/);
    // The editor cannot approve; the authority sees the approve form and uses it.
    assert.doesNotMatch((await b.editor.get(page)).body, /审核通过并公开/);
    // Returned without a reason: refused with the message; with one: a draft again, submitted once more.
    const noReason = await b.authority.submit(page, `${page}/return?scope=agency`, { reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(text(noReason.body), /退回理由 \* 此项为必填项/);
    const returned = await b.authority.submit(page, `${page}/return?scope=agency`, { reason: '请补充第五部分。' });
    assert.equal(returned.statusCode, 303);
    assert.match(text((await b.editor.get(page)).body), /状态 草稿/);
    assert.equal((await b.editor.submit(page, `${page}/submit?scope=agency`, {})).statusCode, 303);
    // Approving twice is a conflict shown on the page, not an error page.
    const approved = await b.authority.submit(page, `${page}/approve?scope=agency`, {});
    assert.equal(approved.statusCode, 303);
    const after = await b.authority.get(approved.headers.location as string);
    assert.match(text(after.body), /年度报告已审核通过并公开/);
    const again = await b.authority.submit(page, `${page}/approve?scope=agency`, {});
    assert.equal(again.statusCode, 409);
    assert.match(text(again.body), /报告当前状态为“已公开”，尚未提交审核/);

    // The catalog has the report as a publication of kind annualReport with an index number.
    const pubs = await t.services.publications.publicList({ limit: 10, offset: 0 });
    const item = pubs.items.find((p) => p.kind === 'annualReport');
    assert.ok(item, 'an annualReport publication');
    assert.equal(item!.title, '衡水市教育局2025年政府信息公开工作年度报告');
    assert.ok(item!.indexNo, 'with an index number');
    // Its body keeps the sections and the tables through the sanitiser, and links to the report's page.
    const catalogPage = await visitor.get(`/xxgk/${item!.id}`);
    assert.equal(catalogPage.statusCode, 200);
    const $c = cheerio.load(catalogPage.body);
    const bodyText = text(catalogPage.body);
    assert.match(bodyText, /一、总体情况.*二、主动公开政府信息情况.*三、收到和处理政府信息公开申请情况.*四、政府信息公开行政复议、行政诉讼情况.*五、存在的主要问题及改进情况.*六、其他需要报告的事项/);
    const receivedRow = $c('tr').filter((_i, tr) => $c(tr).find('th').first().text().startsWith('一、本年新收')).first();
    assert.deepEqual(receivedRow.find('td').map((_i, td) => $c(td).text()).get(), ['3', '1', '0', '0', '0', '0', '4']);
    assert.ok($c('a[href="/reports/annual/HS-JYJ/2025"]').length, 'a link to the report page');

    // The public page.
    const res = await visitor.get('/reports/annual/HS-JYJ/2025');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('h1').text(), '衡水市教育局2025年政府信息公开工作年度报告');
    assert.match(text(res.body), new RegExp(`索引号：${item!.indexNo!.replace(/[/\\-]/g, '\\$&')}`));
    assert.ok($(`a[href="/xxgk/${item!.id}"]`).length, 'a link to the catalog item');
    assert.ok($('figure.report-chart img').length >= 1, 'charts');
    assert.ok($('a[href="/reports/annual/HS-JYJ/2025.docx"]').length && $('a[href="/reports/annual/HS-JYJ/2025.xlsx"]').length && $('a[href="/reports/annual/HS-JYJ/2025.json"]').length);
    const json = JSON.parse((await visitor.get('/reports/annual/HS-JYJ/2025.json')).body);
    assert.deepEqual(json.table3.rows.total, [3, 1, 0, 0, 0, 0, 4]);
    const docx = await visitor.get('/reports/annual/HS-JYJ/2025.docx');
    assert.equal(docx.statusCode, 200);
    assert.match(docx.headers['content-disposition'] as string, /filename\*=UTF-8''%E8%A1%A1/);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');

    // The agency's list.
    const list = await visitor.get('/agencies/HS-JYJ/reports');
    assert.ok(cheerio.load(list.body)('a[href="/reports/annual/HS-JYJ/2025"]').length);
    // The year's overview says published.
    assert.match(text((await b.authority.get('/admin/reports?year=2025')).body), /衡水市教育局 本单位 2026-01-31 已公开/);
  });

  test('the catalog body is plain HTML the sanitiser keeps whole (tables with their spans)', async () => {
    const report = await t.services.reports.published('HS-JYJ', 2025);
    const { reportCatalogBody } = await import('./views/catalog-body.ts');
    const body = reportCatalogBody(report);
    const clean = sanitizeBody(body).html;
    const count = (html: string, tag: string) => (html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
    for (const tag of ['table', 'tr', 'th', 'td', 'h2', 'caption']) assert.equal(count(clean, tag), count(body, tag), `every <${tag}> survives`);
    assert.match(clean, /<th colspan="7" scope="colgroup">申请人情况<\/th>/);
  });
});
