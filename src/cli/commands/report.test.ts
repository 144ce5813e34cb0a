import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDbUrl, describeEachDialect } from '../../../test/helpers/db.ts';
import { cli, servicesFor } from '../../../test/helpers/cli.ts';

const shanghai = new URL('../../../test/fixtures/reports/shanghai-2019.json', import.meta.url);

describeEachDialect('gongkai report annual', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let dir: string;
  before(async () => {
    db = await createTestDbUrl(dialect);
    dir = mkdtempSync(join(tmpdir(), 'gongkai-report-'));
    assert.equal((await cli(db.url, ['migrate'])).code, 0);
    const demo = await cli(db.url, ['demo']);
    assert.equal(demo.code, 0, demo.err);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.dispose();
  });

  test('the 2017 reference case: the city report’s figures, and all 184 answers accounted for', async () => {
    const r = await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2017', '--rollup', '--format', 'legacy', '--json']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual([json.format, json.agency, json.year, json.scope], ['legacy', 'HS', 2017, 'rollup']);
    const l = json.legacy;
    assert.equal(l.received, 184);
    assert.equal(l.completed, 184);
    assert.equal(l.extended, 3);
    const a = l.answers;
    assert.deepEqual([a.alreadyPublished, a.disclosed, a.partial, a.withheld, a.notThisAgency, a.notExist], [31, 38, 6, 8, 68, 16]);
    assert.equal(a.correction + a.otherChannel + a.other, 17, 'the 17 answers the original report leaves out');
    assert.equal(Object.values(a as Record<string, number>).reduce((s, x) => s + x, 0), 184);
    assert.deepEqual(l.reconsideration, [12, 2, 0]);
    assert.deepEqual(l.litigation, [19, 3, 5]);
    assert.equal(l.fees, 0);
    // The 2021 mapping of the same cases balances too.
    assert.equal(json.table3.rows.received[6], 184);
    assert.equal(json.table3.rows.total[6], 184);
    assert.ok(json.checks.length > 0);
    assert.deepEqual(json.checks.filter((c: { ok: boolean }) => !c.ok), []);
    assert.ok(json.parts.some((p: { agency: string }) => p.agency === 'HS-JYJ'), 'each agency’s row is in the roll-up');
  });

  test('the terminal summary: title, table 三’s main rows, table 四, the checks', async () => {
    const r = await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2017', '--rollup', '--format', 'legacy']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^衡水市人民政府2017年政府信息公开工作年度报告$/m);
    assert.match(r.out, /^一 received\s+150\s+26\s+0\s+0\s+8\s+0\s+184$/m);
    assert.match(r.out, /^三 handled \(total\)\s+.*\s184$/m);
    assert.match(r.out, /^reconsideration\s+12\s+2\s+0\s+0\s+14$/m);
    assert.match(r.out, /^Checks: all \d+ passed\.$/m);
    assert.equal(r.err, '');

    // Without --rollup: the city government's own records only.
    const own = await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2017', '--format', 'legacy', '--json']);
    assert.equal(own.code, 0, own.err);
    const j = JSON.parse(own.out);
    assert.equal(j.scope, 'agency');
    assert.equal(j.parts, undefined);
    assert.ok(j.legacy.received < 184);
  });

  test('--out writes Word, Excel, a web page and JSON by the extension', async () => {
    const files = { docx: join(dir, 'r.docx'), xlsx: join(dir, 'r.xlsx'), html: join(dir, 'r.html'), json: join(dir, 'r.json') };
    for (const [kind, file] of Object.entries(files)) {
      const r = await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2025', '--rollup', '--out', file]);
      assert.equal(r.code, 0, `${kind}: ${r.err}`);
      assert.match(r.out, new RegExp(`^Wrote ${file.replace(/[.\\/]/g, '\\$&')} \\([\\d,]+ bytes\\): 衡水市人民政府2025年政府信息公开工作年度报告\\.$`, 'm'));
    }
    assert.deepEqual([...readFileSync(files.docx).subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'DOCX is a zip');
    assert.deepEqual([...readFileSync(files.xlsx).subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'XLSX is a zip');
    const html = readFileSync(files.html, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<h1>衡水市人民政府2025年政府信息公开工作年度报告<\/h1>/);
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) assert.ok(html.includes(h), h);
    assert.match(html, /<svg /, 'charts inline');
    assert.doesNotMatch(html, /<script|<link |src="http/i, 'self-contained');
    const json = JSON.parse(readFileSync(files.json, 'utf8'));
    assert.equal(json.format, '2021');
    const printed = JSON.parse((await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2025', '--rollup', '--json'])).out);
    assert.deepEqual(json.table3, printed.table3, 'the file holds what --json prints');
    assert.match(html, new RegExp(`一、本年新收政府信息公开申请数量</th>.*?>${printed.table3.rows.received[6]}</td></tr>`), 'the received total is in the page');
  });

  test('the demo’s entered figures fill table 二 of 2025 (the roll-up adds them up), and a demo reload changes nothing', async () => {
    const compile = async () => JSON.parse((await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2025', '--rollup', '--json'])).out);
    const json = await compile();
    assert.deepEqual(json.table2.permits, [19_873 + 5_530 + 3_108]);
    assert.deepEqual(json.table2.penalties, [1_218 + 198 + 3_872 + 49]);
    assert.deepEqual(json.table2.enforcement, [64 + 33]);
    assert.deepEqual(json.table2.fees, [1_266.77]);
    const approval = json.parts.find((p: { agency: string }) => p.agency === 'HS-XZSPJ');
    assert.deepEqual(approval.table2.permits, [19_873]);
    assert.ok(json.checks.filter((c: { rule: string }) => c.rule === 'rollup.sum').every((c: { ok: boolean }) => c.ok));
    const own = JSON.parse((await cli(db.url, ['report', 'annual', '--agency', 'HS-SCJGJ', '--year', '2024', '--json'])).out);
    assert.deepEqual([own.table2.penalties, own.table2.enforcement], [[1_352], [87]]);

    assert.equal((await cli(db.url, ['demo'])).code, 0);
    assert.deepEqual((await compile()).table2, json.table2);
  });

  test('bad usage exits 2 before compiling; an unknown agency exits 1', async () => {
    const bad = await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2025', '--format', '2020']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--format must be 2021, 2019 or legacy/);
    const out = await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2025', '--out', join(dir, 'r.pdf')]);
    assert.equal(out.code, 2);
    assert.match(out.err, /--out must end in \.docx, \.xlsx, \.html or \.json/);
    const both = await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2025', '--json', '--out', join(dir, 'x.json')]);
    assert.equal(both.code, 2);
    const missing = await cli(db.url, ['report', 'annual', '--year', '2025']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--agency is required/);
    const unknown = await cli(db.url, ['report', 'annual', '--agency', 'HS-NOPE', '--year', '2025']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /agency not found: HS-NOPE/);
  });

  test('a failing check: exit 1, the file written all the same, the check named on stderr', async () => {
    // A published 2016 report of the city that carried 5 cases forward, where the records carry none into 2017.
    const s = servicesFor(db.url);
    const at = '2017-03-31T00:00:00.000Z';
    try {
      const hs = (await s.agencies.tree()).byCode.get('HS')!;
      const table3 = { columns: [], rows: { carriedForward: [5, 0, 0, 0, 0, 0, 5] } };
      await s.storage.db
        .insertInto('annual_reports')
        .values({ id: 'test-2016', agency_id: hs.id, year: 2016, scope: 'rollup', format: 'legacy', status: 'published', texts: '{}', snapshot: JSON.stringify({ json: { year: 2016, table3 } }), published_on: '2017-03-31', created_at: at, updated_at: at })
        .execute();
      const file = join(dir, 'failing.json');
      const r = await cli(db.url, ['report', 'annual', '--agency', 'HS', '--year', '2017', '--rollup', '--format', 'legacy', '--out', file]);
      assert.equal(r.code, 1);
      assert.match(r.out, /^Checks: \d+ passed, 2 failed\.$/m);
      assert.match(r.err, /^FAILED table3\.carriedOver .*2016:table3\.carriedForward\.natural, table3\.carriedOver\.natural: 5 ≠ 0$/m);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).checks.filter((c: { ok: boolean }) => !c.ok).length, 2);
    } finally {
      await s.storage.db.deleteFrom('annual_reports').where('id', '=', 'test-2016').execute();
      await s.storage.close();
    }
  });
});

test('gongkai report check: the spec’s Shanghai 2019 report passes; one number changed fails and names the cell', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-check-'));
  try {
    const ok = await cli(null, ['report', 'check', shanghai.pathname]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^SH-GOV-OFFICE 2019 \(format 2019, scope agency\):$/m);
    assert.match(ok.out, /Checks: all \d+ passed\./);
    assert.doesNotMatch(ok.out, /FAILED/);

    // 予以公开 of natural persons: 258 → 259 (as if the text's figure had been typed into the table).
    const data = JSON.parse(readFileSync(shanghai, 'utf8'));
    data.table3.rows.disclose[0] = 259;
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(data));
    const bad = await cli(null, ['report', 'check', broken]);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /^ {2}FAILED table3\.leafSum .*table3\.disclose\.natural.*: 767 ≠ 768$/m);
    assert.match(bad.out, /^ {2}FAILED table3\.rowTotal .*table3\.disclose\.total.*: 272 ≠ 273$/m);
    assert.match(bad.out, /Checks: \d+ passed, 2 failed\./);

    const asJson = await cli(null, ['report', 'check', '--json', '-'], { stdin: JSON.stringify(data) });
    assert.equal(asJson.code, 1);
    const result = JSON.parse(asJson.out);
    assert.equal(result.ok, false);
    assert.deepEqual(result.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { rule: string }) => c.rule), ['table3.leafSum', 'table3.rowTotal']);

    // Two consecutive years in one file: last year's carried forward must be this year's carried over.
    const next = JSON.parse(readFileSync(shanghai, 'utf8'));
    next.year = 2020;
    next.table3.rows.carriedOver = [70, 0, 0, 0, 0, 0, 70];
    next.table3.rows.received = [769, 35, 0, 0, 2, 1, 807];
    const pair = await cli(null, ['report', 'check', '-'], { stdin: JSON.stringify([JSON.parse(readFileSync(shanghai, 'utf8')), next]) });
    assert.equal(pair.code, 1);
    assert.match(pair.out, /FAILED table3\.carriedOver .*2019:table3\.carriedForward\.natural, table3\.carriedOver\.natural: 72 ≠ 70$/m);
    assert.equal(pair.out.match(/FAILED/g)?.length, 2, 'the natural persons’ column and the total column');

    const malformed = await cli(null, ['report', 'check', '-'], { stdin: JSON.stringify({ ...data, table3: { rows: { received: [1, 2, 3] } } }) });
    assert.equal(malformed.code, 2);
    assert.match(malformed.err, /^table3\.rows\.received: Must be 7 numbers/m);
    assert.match(malformed.err, /nothing was checked/);
    const notJson = await cli(null, ['report', 'check', '-'], { stdin: '{"format": ' });
    assert.equal(notJson.code, 2);
    assert.match(notJson.err, /standard input is not JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
