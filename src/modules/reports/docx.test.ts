import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closePdfBrowser, configurePdf } from '../../render/chromium.ts';
import { reportCharts } from './charts.ts';
import { reportDocx, textParagraphs } from './docx.ts';
import { table3Layout } from './labels.ts';
import { compileReport, emptyAggregates } from './tables.ts';
import { hengshui2017, rollup2021, shanghai2019 } from './test-fixtures.ts';
import { browserRequirement, libreOfficeRequirement, sofficeConvert, unzip } from '../../../test/helpers/documents.ts';

/** The visible text of word/document.xml, paragraph by paragraph (table cells are paragraphs too). */
function paragraphs(docx: Buffer): string[] {
  const xml = unzip(docx).get('word/document.xml')!.toString('utf8');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}
const media = (docx: Buffer) => [...unzip(docx).keys()].filter((k) => /^word\/media\/.+\.png$/.test(k));

/** The `n` lines after the line that is exactly `label` (LibreOffice's text export puts each table cell on a line). */
function cellsAfter(lines: string[], label: string, n: number, from = 0): string[] {
  const i = lines.indexOf(label, from);
  assert.ok(i >= 0, `a line "${label}"`);
  return lines.slice(i + 1, i + 1 + n);
}
const inOrder = (lines: string[], wanted: string[]) => {
  let at = -1;
  for (const w of wanted) {
    const i = lines.indexOf(w, at + 1);
    assert.ok(i > at, `"${w}" comes after the previous heading`);
    at = i;
  }
};

const SH_HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

