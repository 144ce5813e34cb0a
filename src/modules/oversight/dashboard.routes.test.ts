import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import ExcelJS from 'exceljs';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import type { Browser, TestApp } from '../../../test/helpers/app.ts';
import { buildDashboardFixture, dashboardBrowsers } from './dashboard-test-fixtures.ts';

/** Visible text (tags removed, whitespace collapsed). */
const text = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The rows of the overview table: agency code → { cell text by column, links by column }. */
function tableOf(html: string) {
  const $ = cheerio.load(html);
  const rows = $('table.dashboard-table tbody tr')
    .map((_i, tr) => {
      const cells: Record<string, string> = {};
      const links: Record<string, string | undefined> = {};
      $(tr)
        .find('td[data-col]')
        .each((_j, td) => {
          const col = $(td).attr('data-col')!;
          cells[col] = text($(td).text());
          links[col] = $(td).find('a').attr('href');
        });
      return { code: $(tr).attr('data-agency')!, name: text($(tr).find('th').text()), cells, links };
    })
    .get();
  return { $, rows, byCode: new Map(rows.map((r) => [r.code, r])) };
}

describeEachDialect('supervision dashboard: pages', (dialect) => {
  let t: TestApp;
  let b: Record<'authority' | 'inspector' | 'editor' | 'admin', Browser>;

  before(async () => {
    t = await buildDashboardFixture(dialect);
    b = await dashboardBrowsers(t);
  });
  after(() => t.dispose());

  test('the authority’s overview: the tree of its agencies with each figure linking to its records, and the totals', async () => {
    const res = await b.authority.get('/admin/oversight');
    assert.equal(res.statusCode, 200);
    const { $, rows, byCode } = tableOf(res.body);
    assert.deepEqual(rows.map((r) => r.code), ['HS', 'HS-JYJ', 'HS-CZJ', 'HS-TC', 'HS-TC-HP']);
    assert.match(text($('table.dashboard-table caption').text()), /2026年各单位政务公开情况（年度报告为2025年度），共5个单位/);
    const jyj = byCode.get('HS-JYJ')!;
    assert.match(jyj.name, /衡水市教育局/);
    assert.deepEqual(jyj.cells, {
      published: '3',
      onTimeShare: '66.7%',
      late: '1',
      missingInterpretation: '1',
      open: '3',
      dueSoon: '1',
      overdue: '1',
      answeredLate: '1',
      report: '未编制 已逾期',
      website: '未检查',
      rectifications: '0',
    });
    assert.equal(jyj.links.published, '/admin/publications?agency=HS-JYJ&status=published&year=2026');
    assert.equal(jyj.links.late, '/admin/publications?agency=HS-JYJ&status=published&late=1&year=2026');
    assert.equal(jyj.links.missingInterpretation, '/admin/publications?agency=HS-JYJ&missing=1');
    assert.equal(jyj.links.open, '/admin/applications?agency=HS-JYJ&only=1');
    assert.equal(jyj.links.dueSoon, '/admin/applications?agency=HS-JYJ&only=1&urgency=dueSoon');
    assert.equal(jyj.links.overdue, '/admin/applications?agency=HS-JYJ&only=1&urgency=overdue');
    assert.equal(jyj.links.report, '/admin/reports/HS-JYJ/2025');
    assert.equal(jyj.links.rectifications, undefined, 'a zero is not a link');
    const czj = byCode.get('HS-CZJ')!;
    assert.equal(czj.cells.website, '不合格 2026-03-12');
    assert.equal(czj.links.website, '/admin/monitor?agency=HS-CZJ');
    assert.equal(czj.links.rectifications, '/admin/monitor/rectifications?agency=HS-CZJ&only=1&status=unclosed');
    const rects = cheerio.load((await b.authority.get(czj.links.rectifications!)).body);
    assert.equal(rects('table tbody tr').length, 1, 'the list shows the one rectification the figure counts');
    assert.equal(czj.cells.onTimeShare, '100.0%');
    assert.equal(byCode.get('HS')!.cells.onTimeShare, '—');
    assert.equal(byCode.get('HS')!.cells.report, '未编制', 'the government’s report is due on 31 March');
    // The linked list shows what the figure counts.
    const late = await b.authority.get(jyj.links.late!);
    assert.equal(late.statusCode, 200);
    assert.match(late.body, /关于做好2026年春季学期开学工作的通知/);
    assert.doesNotMatch(late.body, /教育局2026年工作要点/);
    // Answered late this year: the agency's own closed cases answered after their due date in 2026 (not the 2025 one).
    assert.equal(jyj.links.answeredLate, '/admin/applications?agency=HS-JYJ&only=1&state=closed&late=2026');
    const answeredLate = cheerio.load((await b.authority.get(jyj.links.answeredLate!)).body);
    assert.equal(answeredLate('table.queue-table tbody tr').length, 1);
    const overdue = cheerio.load((await b.authority.get(jyj.links.overdue!)).body);
    assert.equal(overdue('table.queue-table tbody tr').length, 1);
    // Totals of the scope, linking to the lists without an agency filter.
    const foot = $('table.dashboard-table tfoot tr td');
    const tot = Object.fromEntries(foot.map((_i, td) => [[$(td).attr('data-col'), text($(td).text())]]).get() as [string, string][]);
    assert.deepEqual(tot, {
      published: '5',
      onTimeShare: '80.0%',
      late: '1',
      missingInterpretation: '1',
      open: '3',
      dueSoon: '1',
      overdue: '1',
      answeredLate: '1',
      report: '逾期2个，已公开0个',
      website: '不合格1个，已检查2个',
      rectifications: '1',
    });
    assert.match(text($('table.dashboard-table tfoot th').text()), /合计（5个单位）/);
    assert.equal($('tfoot td[data-col="overdue"] a').attr('href'), '/admin/applications?urgency=overdue');
    assert.equal($('tfoot td[data-col="report"] a').attr('href'), '/admin/reports?year=2025');
    // Rows with problems are marked in words, not only by colour.
    assert.match(jyj.name, /存在问题/);
    assert.doesNotMatch(byCode.get('HS-TC')!.name, /存在问题/);
  });

  test('the tree folds by links (no script needed); sorting by a column is flat and keeps the filters', async () => {
    const page = tableOf((await b.authority.get('/admin/oversight')).body);
    const toggle = page.$('tr[data-agency="HS-TC"] th a.tree-toggle');
    assert.equal(toggle.attr('aria-expanded'), 'true');
    const folded = await b.authority.get(toggle.attr('href')!.replace(/#.*$/, ''));
    const f = tableOf(folded.body);
    assert.deepEqual(f.rows.map((r) => r.code), ['HS', 'HS-JYJ', 'HS-CZJ', 'HS-TC'], 'the township below 桃城区 is hidden');
    assert.equal(f.$('tr[data-agency="HS-TC"] th a.tree-toggle').attr('aria-expanded'), 'false');
    assert.match(text(f.$('tfoot th').text()), /合计（5个单位）/, 'folding hides rows, not figures');

    const head = page.$('thead th a').filter((_i, a) => page.$(a).text().trim() === '已超期');
    assert.equal(head.attr('href'), '/admin/oversight?sort=overdue&dir=desc');
    const sorted = tableOf((await b.authority.get('/admin/oversight?sort=published&dir=desc')).body);
    assert.deepEqual(sorted.rows.slice(0, 2).map((r) => r.code), ['HS-JYJ', 'HS-CZJ']);
    assert.equal(sorted.$('tr[data-agency="HS-TC"] .tree-toggle').length, 0, 'flat when sorted');
    assert.equal(sorted.$('th[aria-sort="descending"] a').text().trim(), '本年发布');
    const byName = tableOf((await b.authority.get('/admin/oversight?sort=agency&dir=desc&kind=government')).body);
    assert.deepEqual(byName.rows.map((r) => r.code), ['HS-TC', 'HS'], 'only governments, names in reverse pinyin order (桃 táo after 衡 héng)');
    assert.equal(byName.$('input[name="sort"]').attr('value'), 'agency', 'the filter form keeps the order');
    assert.equal(byName.$('input[name="dir"]').attr('value'), 'desc');
    const problems = tableOf((await b.authority.get('/admin/oversight?problems=1')).body);
    assert.deepEqual(problems.rows.map((r) => r.code), ['HS-JYJ', 'HS-CZJ']);
    assert.match(text(problems.$('tfoot th').text()), /合计（2个单位）/);
    // Another year.
    const y2025 = tableOf((await b.authority.get('/admin/oversight?year=2025')).body);
    assert.equal(y2025.byCode.get('HS-JYJ')!.cells.published, '1');
    assert.equal(y2025.byCode.get('HS-JYJ')!.links.report, '/admin/reports/HS-JYJ/2024');
    assert.equal(y2025.$('a[href^="/admin/oversight.xlsx"]').attr('href'), '/admin/oversight.xlsx?year=2025');
  });

  test('the XLSX export holds the same table: numbers as numbers, a frozen header, the totals', async () => {
    const res = await b.authority.get('/admin/oversight.xlsx?sort=overdue&dir=desc');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell(1, 1).value, '2026年政务公开监督概览');
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 4), ['单位代码', '单位', '本年发布', '按时发布率']);
    assert.equal(header[10], '2025年度报告');
    assert.deepEqual(ws.views[0], { ...ws.views[0], state: 'frozen', xSplit: 2, ySplit: 2 });
    const row = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    assert.deepEqual(row(3).slice(0, 11), ['HS-JYJ', '衡水市教育局', 3, 2 / 3, 1, 1, 3, 1, 1, 1, '未编制（已逾期）'], 'the most overdue first, as sorted');
    assert.equal(ws.getCell(3, 4).numFmt, '0.0%');
    assert.equal(ws.rowCount, 2 + 5 + 1);
    const total = row(8);
    assert.equal(total[1], '合计（5个单位）');
    assert.deepEqual(total.slice(2, 10), [5, 4 / 5, 1, 1, 3, 1, 1, 1]);
    assert.equal(total[14], 1);
    const czj = [3, 4, 5, 6, 7].map(row).find((r) => r[0] === 'HS-CZJ')!;
    assert.equal(czj[12], '不合格');
    assert.equal(czj[14], 1);
    // Filters apply to the export too.
    const gov = new ExcelJS.Workbook();
    await gov.xlsx.load((await b.authority.get('/admin/oversight.xlsx?kind=government')).rawPayload as any);
    assert.deepEqual([3, 4].map((r) => gov.worksheets[0]!.getCell(r, 1).value), ['HS', 'HS-TC']);
    assert.equal(gov.worksheets[0]!.getCell(4, 2).alignment?.indent, 1, 'the tree’s depth as an indent');
  });

  test('weekly trends as SVG images whose alt text gives every week’s figures', async () => {
    const $ = cheerio.load((await b.authority.get('/admin/oversight')).body);
    const imgs = $('section.dashboard-trends figure img');
    assert.equal(imgs.length, 3);
    const alt = (key: string) => $(`figure[data-chart="${key}"] img`).attr('alt') ?? '';
    assert.match(alt('publications'), /^每周主动公开信息（2026-W01至2026-W12）：/);
    assert.match(alt('publications'), /2026-W09：发布2，超期发布0；/);
    assert.match(alt('publications'), /2026-W11：发布3，超期发布1；/);
    assert.match(alt('applications'), /2026-W02：新收申请2，超期答复0；/);
    assert.match(alt('applications'), /2026-W07：新收申请1，超期答复1；/);
    assert.match(alt('websites'), /2026-W10：检查不合格1；2026-W11：检查不合格1；2026-W12：检查不合格0$/);
    const src = $('figure[data-chart="publications"] img').attr('src')!;
    assert.match(src, /^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(src.split(',')[1]!, 'base64').toString('utf8');
    assert.match(svg, /^<svg role="img" aria-label="每周主动公开信息/);
    assert.match(svg, /<title>每周主动公开信息（2026-W01至2026-W12）<\/title>/);
    assert.match(svg, /W11/, 'the weeks on the axis');
    assert.doesNotMatch(svg, /<script/);
  });

  test('an agency user sees their own agency only; another agency’s dashboard is not found', async () => {
    const res = await b.editor.get('/admin/oversight?year=2025');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/oversight/agencies/HS-JYJ?year=2025');
    const page = await b.editor.get('/admin/oversight/agencies/HS-JYJ');
    assert.equal(page.statusCode, 200);
    const $ = cheerio.load(page.body);
    assert.equal(text($('h1').text()), '衡水市教育局工作情况');
    const value = (col: string) => text($(`tr[data-col="${col}"] td`).text());
    assert.equal(value('published'), '3');
    assert.equal(value('onTimeShare'), '66.7%');
    assert.equal(value('overdue'), '1');
    assert.equal($('tr[data-col="overdue"] td a').attr('href'), '/admin/applications?agency=HS-JYJ&only=1&urgency=overdue');
    assert.match(value('report'), /未编制 已逾期.*2026-01-31/);
    assert.match($('figure[data-chart="publications"] img').attr('alt')!, /2026-W11：发布3，超期发布1/);
    assert.equal((await b.editor.get('/admin/oversight/agencies/HS-CZJ')).statusCode, 404);
    assert.equal((await b.editor.get('/admin/oversight.xlsx')).statusCode, 403);
    // The inspector of 桃城区 sees its branch, not the city.
    const insp = tableOf((await b.inspector.get('/admin/oversight')).body);
    assert.deepEqual(insp.rows.map((r) => r.code), ['HS-TC', 'HS-TC-HP']);
    assert.equal((await b.inspector.get('/admin/oversight/agencies/HS-JYJ')).statusCode, 404);
    // The authority opens any agency below it, with links up and down the tree.
    const tc = cheerio.load((await b.authority.get('/admin/oversight/agencies/HS-TC')).body);
    assert.ok(tc('a[href="/admin/oversight/agencies/HS"]').length);
    assert.ok(tc('a[href="/admin/oversight/agencies/HS-TC-HP"]').length);
    assert.equal(text(tc('tr[data-col="website"] td').text()), '合格 2026-03-13');
    // An administrator sees every agency, the other city included.
    const all = tableOf((await b.admin.get('/admin/oversight')).body);
    assert.deepEqual(all.rows.map((r) => r.code), ['HS', 'HS-JYJ', 'HS-CZJ', 'HS-TC', 'HS-TC-HP', 'XT']);
    assert.equal(all.byCode.get('XT')!.cells.open, '1');
    // Signed out: the sign-in page.
    const anon = await t.app.inject({ method: 'GET', url: '/admin/oversight' });
    assert.notEqual(anon.statusCode, 200);
  });

  test('the back-office home: the office sees the failed website checks and the rectifications; an editor without any sees no panel', async () => {
    const $ = cheerio.load((await b.authority.get('/admin')).body);
    const panel = $('section[aria-labelledby="home-websites"]');
    assert.equal(text(panel.find('h2').text()), '网站监测与整改');
    const items = panel.find('li').map((_i, li) => text($(li).text())).get();
    assert.deepEqual(items, ['最近一次网站检查不合格的单位 1个（已检查2个）', '待整改任务 1项，其中逾期0项', '已回复、待下次检查核验的任务 0项']);
    assert.equal(panel.find('a').first().attr('href'), '/admin/oversight?sort=website');
    const open = cheerio.load((await b.authority.get(panel.find('a').eq(1).attr('href')!)).body);
    assert.equal(open('table tbody tr').length, 1, 'the link lists the open rectification');
    assert.equal(cheerio.load((await b.editor.get('/admin')).body)('section[aria-labelledby="home-websites"]').length, 0);
  });

  test('in English: the same page with English headings', async () => {
    const res = await b.authority.get('/admin/oversight?lang=en');
    const $ = cheerio.load(res.body);
    assert.equal(text($('h1').text()), 'Supervision dashboard');
    assert.ok($('thead th').filter((_i, th) => text($(th).text()) === 'Published on time').length);
  });
});
