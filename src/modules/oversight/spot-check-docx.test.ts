import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { translator } from '../../http/i18n/index.ts';
import { libreOfficeRequirement, sofficeConvert, unzip } from '../../../test/helpers/documents.ts';
import { columnKinds, findingItems, guideElements, type Evidence, type SpotCheckReport } from './monitor-types.ts';
import { evidenceText, spotCheckDocx } from './spot-check-docx.ts';

const zh = translator('zh-CN');
const en = translator('en');

const JTJ = 'http://jtj.example.gov.cn/';
const CRAWLED = '2026-11-27T01:55:00.000Z'; // 09:55 in Shanghai

/** Week 48 of 2026 in a city: the transport bureau's site fails, the education bureau's passes, civil affairs was not checked. */
function report(): SpotCheckReport {
  return {
    week: '2026-W48',
    from: '2026-11-23',
    to: '2026-11-29',
    office: { code: 'SZF-GKB', name: '某市人民政府办公室' },
    generatedAt: '2026-11-29T17:30:00.000Z', // 01:30 on Monday 30 Nov in Shanghai
    sites: [
      {
        siteId: 's1',
        agency: { code: 'JTJ', name: '市交通运输局' },
        name: '市交通运输局网站',
        homepage: JTJ,
        crawledAt: CRAWLED,
        verdict: 'fail',
        probes: { total: 168, failed: 12 },
        findings: [
          {
            item: 'unreachable',
            veto: true,
            value: 7.14,
            threshold: 5,
            evidence: [
              { url: JTJ, seen: 'probeTimeout', params: { status: '', error: 'timeout', ms: 15000 }, at: '2026-11-24T06:00:00.000Z' },
              { url: JTJ, seen: 'probeFailed', params: { status: 502, error: '', ms: 80 }, at: '2026-11-24T07:00:00.000Z' },
            ],
          },
          {
            item: 'homepageStale',
            veto: true,
            value: 17,
            threshold: 14,
            evidence: [{ url: JTJ, seen: 'homepageLatest', params: { latest: '2026-11-10', days: 17 }, at: CRAWLED }],
          },
          {
            item: 'serviceGuides',
            veto: true,
            value: 1,
            threshold: 1,
            evidence: [{ url: `${JTJ}bszn/ysz.html`, seen: 'guideMissing', params: { guide: '道路运输经营许可', missing: 'basis,fees' }, at: CRAWLED }],
          },
          {
            item: 'brokenLinks',
            veto: false,
            value: 5,
            threshold: 1,
            evidence: Array.from({ length: 5 }, (_, i) => ({ url: `${JTJ}old/${i}.html`, seen: 'linkBroken', params: { from: `${JTJ}tzgg/`, status: 404, error: '' }, at: CRAWLED })),
          },
        ],
      },
      {
        siteId: 's2',
        agency: { code: 'JYJ', name: '市教育局' },
        name: '市教育局网站',
        homepage: 'http://jyj.example.gov.cn/',
        crawledAt: CRAWLED,
        verdict: 'pass',
        probes: { total: 168, failed: 0 },
        findings: [{ item: 'slowPages', veto: false, value: 1, threshold: 1, evidence: [{ url: 'http://jyj.example.gov.cn/zsks/', seen: 'pageSlow', params: { ms: 4200 }, at: CRAWLED }] }],
      },
      {
        siteId: 's3',
        agency: { code: 'MZJ', name: '市民政局' },
        name: '市民政局网站',
        homepage: 'http://mzj.example.gov.cn/',
        crawledAt: null,
        verdict: null,
        probes: { total: 0, failed: 0 },
        findings: [],
      },
    ],
    summary: { sites: 3, checked: 2, failed: 1, byItem: { unreachable: 1, homepageStale: 1, serviceGuides: 1, brokenLinks: 1, slowPages: 1 } },
  };
}