describe('the annual report as a Word document', () => {
  after(() => closePdfBrowser());

  test('a large roll-up lists the agency itself and each agency directly below it with everything below that', async () => {
    // The city, 4 counties, 16 departments under each county: 69 agencies, one case received and answered at each.
    const city = { id: 'hs', code: 'HS', name: '衡水市人民政府' };
    const agencies: { id: string; code: string; name: string; parent: string | null }[] = [{ ...city, parent: null }];
    for (let c = 1; c <= 4; c++) {
      agencies.push({ id: `c${c}`, code: `C${c}`, name: `第${c}县人民政府`, parent: 'HS' });
      for (let d = 1; d <= 16; d++) agencies.push({ id: `c${c}d${d}`, code: `C${c}-D${d}`, name: `第${c}县第${d}局`, parent: `C${c}` });
    }
    const agg = emptyAggregates();
    for (const a of agencies) {
      agg.received.push({ agencyId: a.id, applicantType: 'natural', channel: 'online', n: 1 });
      agg.closed.push({ agencyId: a.id, applicantType: 'natural', outcome: 'disclose', detail: null, extended: false, n: 1 });
    }
    const report = { ...rollup2021(), json: compileReport({ format: '2021', subject: city, year: 2025, scope: 'rollup', agencies, agg }) };
    configurePdf({ chromiumPath: '/nonexistent/chromium' });
    let lines: string[];
    try {
      lines = paragraphs(await reportDocx(report));
    } finally {
      configurePdf({ chromiumPath: '/usr/bin/chromium' });
    }
    const parts = lines.indexOf('附：各单位情况');
    assert.deepEqual(cellsAfter(lines, '衡水市人民政府（本级）', 3, parts), ['1', '0', '1']);
    assert.deepEqual(cellsAfter(lines, '第1县人民政府（含下级单位）', 3, parts), ['17', '0', '17']);
    assert.deepEqual(cellsAfter(lines, '合计', 3, parts), ['69', '0', '69']);
    assert.ok(!lines.includes('第1县第1局'), 'departments are not listed one by one');
    assert.ok(lines.some((l) => l.includes('下级单位共69个，按直属单位汇总列示')));
  });

  test('written texts become indented paragraphs, one per line', () => {
    assert.deepEqual(textParagraphs('第一段。\n\n 第二段。\r\n第三段。\n'), ['第一段。', '第二段。', '第三段。']);
    assert.deepEqual(textParagraphs(''), []);
  });

  test('A4, the title centred, the six sections in order, the texts, every row of table 三 and its 勾稽关系', async () => {
    configurePdf({ chromiumPath: '/nonexistent/chromium' }); // fast path: no images here
    try {
      const r = shanghai2019();
      const buf = await reportDocx(r);
      const xml = unzip(buf).get('word/document.xml')!.toString('utf8');
      assert.match(xml, /w:pgSz w:w="11906" w:h="16838"/, 'A4 portrait');
      const paras = paragraphs(buf);
      assert.equal(paras[0], '上海市人民政府办公厅2019年政府信息公开工作年度报告');
      assert.match(xml, /<w:jc w:val="center"\/>[\s\S]*?上海市人民政府办公厅2019年/, 'the title is centred');
      inOrder(paras, SH_HEADINGS);
      for (const p of ['2019年，市政府办公厅认真贯彻落实新修订的《中华人民共和国政府信息公开条例》。', '全年共收到政府信息公开申请859件。', '下一步将继续加强。', '本年度未收取信息处理费。']) assert.ok(paras.includes(p), p);
      assert.match(xml, /w:firstLineChars="200"/, 'paragraphs indented by two characters');
      for (const line of table3Layout('2019')) assert.ok(paras.includes(line.label), `row ${line.label}`);
      assert.ok(paras.includes('（六）其他处理') && !paras.includes('3.其他'), 'the 2019 format has one 其他处理 row');
      assert.ok(paras.includes('勾稽关系：第一项加第二项之和等于第三项加第四项之和，总计列 859 + 18 = 805 + 72 = 877（各列均相符）。'));
      for (const h of ['自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '尚未审结']) assert.ok(paras.includes(h), `heading ${h}`);
      assert.match(xml, /<w:gridSpan w:val="5"\/>/, 'merged header cells (法人或其他组织 over five columns)');
      assert.match(xml, /<w:vMerge w:val="restart"\/>/, 'cells merged down (自然人, 总计)');
      assert.match(xml, /<w:tblBorders>/, 'bordered tables');
      assert.deepEqual(media(buf), [], 'no images without Chromium');
      assert.ok(paras.includes('（注：本文档未附统计图表，可在网页版年度报告中查看。）'), 'a one-line note instead');
    } finally {
      configurePdf({ chromiumPath: '/usr/bin/chromium' });
    }
  });

  describe('with charts', { skip: browserRequirement() }, () => {
    test('the charts are PNG images in the document, each with its caption', { timeout: 120_000 }, async () => {
      const r = rollup2021();
      const buf = await reportDocx(r);
      const charts = reportCharts(r);
      assert.equal(media(buf).length, charts.length, 'one PNG per chart');
      for (const name of media(buf)) assert.equal(unzip(buf).get(name)!.subarray(1, 4).toString('latin1'), 'PNG');
      const paras = paragraphs(buf);
      charts.forEach((c, i) => assert.ok(paras.includes(`图${i + 1}　${c.title}`), `caption ${c.title}`));
      const xml = unzip(buf).get('word/document.xml')!.toString('utf8');
      assert.match(xml, /<wp:docPr [^>]*descr="[^"]*予以公开9件/, 'images carry their figures as alternative text');
      assert.ok(!paras.some((p) => p.startsWith('（注：本文档未附统计图表')));
    });
  });

  describe('LibreOffice opens it', { skip: libreOfficeRequirement() }, () => {
    const toText = async (buf: Buffer) => {
      const out = await sofficeConvert(buf, 'docx', 'txt:Text (encoded):UTF8');
      return out.get('report.txt')!.split(/\r?\n/).map((l) => l.trim());
    };

    test('the 2019 report shows the right numbers in the right rows of tables 二, 三 and 四', { timeout: 240_000 }, async () => {
      configurePdf({ chromiumPath: '/nonexistent/chromium' });
      let lines: string[];
      try {
        lines = await toText(await reportDocx(shanghai2019()));
      } finally {
        configurePdf({ chromiumPath: '/usr/bin/chromium' });
      }
      assert.equal(lines[0], '上海市人民政府办公厅2019年政府信息公开工作年度报告');
      inOrder(lines, SH_HEADINGS);
      // Table 二 (2019 trial layout).
      assert.deepEqual(cellsAfter(lines, '规章', 3), ['13', '13', '524']);
      assert.deepEqual(cellsAfter(lines, '规范性文件', 3), ['60', '60', '368']);
      assert.deepEqual(cellsAfter(lines, '政府集中采购', 2), ['6', '25.1']);
      // Table 三: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
      const row = (label: string) => cellsAfter(lines, label, 7).map(Number);
      assert.deepEqual(row('一、本年新收政府信息公开申请数量'), [821, 35, 0, 0, 2, 1, 859]);
      assert.deepEqual(row('二、上年结转政府信息公开申请数量'), [18, 0, 0, 0, 0, 0, 18]);
      assert.deepEqual(row('（一）予以公开'), [258, 12, 0, 0, 1, 1, 272]);
      assert.deepEqual(row('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), [3, 0, 0, 0, 0, 0, 3]);
      assert.deepEqual(row('1.属于国家秘密'), [14, 0, 0, 0, 0, 0, 14]);
      assert.deepEqual(row('6.属于四类过程性信息'), [3, 1, 0, 0, 0, 0, 4]);
      assert.deepEqual(row('1.本机关不掌握相关政府信息'), [252, 12, 0, 0, 1, 0, 265]);
      assert.deepEqual(row('2.重复申请'), [5, 4, 0, 0, 0, 0, 9]);
      assert.deepEqual(row('（六）其他处理'), [0, 0, 0, 0, 0, 0, 0]);
      assert.deepEqual(row('（七）总计'), [767, 35, 0, 0, 2, 1, 805]);
      assert.deepEqual(row('四、结转下年度继续办理'), [72, 0, 0, 0, 0, 0, 72]);
      assert.ok(lines.some((l) => l.includes('859 + 18 = 805 + 72 = 877')), 'the 勾稽关系 line');
      // Table 四: the fifteen numbers follow the last 总计 of its header.
      const t4 = lines.indexOf('四、政府信息公开行政复议、行政诉讼情况');
      const end = lines.indexOf('五、存在的主要问题及改进情况');
      const numbers = lines.slice(t4, end).filter((l) => /^\d+$/.test(l)).map(Number);
      assert.deepEqual(numbers, [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]);
    });

    test('a roll-up adds every agency; the legacy format has its statistics and narrative', { timeout: 240_000 }, async () => {
      configurePdf({ chromiumPath: '/nonexistent/chromium' });
      let rollup: string[];
      let legacy: string[];
      try {
        rollup = await toText(await reportDocx(rollup2021()));
        legacy = await toText(await reportDocx(hengshui2017()));
      } finally {
        configurePdf({ chromiumPath: '/usr/bin/chromium' });
      }
      // 单位 | 本年新收 | 上年结转 | 本年办结 | 结转下年度 | 行政复议 | 行政诉讼
      const parts = rollup.indexOf('附：各单位情况');
      assert.ok(parts > rollup.indexOf('六、其他需要报告的事项'));
      assert.deepEqual(cellsAfter(rollup, '衡水市教育局', 6, parts), ['12', '1', '11', '2', '4', '0']);
      assert.deepEqual(cellsAfter(rollup, '衡水市公安局', 6, parts), ['8', '0', '7', '1', '0', '2']);
      assert.deepEqual(cellsAfter(rollup, '合计', 6, parts), ['20', '1', '18', '3', '4', '2']);
      assert.deepEqual(cellsAfter(rollup, '行政规范性文件', 3), ['8', '2', '40'], 'a joint document counts once in the whole');
      assert.deepEqual(cellsAfter(rollup, '行政事业性收费', 1), ['1.25']);
      assert.deepEqual(rollup.filter(Boolean).slice(-2), ['衡水市人民政府', '二〇二六年三月二十日'], 'a published report is signed and dated');

      assert.equal(legacy[0], '衡水市2017年政府信息公开工作年度报告');
      inOrder(legacy, ['一、概述', '二、主动公开政府信息情况', '三、政府信息依申请公开情况', '四、政府信息公开收费及减免情况', '五、行政复议和行政诉讼情况', '六、存在的主要问题和改进措施']);
      const stat = (label: string) => cellsAfter(legacy, label, 1)[0];
      assert.equal(stat('主动公开政府信息数'), '81000');
      assert.equal(stat('其中：主动公开规范性文件数'), '464');
      assert.equal(stat('受理申请数'), '184');
      assert.equal(stat('办结数'), '184');
      assert.equal(stat('延期办结数'), '3');
      assert.equal(stat('属于已主动公开范围数'), '31');
      assert.equal(stat('同意公开答复数'), '38');
      assert.equal(stat('不属于本行政机关公开数'), '68');
      assert.equal(stat('告知作出更改补充数'), '10');
      assert.equal(stat('告知通过其他途径办理数'), '7');
      assert.equal(stat('维持具体行政行为或者驳回原告诉讼请求数'), '19');
      assert.ok(legacy.some((l) => l.includes('本年度共受理政府信息公开申请184件') && l.includes('告知作出更改补充10件，告知通过其他途径办理7件')), 'the narrative accounts for all 184');
      assert.ok(legacy.includes('本年度依申请提供政府信息未收取任何费用。'));
      assert.ok(legacy.some((l) => l.startsWith('本年度因政府信息公开引起行政复议14件，其中维持具体行政行为12件，被依法纠错2件')));
      assert.ok(legacy.includes('二是公开内容形式单一。'));
    });
  });
});
