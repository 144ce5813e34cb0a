import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, Browser, buildTestApp, signedInBrowsers, type TestApp } from '../../../test/helpers/app.ts';
import { importCases } from '../../../test/helpers/applications.ts';
import { educationBureau2025 } from './test-fixtures.ts';

/** Visible text of an HTML fragment (tags removed, whitespace collapsed). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
const NOW = '2026-03-02T02:00:00.000Z'; // 10:00 in Beijing: the 2025 reports of departments are overdue (31 January), the government's not yet (31 March)


/** The numbers of one row of table 三 on a page, by the start of its label. */
function table3Row(html: string, label: string): number[] {
  const $ = cheerio.load(html);
  const row = $('table.report-table3 tbody tr')
    .filter((_i, tr) => $(tr).find('th').text().trim().startsWith(label))
    .first();
  assert.ok(row.length, `table 三 has a row ${label}`);
  return row
    .find('td')
    .map((_i, td) => Number($(td).text().trim()))
    .get();
}

/** The Shanghai 2019 report of the spec (annual-report.md), as the JSON of `report check`. */
function shanghai2019Json() {
  const z = [0, 0, 0, 0, 0, 0, 0];
  return {
    format: '2019',
    agency: 'SH-GOV-OFFICE',
    year: 2019,
    scope: 'agency',
    table2: { rules: [13, 13, 524], normativeDocuments: [60, 60, 368], permits: [0, 0, 0], otherServices: [0, 0, 0], penalties: [0, 0, 0], enforcement: [0, 0, 0], fees: [0, 0], procurement: [6, 25.1] },
    table3: {
      rows: {
        received: [821, 35, 0, 0, 2, 1, 859],
        carriedOver: [18, 0, 0, 0, 0, 0, 18],
        disclose: [258, 12, 0, 0, 1, 1, 272],
        partial: [3, 0, 0, 0, 0, 0, 3],
        'withhold.stateSecret': [14, 0, 0, 0, 0, 0, 14],
        'withhold.internal': [5, 0, 0, 0, 0, 0, 5],
        'withhold.process': [3, 1, 0, 0, 0, 0, 4],
        'withhold.adminQuery': [10, 2, 0, 0, 0, 0, 12],
        'unable.notHeld': [252, 12, 0, 0, 1, 0, 265],
        'unable.needsCreation': [44, 3, 0, 0, 0, 0, 47],
        'unable.stillUnclear': [25, 0, 0, 0, 0, 0, 25],
        'decline.petition': [148, 1, 0, 0, 0, 0, 149],
        'decline.repeat': [5, 4, 0, 0, 0, 0, 9],
        other: z,
        total: [767, 35, 0, 0, 2, 1, 805],
        carriedForward: [72, 0, 0, 0, 0, 0, 72],
      },
    },
    table4: { reconsideration: [5, 0, 0, 2, 7], litigationDirect: [8, 0, 0, 1, 9], litigationAfterReconsideration: [0, 0, 0, 0, 0] },
  };
}

