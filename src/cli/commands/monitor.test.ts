import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDbUrl, describeEachDialect } from '../../../test/helpers/db.ts';
import { cli, servicesFor } from '../../../test/helpers/cli.ts';
import { addAgency } from '../../../test/helpers/app.ts';
import { unzip } from '../../../test/helpers/documents.ts';
import { startTestSite, type TestSite } from '../../../test/helpers/sites.ts';
import { addDays, isoWeekOf, todayInShanghai } from '../../kernel/calendar/index.ts';
import { cliActor } from '../../modules/audit/index.ts';
import type { SiteInput } from '../../modules/oversight/index.ts';

const COLUMNS = ['工作动态', '通知公告', '政策文件', '人事信息', '财政资金'];

/**
 * A county bureau's website on 127.0.0.1: a homepage with dated news, five columns, a consultation column.
 * While `state.fixed` is false the five columns are empty (单项否决: 空白栏目 ≥ 5); fixed, each lists a current item.
 */
async function countySite(state: { fixed: boolean }): Promise<TestSite> {
  const page = (title: string, body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
  const today = () => todayInShanghai(new Date());
  const routes: Record<string, (req: unknown, res: import('node:http').ServerResponse) => void> = {};
  const send = (html: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  };
  routes['/'] = (req, res) =>
    send(page('测试县教育局', `<ul>${COLUMNS.map((c, i) => `<li><a href="/col/${i + 1}">${c}</a></li>`).join('')}</ul><ul class="news"><li><a href="/a/1">全县秋季学期开学工作会议召开</a><span>${today()}</span></li><li><a href="/a/2">县教育局开展校园安全检查</a><span>${addDays(today(), -3)}</span></li></ul><p><a href="/hudong">领导信箱</a></p>`))(req, res);
  COLUMNS.forEach((c, i) => {
    routes[`/col/${i + 1}`] = (req, res) => send(page(c, state.fixed ? `<ul><li><a href="/a/${i + 1}">${c}第一条信息</a> ${addDays(today(), -1)}</li></ul>` : '<ul></ul><p>暂无信息</p>'))(req, res);
  });
  for (let i = 1; i <= 5; i++) routes[`/a/${i}`] = (req, res) => send(page(`信息${i}`, `<p>发布日期：${today()}</p><p>正文。</p>`))(req, res);
  routes['/hudong'] = (req, res) => send(page('领导信箱', `<ul><li>关于课后服务的建议 ${addDays(today(), -10)} 已回复</li></ul>`))(req, res);
  return startTestSite({ routes });
}

function siteInput(url: string): SiteInput {
  return {
    name: '测试县教育局网站',
    homepage: `${url}/`,
    columns: COLUMNS.map((name, i) => ({ name, url: `${url}/col/${i + 1}`, kind: i === 0 ? ('news' as const) : ('notice' as const), date: { type: 'pattern' as const } })),
    interaction: [{ name: '领导信箱', url: `${url}/hudong`, date: { type: 'pattern' as const } }],
    guides: [],
    maxDepth: 1,
    maxPages: 50,
  };
}

describeEachDialect('gongkai monitor', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let dir: string;
  let site: TestSite;
  const state = { fixed: false };

  before(async () => {
    db = await createTestDbUrl(dialect);
    dir = mkdtempSync(join(tmpdir(), 'gongkai-monitor-'));
    site = await countySite(state);
    assert.equal((await cli(db.url, ['migrate'])).code, 0);
    const services = servicesFor(db.url);
    try {
      await addAgency(services, 'HS', '衡水市人民政府', { kind: 'government' });
      await addAgency(services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
      await addAgency(services, 'HS-MZJ', '衡水市民政局', { parent: 'HS' });
      await services.monitor.registerSite(services.users.systemPrincipal(), cliActor, 'HS-JYJ', siteInput(site.url));
    } finally {
      await services.storage.close();
    }
  });
  after(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
    await db?.dispose();
  });

  test('usage errors exit with 2 and the usage line', async () => {
    const both = await cli(db.url, ['monitor', 'run', '--site', `${site.url}/`, '--agency', 'HS']);
    assert.equal(both.code, 2);
    assert.match(both.err, /either --site or --agency/);
    assert.match(both.err, /Usage: gongkai monitor run/);
    const week = await cli(db.url, ['monitor', 'report', '--week', '2026-48']);
    assert.equal(week.code, 2);
    assert.match(week.err, /--week must be an ISO week/);
    const out = await cli(db.url, ['monitor', 'report', '--week', '2026-W48', '--out', join(dir, 'x.pdf')]);
    assert.equal(out.code, 2);
    assert.match(out.err, /--out must end in \.docx, \.html or \.json/);
    const unknown = await cli(db.url, ['monitor', 'run', '--site', 'http://127.0.0.1:9/nothing']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no site is registered with the homepage http:\/\/127\.0\.0\.1:9\/nothing/);
  });

  test('a site with five empty columns fails: exit 1, the veto item with its figure, threshold and evidence URL', async () => {
    state.fixed = false;
    const r = await cli(db.url, ['monitor', 'run', '--site', site.url]); // the registered homepage has a trailing slash
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, new RegExp(`^测试县教育局网站 \\(衡水市教育局\\) ${site.url}/$`, 'm'));
    assert.match(r.out, /^ {2}FAIL: 1 single-veto item\(s\), 0 deduction\(s\); \d+ pages, \d+ links checked, 0 broken/m);
    assert.match(r.out, new RegExp(`^ {2}VETO {5} {2}columnsEmpty: Empty columns \\(5 empty columns\\) — 5 vs threshold 5 — ${site.url}/col/1$`, 'm'));
    assert.match(r.out, /The column “工作动态” is empty/);
    assert.match(r.out, /^Checked 1 of 1 site\(s\): 1 failed\.$/m);
    assert.ok(site.paths().includes('/col/5'), 'every column was requested');
    // The progress goes to standard error (a line per 50 pages when not on a terminal): no verdict there.
    assert.doesNotMatch(r.err, /FAIL/);
  });

  test('monitor sites lists the site with its latest verdict', async () => {
    const r = await cli(db.url, ['monitor', 'sites', '--agency', 'HS']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^AGENCY\s+SITE\s+HOMEPAGE\s+ACTIVE\s+LATEST\s+CHECKED\s+OPEN RECTIFICATIONS$/m);
    assert.match(r.out, new RegExp(`^HS-JYJ\\s+测试县教育局网站\\s+${site.url}/\\s+yes\\s+FAIL\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z\\s+0$`, 'm'));
    const json = JSON.parse((await cli(db.url, ['monitor', 'sites', '--json'])).out);
    assert.equal(json.length, 1);
    assert.equal(json[0].latest.verdict, 'fail');
    const none = await cli(db.url, ['monitor', 'sites', '--agency', 'HS-MZJ']);
    assert.equal(none.code, 0);
    assert.match(none.out, /No site is registered\./);
  });

  test('the weekly report: summary, a DOCX with the failed site and its evidence, HTML, JSON, and --generate freezes it', async () => {
    const week = isoWeekOf(todayInShanghai(new Date()));
    const summary = await cli(db.url, ['monitor', 'report', '--week', week]);
    assert.equal(summary.code, 0, summary.err);
    assert.match(summary.out, /^衡水市人民政府: government website spot check, week \d+ of \d{4}$/m);
    assert.match(summary.out, /^Sites 1, checked 1, failed 1\.$/m);
    assert.match(summary.out, /^Single-veto items found: columnsEmpty 1\.$/m);

    const docx = join(dir, 'week.docx');
    const w = await cli(db.url, ['monitor', 'report', '--week', week, '--office', 'HS', '--out', docx]);
    assert.equal(w.code, 0, w.err);
    assert.match(w.out, new RegExp(`^Wrote ${docx.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d[\\d,]* bytes\\)`, 'm'));
    const xml = unzip(readFileSync(docx)).get('word/document.xml')!.toString('utf8');
    assert.match(xml, /衡水市人民政府\d{4}年第\d+周政府网站抽查情况通报/);
    assert.match(xml, /测试县教育局网站/);
    assert.ok(xml.includes(`${site.url}/col/1`), 'the evidence URL is in the document');

    const html = join(dir, 'week.html');
    assert.equal((await cli(db.url, ['monitor', 'report', '--week', week, '--out', html])).code, 0);
    const page = readFileSync(html, 'utf8');
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<title>衡水市人民政府\d{4}年第\d+周政府网站抽查情况通报<\/title>/);
    assert.match(page, /测试县教育局网站/);

    const json = join(dir, 'week.json');
    assert.equal((await cli(db.url, ['monitor', 'report', '--week', week, '--out', json])).code, 0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(report.week, week);
    assert.deepEqual(report.summary, { sites: 1, checked: 1, failed: 1, byItem: { columnsEmpty: 1 } });

    const gen = await cli(db.url, ['monitor', 'report', '--week', week, '--generate', '--json']);
    assert.equal(gen.code, 0, gen.err);
    assert.match(gen.err, /is generated \(frozen\)/);
    const services = servicesFor(db.url);
    try {
      const stored = await services.monitor.spotCheck(services.users.systemPrincipal(), 'HS', week);
      assert.equal(stored.report?.summary.failed, 1, 'the frozen report is stored');
    } finally {
      await services.storage.close();
    }
  });

  test('the site fixed: exit 0, PASS, and --agency crawls the sites of the subtree', async () => {
    state.fixed = true;
    const r = await cli(db.url, ['monitor', 'run', '--agency', 'HS']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {2}PASS: 0 single-veto item\(s\), 0 deduction\(s\)/m);
    assert.match(r.out, /^Checked 1 of 1 site\(s\): 0 failed\.$/m);
    const json = JSON.parse((await cli(db.url, ['monitor', 'run', '--site', `${site.url}/`, '--json'])).out);
    assert.equal(json[0].crawl.verdict, 'pass');
    assert.equal(json[0].site.agency, 'HS-JYJ');
    const none = await cli(db.url, ['monitor', 'run', '--agency', 'HS-MZJ']);
    assert.equal(none.code, 0);
    assert.match(none.out, /No active site is registered for HS-MZJ/);
  });

  test('--sync-own registers every agency’s pages on this portal (PUBLIC_URL) before crawling', async () => {
    const before = JSON.parse((await cli(db.url, ['monitor', 'sites', '--json'])).out).length;
    const r = await cli(db.url, ['monitor', 'run', '--sync-own', '--site', `${site.url}/`]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Own portal pages: 3 site\(s\) registered \(http:\/\/127\.0\.0\.1:\d+\)\.$/m);
    assert.match(r.out, /^Checked 1 of 1 site\(s\): 0 failed\.$/m, 'only the site asked for is crawled');
    const sites: { agency: string; own: boolean; homepage: string }[] = JSON.parse((await cli(db.url, ['monitor', 'sites', '--json'])).out);
    assert.equal(sites.length, before + 3);
    assert.deepEqual(sites.filter((s) => s.own).map((s) => s.agency).sort(), ['HS', 'HS-JYJ', 'HS-MZJ']);
    assert.ok(sites.filter((s) => s.own).every((s) => /^http:\/\/127\.0\.0\.1:\d+\/zwgk\/HS/.test(s.homepage)));
    const again = await cli(db.url, ['monitor', 'run', '--sync-own', '--site', `${site.url}/`]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /^Own portal pages: 0 site\(s\) registered/m);
    assert.equal(JSON.parse((await cli(db.url, ['monitor', 'sites', '--json'])).out).length, before + 3, 'a second sync adds nothing');
  });
});