/** The visible text of word/document.xml, paragraph by paragraph (table cells are paragraphs too). */
function paragraphs(docx: Buffer): string[] {
  const xml = unzip(docx).get('word/document.xml')!.toString('utf8');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')).join(''),
  );
}
const between = (lines: string[], from: string, to: string) => lines.slice(lines.indexOf(from), lines.indexOf(to));

describe('evidence as a sentence', () => {
  test('what was seen, the URL and the time in Shanghai (an instant late on the 26th UTC is the 27th)', () => {
    const e: Evidence = { url: JTJ, seen: 'homepageLatest', params: { latest: '2026-11-13', days: 14 }, at: '2026-11-26T17:05:00.000Z' };
    assert.equal(evidenceText(e, zh), `首页最新信息发布于2026-11-13，已14天未更新（${JTJ}，2026-11-27 01:05）`);
    assert.equal(evidenceText(e, en), `The newest item on the homepage is dated 2026-11-13: not updated for 14 days (${JTJ}, 2026-11-27 01:05)`);
  });

  test('why a page failed is told in words: a timeout, the error, else the HTTP status', () => {
    const at = '2026-11-27T01:55:00.000Z';
    assert.equal(evidenceText({ url: JTJ, seen: 'probeTimeout', params: { status: '', error: 'timeout', ms: 15000 }, at }, zh), `首页访问超时，15秒内未能打开（${JTJ}，2026-11-27 09:55）`);
    assert.match(evidenceText({ url: `${JTJ}ldxx/`, seen: 'interactionFailed', params: { column: '领导信箱', status: '', error: 'timeout' }, at }, zh), /^互动交流栏目“领导信箱”无法打开：超时（/);
    assert.match(evidenceText({ url: `${JTJ}a/`, seen: 'columnFailed', params: { column: '政策解读', status: 404, error: '' }, at }, zh), /^栏目“政策解读”无法打开：HTTP 404（/);
    assert.match(evidenceText({ url: `${JTJ}b/`, seen: 'linkBrokenExternal', params: { from: JTJ, status: '', error: 'ENOTFOUND' }, at }, zh), /^页面http:\/\/jtj\.example\.gov\.cn\/上的外部链接不可用：ENOTFOUND（http:\/\/jtj\.example\.gov\.cn\/b\/，/);
    assert.match(evidenceText({ url: `${JTJ}c/`, seen: 'pageSlow', params: { ms: 4200 }, at }, zh), /^页面打开用时4\.2秒，超过3秒/);
  });

  test('a guide’s missing elements are named', () => {
    const e: Evidence = { url: `${JTJ}bszn/`, seen: 'guideMissing', params: { guide: '户籍迁移', missing: 'basis,fees,timeLimit' }, at: CRAWLED };
    assert.match(evidenceText(e, zh), /^办事指南“户籍迁移”缺少要素：设定依据、收费标准、办理时限（/);
    assert.match(evidenceText(e, en), /^The service guide “户籍迁移” lacks: legal basis, fees, time limit \(/);
  });

  test('every `seen` of the evaluation, every item and every guide element has a message in both languages, with no placeholder left', () => {
    const source = readFileSync(new URL('./evaluate.ts', import.meta.url), 'utf8');
    // Every string literal in the expressions after `seen:` (the condition's 'timeout' aside), and the column kinds.
    const literal = [...source.matchAll(/seen: ([^]*?), params/g)].flatMap((m) => [...m[1]!.matchAll(/'(\w+)'/g)].map((x) => x[1]!)).filter((k) => k !== 'timeout');
    const keys = [...new Set([...literal, ...columnKinds.map((k) => `columnStale.${k}`)])];
    for (const k of ['probeTimeout', 'probeFailed', 'homepageNoDates', 'homepageNavigationLatest', 'columnUndated', 'interactionNone', 'messageUnanswered', 'linkBrokenExternal', 'itemUndated']) {
      assert.ok(keys.includes(k), `found ${k} in evaluate.ts`);
    }
    const params = { status: 500, error: 'HTTP 500', ms: 3500, latest: '2026-01-01', days: 30, column: '栏目', title: '标题', date: '2026-01-01', guide: '指南', missing: 'name', from: JTJ };
    for (const t of [zh, en]) {
      for (const k of keys) {
        const text = evidenceText({ url: JTJ, seen: k, params, at: CRAWLED }, t);
        assert.ok(!text.includes('oversight.') && !/\{\w+\}/.test(text), `${k}: ${text}`);
      }
      for (const i of findingItems) assert.notEqual(t(`oversight.item.${i}`), `oversight.item.${i}`);
      for (const g of guideElements) assert.notEqual(t(`oversight.guideElement.${g}`), `oversight.guideElement.${g}`);
    }
    assert.equal(zh('oversight.item.columnsStale'), '栏目不更新（5个以上栏目未按时更新）');
  });
});

describe('the weekly spot-check report as a Word document', () => {
  test('title and week, the figures, the failed site with its problems and evidence, deductions, sites not checked, office and date', async () => {
    const buf = await spotCheckDocx(report(), zh);
    const xml = unzip(buf).get('word/document.xml')!.toString('utf8');
    assert.match(xml, /w:pgSz w:w="11906" w:h="16838"/, 'A4 portrait');
    const lines = paragraphs(buf).filter(Boolean);
    assert.equal(lines[0], '某市人民政府办公室2026年第48周政府网站抽查情况通报');
    assert.equal(lines[1], '（2026年11月23日至11月29日）');
    assert.ok(
      lines.includes(
        '2026年11月23日至11月29日，某市人民政府办公室对3个政府网站开展了抽查，其中2个网站完成检查，1个网站存在单项否决问题，检查结果为不合格。' +
          '发现的问题涉及：站点无法访问1个网站、首页不更新1个网站、服务不实用1个网站、链接不可用1个网站、页面打开缓慢1个网站。',
      ),
    );

    // The failed sites' table: one row, its veto items only, with their figures and evidence.
    const failed = between(lines, '二、检查不合格的网站', '三、扣分问题');
    const row = failed.slice(failed.indexOf('1'));
    assert.deepEqual(row.slice(0, 7), ['1', '市交通运输局', '市交通运输局网站', JTJ, '站点无法访问（访问失败率7.14%）', '首页不更新（17天未更新）', '服务不实用（1个办事指南不合格）']);
    assert.deepEqual(row.slice(7), [
      `首页访问超时，15秒内未能打开（${JTJ}，2026-11-24 14:00）`,
      `首页无法访问：HTTP 502（${JTJ}，2026-11-24 15:00）`,
      '……另有10处，详见网站监测记录。',
      `首页最新信息发布于2026-11-10，已17天未更新（${JTJ}，2026-11-27 09:55）`,
      `办事指南“道路运输经营许可”缺少要素：设定依据、收费标准（${JTJ}bszn/ysz.html，2026-11-27 09:55）`,
    ]);
    assert.ok(!failed.includes('市教育局'), 'a site that passed is not among the failed');
    assert.ok(!failed.some((l) => l.startsWith('链接不可用')), 'deductions are not single-veto problems');

    // Deductions per site, the failed one included; the first three links and the count of the others.
    const deductions = between(lines, '三、扣分问题', '四、本周未完成检查的网站');
    assert.ok(deductions.includes('链接不可用（5个链接不可用）'));
    assert.ok(deductions.includes(`页面${JTJ}tzgg/上的链接不可用：HTTP 404（${JTJ}old/2.html，2026-11-27 09:55）`));
    assert.ok(!deductions.some((l) => l.includes(`${JTJ}old/3.html`)));
    assert.ok(deductions.includes('……另有2处，详见网站监测记录。'));
    assert.deepEqual(deductions.slice(deductions.indexOf('市教育局') - 1, deductions.indexOf('市教育局') + 5), [
      '2',
      '市教育局',
      '市教育局网站',
      'http://jyj.example.gov.cn/',
      '页面打开缓慢（1个页面打开超过3秒）',
      '页面打开用时4.2秒，超过3秒（http://jyj.example.gov.cn/zsks/，2026-11-27 09:55）',
    ]);

    const notChecked = between(lines, '四、本周未完成检查的网站', '五、整改要求');
    assert.ok(notChecked.includes('市民政局：市民政局网站（http://mzj.example.gov.cn/）'));
    assert.ok(!notChecked.some((l) => l.includes('市教育局')));

    // The closing request, the office and the date of generation (Monday in Shanghai).
    assert.match(lines.at(-3)!, /^请上述存在问题的单位对照本通报逐项核查，在整改期限内完成整改，并将整改情况报送某市人民政府办公室。/);
    assert.deepEqual(lines.slice(-2), ['某市人民政府办公室', '2026年11月30日']);
    assert.ok(!lines.some((l) => l.includes('oversight.')), 'no message key shows');
  });

  test('published: the index number above the title and the date of publication under the office', async () => {
    const lines = paragraphs(await spotCheckDocx(report(), zh, { published: { on: '2026-12-01', indexNo: 'SZF-GKB/2026-00123' } })).filter(Boolean);
    assert.equal(lines[0], '索引号：SZF-GKB/2026-00123');
    assert.equal(lines[1], '某市人民政府办公室2026年第48周政府网站抽查情况通报');
    assert.deepEqual(lines.slice(-2), ['某市人民政府办公室', '2026年12月1日']);
  });

  test('a week with nothing wrong says so; a week across the year end shows both years', async () => {
    const r = report();
    const quiet: SpotCheckReport = {
      ...r,
      week: '2020-W53',
      from: '2020-12-28',
      to: '2021-01-03',
      sites: [{ ...r.sites[1]!, findings: [] }],
      summary: { sites: 1, checked: 1, failed: 0, byItem: {} },
    };
    const lines = paragraphs(await spotCheckDocx(quiet, zh)).filter(Boolean);
    assert.equal(lines[0], '某市人民政府办公室2020年第53周政府网站抽查情况通报');
    assert.equal(lines[1], '（2020年12月28日至2021年1月3日）');
    for (const l of ['本周抽查未发现检查不合格的网站。', '本周抽查未发现扣分问题。', '本周所有网站均已完成检查。']) assert.ok(lines.includes(l), l);
    assert.ok(lines.some((l) => l.includes('未发现存在单项否决问题的网站')));
    assert.ok(lines.some((l) => l.startsWith('请各单位继续做好政府网站日常监测')));
  });

  test('in English, every label comes from the English catalog', async () => {
    const lines = paragraphs(await spotCheckDocx(report(), en)).filter(Boolean);
    assert.equal(lines[0], '某市人民政府办公室: government website spot check, week 48 of 2026');
    assert.ok(lines.includes('Site unreachable (7.14% of visits failed)'));
    assert.ok(!lines.some((l) => l.includes('oversight.')));
  });

  describe('LibreOffice opens it', { skip: libreOfficeRequirement() }, () => {
    test('the title, the failed site’s row, its evidence URL and the Chinese text survive the conversion', { timeout: 240_000 }, async () => {
      const out = await sofficeConvert(await spotCheckDocx(report(), zh), 'docx', 'txt:Text (encoded):UTF8');
      const lines = out.get('report.txt')!.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      assert.equal(lines[0], '某市人民政府办公室2026年第48周政府网站抽查情况通报');
      const at = lines.indexOf('市交通运输局');
      assert.ok(at > 0, 'the failed agency is a cell');
      assert.deepEqual(lines.slice(at - 1, at + 3), ['1', '市交通运输局', '市交通运输局网站', JTJ]);
      assert.ok(lines.some((l) => l.includes(`${JTJ}bszn/ysz.html`)), 'an evidence URL');
      assert.ok(lines.includes('首页不更新（17天未更新）'));
      assert.ok(lines.includes('市民政局：市民政局网站（http://mzj.example.gov.cn/）'));
      assert.deepEqual(lines.slice(-2), ['某市人民政府办公室', '2026年11月30日']);
    });
  });
});