describeEachDialect('back office: annual reports', (dialect) => {
  let t: TestApp;
  const b: Record<string, Browser> = {};

  before(async () => {
    t = await buildTestApp(dialect, { now: NOW });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    Object.assign(b, await signedInBrowsers(t, { editor: [['editor', 'HS-JYJ']], other: [['editor', 'HS-CZJ']], authority: [['authority', 'HS']] }));
    await importCases(t.services, t.db.db, educationBureau2025());
  });
  after(() => t.dispose());

  test('the year’s reports: every agency in sight with its due date and status; departments past 31 January are overdue', async () => {
    const res = await b.authority.get('/admin/reports?year=2025');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    const rows = $('table.report-list tbody tr')
      .map((_i, tr) => text($(tr).html() ?? '').trim())
      .get();
    assert.equal(rows.length, 3);
    assert.match(rows.find((r) => r.includes('衡水市人民政府'))!, /汇总.*2026-03-31.*未编制/);
    assert.doesNotMatch(rows.find((r) => r.includes('衡水市人民政府'))!, /已逾期/, 'the government’s report is due on 31 March');
    assert.match(rows.find((r) => r.includes('衡水市教育局'))!, /本单位.*2026-01-31.*未编制.*已逾期/);
    assert.ok($('a[href="/admin/reports/HS-JYJ/2025"]').length, 'a link to the agency’s report');
    // Default year: the year before today's; an editor sees only their own agency.
    const mine = await b.editor.get('/admin/reports');
    assert.match(text(mine.body), /2025年度报告进度/);
    assert.equal(cheerio.load(mine.body)('table.report-list tbody tr').length, 1);
    // The authority's home page counts the overdue reports.
    const home = text((await b.authority.get('/admin')).body);
    assert.match(home, /2025年度报告公开情况 逾期未公开的单位 2 个 尚未公开的单位 3 个/);
  });

  test('the draft shows table 三 compiled from the cases, every balance check passing, and texts with the same figures', async () => {
    const res = await b.editor.get('/admin/reports/HS-JYJ/2025');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.deepEqual(table3Row(html, '一、本年新收'), [3, 1, 0, 0, 0, 0, 4]);
    assert.deepEqual(table3Row(html, '二、上年结转'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(table3Row(html, '（一）予以公开'), [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(table3Row(html, '（二）部分公开'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(table3Row(html, '1.本机关不掌握'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(table3Row(html, '（七）总计'), [3, 1, 0, 0, 0, 0, 4]);
    assert.deepEqual(table3Row(html, '四、结转下年度'), [1, 0, 0, 0, 0, 0, 1]);
    const page = text(html);
    assert.match(page, /全部 \d+ 项勾稽关系检查均已通过/);
    assert.match(page, /全年新收政府信息公开申请4件，上年结转1件，办结4件，其中予以公开2件、部分公开1件，结转下年度继续办理1件/);
    assert.match(page, /本年度未收取信息处理费/);
    assert.ok(cheerio.load(html)('figure.report-chart img[src^="data:image/svg+xml;base64,"]').length >= 1, 'charts as images');
    // The same numbers as JSON.
    const json = await b.editor.get('/admin/reports/HS-JYJ/2025.json');
    assert.equal(json.statusCode, 200);
    assert.match(json.headers['content-type'] as string, /application\/json/);
    assert.deepEqual(JSON.parse(json.body).table3.rows.received, [3, 1, 0, 0, 0, 0, 4]);
    const xlsx = await b.editor.get('/admin/reports/HS-JYJ/2025.xlsx');
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  test('the roll-up of the government compares every agency', async () => {
    const res = await b.authority.get('/admin/reports/HS/2025?sort=received');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(table3Row(res.body, '一、本年新收'), [3, 1, 0, 0, 0, 0, 4]);
    const $ = cheerio.load(res.body);
    const first = $('table.comparison-table tbody tr').first();
    assert.equal(first.find('th').text(), '衡水市教育局', 'sorted by new applications, largest first');
    assert.equal(first.find('td').first().text(), '4');
    assert.equal($('table.comparison-table tbody tr').length, 3);
  });

  test('texts: an unknown placeholder comes back with the message and the text as typed; a good one is saved and previewed', async () => {
    const typed = '本年共收到申请{table3.received.total}件，其中{table3.nosuch.total}件另行说明。';
    const res = await b.editor.submit('/admin/reports/HS-JYJ/2025/texts', '/admin/reports/HS-JYJ/2025/texts?scope=agency', { overview: typed, problems: '无。', other: '' });
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /无法识别的数据名称：\{table3\.nosuch\.total\}/);
    const $ = cheerio.load(res.body);
    assert.equal($('textarea[name=overview]').text(), typed, 'the text is kept as typed');
    assert.ok($('code').filter((_i, c) => $(c).text() === '{table3.received.total}').length, 'the placeholders are listed as help');

    const ok = await b.editor.submit('/admin/reports/HS-JYJ/2025/texts', '/admin/reports/HS-JYJ/2025/texts?scope=agency', { overview: '本年共收到申请{table3.received.total}件。', problems: '无。', other: '' });
    assert.equal(ok.statusCode, 303);
    const after = text((await b.editor.get(ok.headers.location as string)).body);
    assert.match(after, /报告正文已保存/);
    assert.match(after, /预览.*本年共收到申请4件。/);
  });

  test('figures: entered with their source they appear in table 二 and in the list of sources; without a source, or a bad CSV line, nothing is saved', async () => {
    const form = '/admin/reports/HS-JYJ/2025/figures';
    const bad = await b.editor.submit(form, `${form}?scope=agency`, { 'value.permits.decisions': '12', 'source.permits.decisions': '' });
    assert.equal(bad.statusCode, 400);
    assert.match(text(bad.body), /请填写数据来源/);
    assert.equal(cheerio.load(bad.body)('input[name="value.permits.decisions"]').attr('value'), '12');

    const ok = await b.editor.submit(form, `${form}?scope=agency`, { 'value.permits.decisions': '12', 'source.permits.decisions': '衡水市行政审批系统' });
    assert.equal(ok.statusCode, 303);

    const csvBad = await b.editor.submit(form, `${form}?scope=agency`, { csv: 'key,value,source\npenalties.decisions,5,执法平台\nenforcement.decisions,-1,执法平台' });
    assert.equal(csvBad.statusCode, 400);
    assert.match(text(csvBad.body), /第 3 行（enforcement\.decisions）：请填写不小于 0 的数值/);
    const csvOk = await b.editor.submit(form, `${form}?scope=agency`, { csv: 'penalties.decisions,5,行政执法信息平台\nfees.amount,1.25,财政非税收入系统' });
    assert.equal(csvOk.statusCode, 303);

    const $ = cheerio.load((await b.editor.get('/admin/reports/HS-JYJ/2025')).body);
    const cell = (row: string) => $('table.report-table tbody tr').filter((_i, tr) => $(tr).find('th').text() === row).find('td').first().text();
    assert.equal(cell('行政许可'), '12');
    assert.equal(cell('行政处罚'), '5');
    assert.equal(cell('行政强制'), '0', 'the refused CSV saved nothing');
    assert.equal(cell('行政事业性收费'), '1.25');
    const sources = text($('.report-figures').html() ?? '');
    assert.match(sources, /行政许可 本年处理决定数量 12 衡水市行政审批系统/);
  });

  test('format: a preview in another format, then kept; a year before 2019 shows the 2007 regulation’s statistics', async () => {
    const preview = await b.authority.get('/admin/reports/HS-CZJ/2025?format=2019');
    assert.equal(preview.statusCode, 200);
    assert.match(text(preview.body), /正在预览“2019年试行版/);
    assert.match(text(preview.body), /政府集中采购/);
    const saved = await b.authority.submit('/admin/reports/HS-CZJ/2025?format=2019', '/admin/reports/HS-CZJ/2025/format?scope=agency', { format: '2019' });
    assert.equal(saved.statusCode, 303);
    const page = text((await b.authority.get(saved.headers.location as string)).body);
    assert.match(page, /报告格式已更改/);
    assert.match(page, /报告格式 2019年试行版/);
    assert.doesNotMatch(page, /正在预览/);

    const legacy = await b.editor.get('/admin/reports/HS-JYJ/2017');
    assert.equal(legacy.statusCode, 200);
    assert.match(text(legacy.body), /一、概述.*受理申请数 件 0.*六、存在的主要问题和改进措施/);
    assert.equal((await b.editor.get('/admin/reports/HS-JYJ/2031')).statusCode, 400, 'a year in the future');
  });

  test('permissions: another agency’s editor gets “not found”; an editor cannot approve', async () => {
    assert.equal((await b.other.get('/admin/reports/HS-JYJ/2025')).statusCode, 404);
    assert.equal((await b.other.get('/admin/reports/HS-JYJ/2025.json')).statusCode, 404);
    assert.equal((await b.other.get('/admin/reports/HS-JYJ/2025/texts')).statusCode, 404);
    const own = await b.other.get('/admin/reports/HS-CZJ/2025');
    const token = /name="_csrf" value="([^"]+)"/.exec(own.body)![1]!;
    assert.equal((await b.other.post('/admin/reports/HS-JYJ/2025/texts', { _csrf: token, overview: 'x' })).statusCode, 404);
    assert.equal((await b.other.post('/admin/reports/HS-JYJ/2025/submit', { _csrf: token })).statusCode, 404);
    const mine = await b.editor.get('/admin/reports/HS-JYJ/2025');
    const mineToken = /name="_csrf" value="([^"]+)"/.exec(mine.body)![1]!;
    assert.equal((await b.editor.post('/admin/reports/HS-JYJ/2025/approve', { _csrf: mineToken })).statusCode, 403);
  });

  test('check: the Shanghai 2019 report passes; with one number changed the failing checks name their cells', async () => {
    const good = await b.editor.submit('/admin/reports/check', '/admin/reports/check', { json: JSON.stringify(shanghai2019Json()) });
    assert.equal(good.statusCode, 200);
    assert.match(text(good.body), /SH-GOV-OFFICE 2019年度.*全部通过/);
    assert.match(text(good.body), /全部 \d+ 项勾稽关系检查均已通过/);

    const broken = shanghai2019Json();
    broken.table3.rows.disclose = [275, 12, 0, 0, 1, 1, 289]; // the narrative's "258" became the table's 275
    const res = await b.editor.submit('/admin/reports/check', '/admin/reports/check', { json: JSON.stringify([broken]) });
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    const failed = $('tr.check-failed')
      .map((_i, tr) => text($(tr).html() ?? '').trim())
      .get();
    assert.ok(failed.some((r) => /表三各列：三（七）总计 = 各项办理结果之和 .*表三 （七）总计 自然人.*表三 （一）予以公开 自然人.* 767 784 未通过/.test(r)), failed.join('\n'));
    assert.ok(failed.some((r) => /表三各列：一（本年新收）.*表三 （七）总计 总计/.test(r)) === false, 'the column balance itself still holds');
    assert.match(text(res.body), /2 项未通过/);

    const invalid = await b.editor.submit('/admin/reports/check', '/admin/reports/check', { json: JSON.stringify({ ...shanghai2019Json(), table3: { rows: { received: [1, 2, 3] } } }) });
    assert.equal(invalid.statusCode, 400);
    assert.match(text(invalid.body), /table3\.rows\.received ：应为 7 个数字/);
    const notJson = await b.editor.submit('/admin/reports/check', '/admin/reports/check', { json: '{"format":' });
    assert.equal(notJson.statusCode, 400);
    assert.match(text(notJson.body), /不是有效的 JSON/);
  });
});
