import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legacyAnswers, legacyChannels, legacyWithheldReasons, reportFormats, table2Layouts, table3RowsOf } from './format.ts';
import { balanceLine, legacyLayout, legacyValue, sectionHeadings, table2Blocks, table3Layout } from './labels.ts';
import { hengshui2017, shanghai2019 } from './test-fixtures.ts';

test('table 三 has a label for every row of every format, in the official order and wording', () => {
  for (const format of reportFormats) {
    const lines = table3Layout(format);
    assert.deepEqual(lines.filter((l) => !l.heading).map((l) => l.key), table3RowsOf(format), `${format}: every row once, in order`);
    assert.ok(lines.every((l) => l.label.length > 0 && l.label !== l.key), `${format}: every line has its Chinese label`);
  }
  const labels = table3Layout('2021').map((l) => l.label);
  assert.deepEqual(labels.slice(0, 6), ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '三、本年度办理结果', '（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（三）不予公开']);
  assert.equal(table3Layout('2021').find((l) => l.key === 'withhold.stateSecret')?.label, '1.属于国家秘密');
  assert.equal(table3Layout('2021').find((l) => l.key === 'withhold.security')?.label, '3.危及“三安全一稳定”');
  for (const h of ['（四）无法提供', '（五）不予处理', '（六）其他处理', '（七）总计', '四、结转下年度继续办理']) assert.ok(labels.includes(h), h);
  assert.deepEqual(
    table3Layout('2021').filter((l) => l.key.startsWith('withhold.')).map((l) => [l.level, l.group]),
    Array.from({ length: 8 }, () => [2, 'withhold']),
  );
  const trial = table3Layout('2019');
  assert.deepEqual(trial.find((l) => l.key === 'other'), { key: 'other', label: '（六）其他处理', level: 1, heading: false, group: 'other' });
  assert.ok(!trial.some((l) => l.key === 'heading.other'), 'the trial format has no sub-rows under 其他处理');
});

test('table 二 blocks carry the columns of the rows they hold, with the official headings', () => {
  for (const format of ['2021', '2019'] as const) {
    const blocks = table2Blocks(format);
    assert.deepEqual(blocks.flatMap((b) => b.rows.map((r) => r.key)), table2Layouts[format].map((r) => r.key), `${format}: every row once`);
    for (const b of blocks) for (const r of b.rows) assert.deepEqual(b.columns.map((c) => c.key), table2Layouts[format].find((x) => x.key === r.key)!.columns);
  }
  const b2021 = table2Blocks('2021');
  assert.deepEqual(b2021.map((b) => b.heading), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
  assert.deepEqual(b2021[0]!.columns.map((c) => c.label), ['本年制发件数', '本年废止件数', '现行有效件数']);
  assert.deepEqual(b2021[0]!.rows.map((r) => r.label), ['规章', '行政规范性文件']);
  assert.equal(b2021[3]!.columns[0]!.label, '本年收费金额（单位：万元）');
  const b2019 = table2Blocks('2019');
  assert.deepEqual(b2019[0]!.columns.map((c) => c.label), ['本年新制作数量', '本年新公开数量', '对外公开总数量']);
  assert.deepEqual(b2019.at(-1)!.columns.map((c) => c.label), ['采购项目数量', '采购总金额']);
  assert.deepEqual(b2019[1]!.rows.map((r) => r.label), ['行政许可', '其他对外管理服务事项']);
});

test('sections 一…六 per format', () => {
  assert.deepEqual(sectionHeadings('2021').map((s) => s.heading.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、', '六、']);
  assert.equal(sectionHeadings('2019')[2]!.heading, '三、收到和处理政府信息公开申请情况');
  assert.deepEqual(sectionHeadings('legacy').map((s) => s.heading), ['一、概述', '二、主动公开政府信息情况', '三、政府信息依申请公开情况', '四、政府信息公开收费及减免情况', '五、行政复议和行政诉讼情况', '六、存在的主要问题和改进措施']);
});

test('the legacy statistics list every figure, and read them from the JSON', () => {
  const keys = legacyLayout().map((l) => l.key);
  for (const c of legacyChannels) assert.ok(keys.includes(`byChannel.${c}`), c);
  for (const a of legacyAnswers) assert.ok(keys.includes(`answers.${a}`), a);
  for (const x of legacyWithheldReasons) assert.ok(keys.includes(`withheldByReason.${x}`), x);
  const stats = hengshui2017().json.legacy!;
  const value = (label: string) => legacyValue(stats, legacyLayout().find((l) => l.label === label)!.key);
  assert.equal(value('受理申请数'), 184);
  assert.equal(value('按时办结数'), 181);
  assert.equal(value('行政复议数'), 14);
  assert.equal(value('被依法纠错数'), 2);
  assert.equal(value('行政诉讼数'), 27);
  assert.equal(value('涉及商业秘密或个人隐私'), 6);
  assert.equal(value('依申请提供政府信息收取的费用'), 0);
});

test('the 勾稽关系 line names the columns that do not balance', () => {
  const r = shanghai2019();
  assert.equal(balanceLine(r.json), '勾稽关系：第一项加第二项之和等于第三项加第四项之和，总计列 859 + 18 = 805 + 72 = 877（各列均相符）。');
  r.json.table3.rows.carriedForward![1]! += 1;
  r.json.table3.rows.carriedForward![6]! += 1;
  assert.equal(balanceLine(r.json), '勾稽关系：第一项加第二项之和等于第三项加第四项之和，总计列 859 + 18 = 805 + 73（以下各列不相符：商业企业、总计）。');
});
