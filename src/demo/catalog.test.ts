import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { buildTestApp, type TestApp } from '../../test/helpers/app.ts';
import { isTopic, kinds, validityKinds } from '../modules/catalog/index.ts';
import { buildDemoPublicationLines, demoPublicationLines, DEMO_MARK, GENERATED_ITEMS } from './catalog.ts';
import { demoAgencies, demoUsers, loadDemo } from './index.ts';

/** Documents the 2017 report names, which the demo catalog must hold. */
const namedInReport = [
  '衡水市2017年政务公开工作任务分解方案',
  '衡水市重大行政决策风险评估暂行办法',
  '衡水市政府核准的投资项目目录（2017年本）',
  '衡水市市级预算公开办法',
  '衡水市决算公开工作规范',
  '衡水市权责清单管理办法',
  '衡水市新闻发布工作考核办法',
  '衡水市2017年度政务公开工作考核指标体系',
  '衡水市行政许可标准化实施方案',
  '排污许可证“一证式”监督管理办法（试行）',
  '衡水市执行的政府性基金目录清单',
];

test('the demo catalog: the report’s documents, the 2017 annual report, thousands of items over kinds, topics, agencies and years, all marked as demo text', () => {
  const lines = demoPublicationLines();
  assert.deepEqual(buildDemoPublicationLines(), lines, 'deterministic: built again, the same lines');
  assert.ok(lines.length >= GENERATED_ITEMS, `${lines.length} items`);
  for (const title of namedInReport) assert.ok(lines.some((l) => l.title.includes(title)), title);

  const report = lines.find((l) => l.title === '衡水市2017年政府信息公开工作年度报告')!;
  assert.equal(report.kind, 'annualReport');
  assert.equal(report.agency, 'HS');
  assert.equal(report.publishedAt!.slice(0, 10), '2018-02-06');
  assert.ok(report.body!.includes('本年度报告依据《中华人民共和国政府信息公开条例》'), 'the report’s own text');
  assert.ok(report.body!.includes('主动公开规范性文件464件'));
  const reference = readFileSync(new URL('./hengshui-2017-annual-report.txt', import.meta.url), 'utf8');
  assert.ok(reference.includes('二、主动公开政府信息情况') && report.body!.includes(reference.trim()));

  const codes = new Set(demoAgencies.map((a) => a.code));
  const refs = new Set<string>();
  for (const l of lines) {
    assert.ok(l.body!.startsWith(DEMO_MARK), `${l.title}: the body says it is demo text`);
    assert.ok(codes.has(l.agency), l.agency);
    for (const c of l.coIssuers ?? []) assert.ok(codes.has(c), c);
    assert.ok(l.topic && isTopic(l.topic), `${l.title}: topic ${l.topic}`);
    assert.ok(l.ref && !refs.has(`${l.agency}|${l.ref}`), `${l.ref} unique within its agency`);
    refs.add(`${l.agency}|${l.ref}`);
    if (l.writtenAt) assert.ok(l.writtenAt <= l.publishedAt!.slice(0, 10), `${l.title}: written before published`);
    if (validityKinds.includes(l.kind)) assert.ok(l.validity, `${l.title}: validity`);
    if (l.docNo) assert.match(l.docNo, /〔20\d\d〕/);
  }
  assert.deepEqual(new Set(lines.map((l) => l.kind)), new Set(kinds), 'every kind');
  assert.deepEqual([...new Set(lines.map((l) => l.publishedAt!.slice(0, 4)))].sort(), ['2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
  const editor = demoUsers.find((u) => u.role === 'editor')!;
  assert.ok(lines.filter((l) => l.agency === editor.agency).length >= 30, 'the demo editor’s agency has items of its own');
  assert.ok(new Set(lines.map((l) => l.agency)).size >= demoAgencies.length * 0.9, 'spread over the agencies');
  assert.ok(lines.some((l) => l.validity?.status === 'repealed' && l.validity.replacedBy), 'some documents were replaced');
  assert.ok(lines.filter((l) => l.kind === 'interpretation').every((l) => refs.has(`${l.agency}|${l.interprets}`)), 'interpretations name their documents by ref');
});

describeEachDialect('loading the demo catalog', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect);
  });
  after(() => t.dispose());

  test('loads every item published, with the report’s links; loading again gives the same number of items', async () => {
    const first = await loadDemo(t.services);
    const expected = demoPublicationLines().length;
    assert.equal(first.publications, expected);
    const s = t.services.publications;
    const total = async () => (await s.publicList({ limit: 1, offset: 0 })).total;
    assert.equal(await total(), expected);

    const [rule] = await s.byDocNo('衡政办字〔2017〕41号');
    assert.equal(rule.title, '衡水市重大行政决策风险评估暂行办法');
    assert.equal(rule.validity?.status, 'repealed');
    const successor = await s.publicGet(rule.validity!.replacedById!);
    assert.equal(successor.title, '衡水市重大行政决策程序规定', 'linked to the later rule that replaced it');
    assert.deepEqual((await s.interpretationsOf(rule.id)).map((p) => p.title), ['《衡水市重大行政决策风险评估暂行办法》政策解读']);
    const [report] = (await s.publicList({ limit: 50, offset: 0, kinds: ['annualReport'], year: 2018 })).items.filter((p) => p.title === '衡水市2017年政府信息公开工作年度报告');
    assert.equal(report.publishedOn, '2018-02-06');
    assert.match(report.indexNo!, /\/2018-\d{5}$/);

    const editor = await t.services.users.signIn('demo-editor', demoUsers.find((u) => u.username === 'demo-editor')!.password, { ip: null, userAgent: null });
    const own = await s.staffList(editor.principal, { limit: 5, offset: 0 });
    assert.ok(own.total >= 30, `the demo editor sees ${own.total} items`);

    const again = await loadDemo(t.services);
    assert.equal(again.publications, expected);
    assert.equal(await total(), expected, 'a reload adds no items');
    assert.equal((await s.versions(rule.id)).length, 1, 'and leaves unchanged items without a new version');
  });
});
