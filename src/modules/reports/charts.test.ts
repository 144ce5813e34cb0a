import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closePdfBrowser, getBrowser, isPdfUnavailable, svgToPng } from '../../render/chromium.ts';
import { agenciesChart, outcomeChart, proactiveChart, reportCharts, trendChart } from './charts.ts';
import type { CompiledReport } from './model.ts';
import { rollup2021, shanghai2019 } from './test-fixtures.ts';
import { browserRequirement } from '../../../test/helpers/documents.ts';

/** Well-formed XML in the sense a browser's SVG parser needs: every tag closed in order, attributes quoted, one <svg> root. */
function assertWellFormedSvg(svg: string): void {
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const body = svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|>/g)) {
    if (m[0] === '<') assert.fail(`a stray "<" or a malformed tag near: ${body.slice(m.index!, m.index! + 80)}`);
    if (m[0] === '>') continue; // text content may contain ">" only as an entity in strict XML, but parsers accept it
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the open element`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.ok(!/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(body), 'every & is an entity');
}

function assertAccessible(svg: string, title: string): void {
  assert.match(svg, /^<svg [^>]*role="img"/);
  const label = /^<svg [^>]*aria-label="([^"]*)"/.exec(svg)?.[1];
  assert.ok(label?.startsWith(title), `aria-label starts with the title: ${label}`);
  assert.ok(svg.includes(`<title>${title}</title>`), 'a <title> names the chart');
  assert.ok(svg.includes("'Noto Sans CJK SC'"), 'the CJK face is asked for');
  assert.ok(!/<script|<image|href="http/i.test(svg), 'nothing runs and nothing is fetched');
}

const textsOf = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('report charts', () => {
  after(() => closePdfBrowser());

  test('the outcome chart shows the six groups of table 三 with their totals', () => {
    const svg = outcomeChart(shanghai2019());
    assertWellFormedSvg(svg);
    assertAccessible(svg, '2019年政府信息公开申请办理结果');
    const texts = textsOf(svg);
    for (const g of ['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理']) assert.ok(texts.includes(g), `category ${g}`);
    // Shanghai 2019: 272 disclosed, 3 partly, 35 withheld (14 + 5 + 4 + 12), 337 cannot (265 + 47 + 25), 158 not processed.
    for (const n of ['272', '3', '35', '337', '158']) assert.ok(texts.includes(n), `value ${n} labelled`);
    assert.match(svg, /aria-label="[^"]*予以公开272件，部分公开3件，不予公开35件，无法提供337件，不予处理158件，其他处理0件"/);
  });

  test('the trend chart shows each year with received, closed and carried forward', () => {
    const r = rollup2021();
    const svg = trendChart(r)!;
    assertWellFormedSvg(svg);
    assertAccessible(svg, '2023—2025年政府信息公开申请数量');
    const texts = textsOf(svg);
    for (const t of ['2023年', '2024年', '2025年', '本年新收', '本年办结', '结转下年度', '15', '19', '20']) assert.ok(texts.includes(t), t);
    assert.equal(trendChart({ ...r, trend: [] }), null, 'no years, no chart');
  });

  test('the agencies chart compares the parts of a roll-up, the 20 with most applications, largest first', () => {
    const r = rollup2021();
    const svg = agenciesChart(r)!;
    assertWellFormedSvg(svg);
    assertAccessible(svg, '各单位本年新收政府信息公开申请数量');
    const texts = textsOf(svg);
    assert.ok(texts.indexOf('衡水市教育局') >= 0 && texts.indexOf('衡水市公安局') >= 0);
    assert.match(svg, /衡水市教育局12件，衡水市公安局8件/);
    assert.equal(agenciesChart(shanghai2019()), null, 'an agency report has no parts');

    // 25 agencies: only the top 20 are drawn.
    const base = r.json.parts![0]!;
    const parts = Array.from({ length: 25 }, (_, i) => ({
      ...base,
      agency: `A${i}`,
      name: `单位${String(i + 1).padStart(2, '0')}<&>`,
      table3: { ...base.table3, rows: { ...base.table3.rows, received: [i + 1, 0, 0, 0, 0, 0, i + 1] } },
    }));
    const many: CompiledReport = { ...r, json: { ...r.json, parts } };
    const big = agenciesChart(many)!;
    assertWellFormedSvg(big);
    assertAccessible(big, '各单位本年新收政府信息公开申请数量（前20位）');
    const names = textsOf(big).filter((t) => t.startsWith('单位'));
    assert.equal(names.length, 20);
    assert.equal(names[0], '单位25&lt;&amp;&gt;', 'the largest first, the name escaped');
    assert.ok(!names.some((n) => /单位0[1-5]&/.test(n)), 'the five smallest are left out');
  });

  test('the proactive chart names catalog kinds in Chinese and leaves out empty ones', () => {
    const r = rollup2021();
    const svg = proactiveChart(r)!;
    assertWellFormedSvg(svg);
    assertAccessible(svg, '2025年主动公开政府信息（按类别）');
    const texts = textsOf(svg);
    for (const t of ['工作动态', '通知公告', '行政规范性文件', '300', '120', '8']) assert.ok(texts.includes(t), t);
    assert.ok(!texts.includes('规章'), 'a kind with nothing published is not drawn');
    assert.equal(proactiveChart({ ...r, publishedByKind: [] }), null);
  });

  test('reportCharts returns the charts that have something to show, each titled', () => {
    assert.deepEqual(reportCharts(rollup2021()).map((c) => c.key), ['proactive', 'outcomes', 'trend', 'agencies']);
    const one = reportCharts(shanghai2019());
    assert.deepEqual(one.map((c) => [c.key, c.title]), [['outcomes', '2019年政府信息公开申请办理结果']]);
  });

  describe('as images', { skip: browserRequirement() }, () => {
    test('svgToPng makes one PNG per chart at twice the size', { timeout: 120_000 }, async () => {
      const charts = reportCharts(rollup2021());
      const pngs = await svgToPng(charts.map((c) => c.svg));
      assert.equal(pngs.length, charts.length);
      charts.forEach((c, i) => {
        const png = pngs[i]!;
        assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
        const width = Number(/^<svg[^>]* width="(\d+)"/.exec(c.svg)![1]);
        const height = Number(/^<svg[^>]* height="(\d+)"/.exec(c.svg)![1]);
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [width * 2, height * 2], `${c.key}: 2× device scale`);
      });
      assert.deepEqual(await svgToPng([]), []);
    });

    test('a browser that goes away during a render counts as no browser (a Word document is then made without its charts), and the next render starts another', { timeout: 120_000 }, async () => {
      const svgs = reportCharts(rollup2021()).map((c) => c.svg);
      const b = await getBrowser();
      const rendering = svgToPng(svgs).then(
        () => 'rendered',
        (e: unknown) => e,
      );
      await b.close();
      const outcome = await rendering;
      assert.ok(isPdfUnavailable(outcome), `the render failed as "unavailable": ${String(outcome)}`);
      assert.equal((await svgToPng(svgs)).length, svgs.length);
    });
  });
});
