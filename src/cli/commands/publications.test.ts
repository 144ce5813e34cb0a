import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDbUrl, describeEachDialect } from '../../../test/helpers/db.ts';
import { cli, servicesFor } from '../../../test/helpers/cli.ts';
import { cliActor } from '../../modules/audit/index.ts';
import { ProgressLine } from './shared.ts';

type Line = Record<string, unknown>;
const jsonl = (lines: (Line | string)[]) => `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;

/** Agencies both databases get: a city government and two departments with their own index-number prefixes. */
const agencyFile = jsonl([
  { code: 'HS', name: '衡水市人民政府', kind: 'government', parent: null, indexPrefix: 'HS0001', indexPattern: '{prefix}/{year}-{serial:5}' },
  { code: 'HS-CZJ', name: '衡水市财政局', kind: 'department', parent: 'HS', indexPrefix: 'CZJ001', indexPattern: '{prefix}/{year}-{serial:5}' },
  { code: 'HS-JYJ', name: '衡水市教育局', kind: 'department', parent: 'HS', indexPrefix: 'JYJ', indexPattern: '{prefix}-{year}-{serial:3}' },
]);

const budgetRule: Line = {
  ref: 'ysgk',
  agency: 'HS-CZJ',
  title: '衡水市市级预算公开办法',
  docNo: '衡财预[2017]12号',
  kind: 'normativeDocument',
  topic: '财政、金融、审计/财政',
  genre: '通知',
  audience: ['公民', '法人'],
  keywords: ['预算公开'],
  summary: '对预算公开的主体、范围、时间和形式作出规定。',
  body: '（演示内容）\n第一条 为规范市级预算公开工作，制定本办法。',
  writtenAt: '2017-05-02',
  publishedAt: '2017-05-05',
  validity: { status: 'inForce', from: '2017-06-01', until: null },
  columns: ['fiscal'],
  indexNo: 'CZJ001/2017-00007',
};
const budgetInterpretation: Line = {
  ref: 'ysgk-jd',
  agency: 'HS-CZJ',
  title: '《衡水市市级预算公开办法》政策解读',
  kind: 'interpretation',
  topic: '财政、金融、审计/财政',
  interprets: 'ysgk',
  body: '<p>（演示内容）</p><p>一、为什么出台。</p><script>alert(1)</script>',
  writtenAt: '2017-05-02',
  publishedAt: '2017-05-05T11:00:00+08:00',
};
const accountsRule: Line = {
  ref: 'jsgk',
  agency: 'HS-CZJ',
  coIssuers: ['HS'],
  title: '衡水市决算公开工作规范',
  docNo: '衡财预〔2017〕13号',
  kind: 'normativeDocument',
  topic: '财政、金融、审计/财政',
  genre: '通知',
  writtenAt: '2017-05-02',
  publishedAt: '2017-05-08T09:30:00+08:00',
};
const news: Line = { ref: 'news-1', agency: 'HS-JYJ', title: '市教育局召开2017年学生资助工作会议', kind: 'news', topic: '科技、教育/教育', writtenAt: '2017-06-01', publishedAt: '2017-06-01T16:00:00+08:00' };

describeEachDialect('gongkai import|export publications', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let dir: string;
  const file = (name: string, lines: (Line | string)[]) => {
    const path = join(dir, name);
    writeFileSync(path, jsonl(lines));
    return path;
  };
  const published = async (url: string) => {
    const s = servicesFor(url);
    try {
      return (await s.publications.publicList({ limit: 1000, offset: 0 })).items;
    } finally {
      await s.storage.close();
    }
  };
  before(async () => {
    db = await createTestDbUrl(dialect);
    dir = mkdtempSync(join(tmpdir(), 'gongkai-pub-'));
    assert.equal((await cli(db.url, ['migrate'])).code, 0);
    const agencies = await cli(db.url, ['agency', 'import', '-'], { stdin: agencyFile });
    assert.equal(agencies.code, 0, agencies.err);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.dispose();
  });

  test('a file with two bad lines imports nothing, names each line and field, and exits 1', async () => {
    const path = file('bad.jsonl', [budgetRule, { ...accountsRule, writtenAt: '2017-02-30' }, '', news, { ...news, ref: 'news-2', agency: 'HS-NOPE', kind: 'gossip' }]);
    const r = await cli(db.url, ['import', 'publications', path]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^line 2: writtenAt: Enter a valid date \(YYYY-MM-DD\)$/m);
    assert.match(r.err, /^line 5: agency: No agency with code HS-NOPE$/m, 'line numbers count the blank line');
    assert.match(r.err, /^line 5: kind: Must be one of: rule, normativeDocument, interpretation, /m);
    assert.doesNotMatch(r.err, /line [134]:/, 'the good lines are not reported');
    assert.match(r.err, /Nothing was imported: 2 bad line\(s\)/);
    assert.match(r.out, /^Imported 0 of 4 items: 0 new, 0 updated, 0 unchanged, 4 failed, in /);
    assert.equal((await published(db.url)).length, 0, 'nothing is half-imported');
  });

  test('a good file imports: summary, published items, kept and next index numbers, the interpretation linked by ref', async () => {
    const r = await cli(db.url, ['import', 'publications', file('good.jsonl', [budgetRule, budgetInterpretation, accountsRule, news])]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Imported 4 of 4 items: 4 new, 0 updated, 0 unchanged, 0 failed, in \d+\.\d s \([\d,]+ items\/s\)\.$/);
    const items = await published(db.url);
    const byTitle = new Map(items.map((p) => [p.title, p]));
    const rule = byTitle.get('衡水市市级预算公开办法')!;
    assert.equal(rule.status, 'published');
    assert.equal(rule.indexNo, 'CZJ001/2017-00007', 'the given index number is kept');
    assert.equal(rule.docNo, '衡财预〔2017〕12号');
    assert.equal(rule.publishedOn, '2017-05-05');
    assert.equal(rule.timelinessDays, 3);
    assert.deepEqual(rule.validity, { status: 'inForce', from: '2017-06-01', until: null, replacedById: null });
    const interpretation = byTitle.get('《衡水市市级预算公开办法》政策解读')!;
    assert.equal(interpretation.indexNo, 'CZJ001/2017-00008', 'numbers continue after the kept one, never reusing it');
    assert.equal(interpretation.interpretsId, rule.id);
    assert.doesNotMatch(interpretation.bodyHtml, /script/);
    const accounts = byTitle.get('衡水市决算公开工作规范')!;
    assert.equal(accounts.indexNo, 'CZJ001/2017-00009');
    assert.equal(accounts.coIssuerIds.length, 1);
    assert.equal(byTitle.get('市教育局召开2017年学生资助工作会议')!.indexNo, 'JYJ-2017-001');
    const s = servicesFor(db.url);
    try {
      assert.deepEqual((await s.publications.interpretationsOf(rule.id)).map((p) => p.id), [interpretation.id]);
      const log = await s.audit.list({ actor: 'cli', limit: 10, offset: 0 });
      assert.ok(log.rows.some((row) => row.action === 'publication.import'));
    } finally {
      await s.storage.close();
    }
  });

  test('running a file again duplicates nothing: unchanged items are left alone, changed ones become a new version', async () => {
    const again = await cli(db.url, ['import', 'publications', file('good.jsonl', [budgetRule, budgetInterpretation, accountsRule, news])]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /0 new, 0 updated, 4 unchanged, 0 failed/);
    const changed = await cli(db.url, ['import', 'publications', '-'], { stdin: jsonl([{ ...accountsRule, title: '衡水市市级决算公开工作规范' }]) });
    assert.equal(changed.code, 0, changed.err);
    assert.match(changed.out, /0 new, 1 updated, 0 unchanged/);
    const items = await published(db.url);
    assert.equal(items.length, 4);
    const accounts = items.find((p) => p.ref === 'jsgk')!;
    assert.deepEqual([accounts.title, accounts.version, accounts.indexNo], ['衡水市市级决算公开工作规范', 2, 'CZJ001/2017-00009']);
  });

  test('index numbers: one already used and one used twice in the file are reported, and nothing is imported', async () => {
    const r = await cli(db.url, [
      'import',
      'publications',
      file('dup.jsonl', [
        { ...news, ref: 'n-a', indexNo: 'CZJ001/2017-00007' },
        { ...news, ref: 'n-b', indexNo: 'JYJ-2018-100' },
        { ...news, ref: 'n-c', indexNo: 'JYJ-2018-100' },
        { ...news, ref: 'n-b', title: '同一外部编号' },
      ]),
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^line 1: indexNo: Index number CZJ001\/2017-00007 is already used; index numbers are never reused$/m);
    assert.match(r.err, /^line 3: indexNo: Index number JYJ-2018-100 is used twice in this file \(also on line 2\)$/m);
    assert.match(r.err, /^line 4: ref: Ref n-b of agency HS-JYJ is used twice in this file \(also on line 2\)$/m);
    assert.equal((await published(db.url)).length, 4);
  });

  test('references: a replaced document may name a later line, an interpretation may not, an unknown one is reported', async () => {
    const older: Line = { ref: 'zdjc-2017', agency: 'HS', title: '衡水市重大行政决策风险评估暂行办法', kind: 'normativeDocument', writtenAt: '2017-07-10', publishedAt: '2017-07-14', validity: { status: 'repealed', from: '2017-08-01', until: '2020-06-30', replacedBy: 'zdjc-2020' } };
    const newer: Line = { ref: 'zdjc-2020', agency: 'HS', title: '衡水市重大行政决策程序规定', kind: 'rule', writtenAt: '2020-05-25', publishedAt: '2020-05-29', validity: { status: 'inForce', from: '2020-07-01' } };
    const early: Line = { ref: 'jd-early', agency: 'HS', title: '提前发布的解读', kind: 'interpretation', interprets: 'zdjc-2020', publishedAt: '2020-05-29' };
    const bad = await cli(db.url, ['import', 'publications', file('refs-bad.jsonl', [older, early, newer, { ...early, ref: 'jd-x', interprets: 'nothing-like-this' }])]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^line 2: interprets: The interpreted document zdjc-2020 comes later in the file \(line 3\); put it before its interpretation$/m);
    assert.match(bad.err, /^line 4: interprets: No publication “nothing-like-this”/m);
    assert.doesNotMatch(bad.err, /line 1:/, 'a forward replacedBy is fine');

    const ok = await cli(db.url, ['import', 'publications', '--batch-size', '1', file('refs.jsonl', [older, newer, { ...early, publishedAt: '2020-05-29T12:00:00+08:00' }])]);
    assert.equal(ok.code, 0, ok.err);
    const items = await published(db.url);
    const o = items.find((p) => p.ref === 'zdjc-2017')!;
    const n = items.find((p) => p.ref === 'zdjc-2020')!;
    assert.equal(o.validity?.status, 'repealed');
    assert.equal(o.validity?.replacedById, n.id, 'linked when the replacing document was written, in a later batch');
    assert.equal(items.find((p) => p.ref === 'jd-early')!.interpretsId, n.id);
    const again = await cli(db.url, ['import', 'publications', file('refs.jsonl', [older, newer, { ...early, publishedAt: '2020-05-29T12:00:00+08:00' }])]);
    assert.match(again.out, /0 new, 0 updated, 3 unchanged/);
  });

  test('--per-batch: a bad line rejects its own batch only; the other batches are imported and the exit code is 1', async () => {
    const line = (i: number): Line => ({ ...news, ref: `pb-${i}`, title: `分批导入第${i}条` });
    const r = await cli(db.url, ['import', 'publications', '--per-batch', '--batch-size', '2', file('batches.jsonl', [line(1), line(2), line(3), { ...line(4), publishedAt: 'yesterday' }, line(5)])]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^line 4: publishedAt: Enter a date \(YYYY-MM-DD\) or a date and time with its offset/m);
    assert.match(r.out, /Imported 3 of 5 items: 3 new, 0 updated, 0 unchanged, 2 failed/);
    assert.match(r.err, /every other batch was imported/);
    const refs = new Set((await published(db.url)).map((p) => p.ref));
    assert.deepEqual([1, 2, 3, 4, 5].map((i) => refs.has(`pb-${i}`)), [true, true, false, false, true]);
  });

  test('Ctrl-C stops the import before its next batch: whole batches stay, the summary says so, exit code 130', async () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => ({ ...news, ref: `ctrl-c-${i}`, title: `市教育局工作简报第${i + 1}期` }));
    const path = file('ctrl-c.jsonl', lines);
    const listeners = process.listenerCount('SIGINT');
    const run = cli(db.url, ['import', 'publications', path, '--batch-size', '200']);
    // The command listens for SIGINT while it imports: press Ctrl-C as soon as it does.
    while (process.listenerCount('SIGINT') === listeners) await new Promise((r) => setImmediate(r));
    process.emit('SIGINT');
    const r = await run;
    assert.equal(r.code, 130, r.err);
    assert.match(r.err, /Stopping after the batch being written/);
    assert.match(r.err, /^Interrupted: /m);
    const kept = Number(/^Imported ([\d,]+) of/m.exec(r.out)?.[1].replace(/,/g, ''));
    assert.ok(kept % 200 === 0 && kept < lines.length, `whole batches only: ${r.out}`);
    assert.equal(process.listenerCount('SIGINT'), listeners, 'the listener is gone: a second Ctrl-C ends the process');
  });

  test('export → import into an empty database gives the same catalog; withdrawn items are not exported', async () => {
    const s = servicesFor(db.url);
    try {
      const victim = (await s.publications.publicList({ limit: 1000, offset: 0 })).items.find((p) => p.ref === 'pb-5')!;
      await s.publications.withdraw(s.users.systemPrincipal(), cliActor, victim.id, '内容有误');
    } finally {
      await s.storage.close();
    }
    const exported = await cli(db.url, ['export', 'publications']);
    assert.equal(exported.code, 0, exported.err);
    const lines = exported.out.split('\n').filter(Boolean);
    const count = (await published(db.url)).length;
    assert.equal(lines.length, count);
    assert.match(exported.err, new RegExp(`Exported ${count} published items`));
    const rows = lines.map((l) => JSON.parse(l));
    assert.ok(!rows.some((r) => r.ref === 'pb-5'), 'the withdrawn item is left out');
    const kinds = rows.map((r) => r.kind);
    assert.ok(kinds.indexOf('interpretation') > kinds.lastIndexOf('normativeDocument'), 'interpretations come after the documents');
    const interpretation = rows.find((r) => r.ref === 'ysgk-jd');
    assert.equal(interpretation.interprets, 'CZJ001/2017-00007', 'references are written as index numbers');

    const target = await createTestDbUrl(dialect);
    try {
      assert.equal((await cli(target.url, ['migrate'])).code, 0);
      assert.equal((await cli(target.url, ['agency', 'import', '-'], { stdin: agencyFile })).code, 0);
      const imported = await cli(target.url, ['import', 'publications', '-'], { stdin: exported.out });
      assert.equal(imported.code, 0, imported.err);
      assert.match(imported.out, new RegExp(`Imported ${count} of ${count} items: ${count} new`));
      const back = await cli(target.url, ['export', 'publications']);
      assert.deepEqual(back.out.split('\n').filter(Boolean).sort(), [...lines].sort(), 'the same lines: titles, index numbers, doc numbers, dates, validity, links, bodies');

      const [source, copy] = [await published(db.url), await published(target.url)];
      const key = (p: (typeof source)[number], all: typeof source) => {
        const no = (id: string | null | undefined) => (id ? all.find((x) => x.id === id)?.indexNo : null);
        return JSON.stringify([p.indexNo, p.title, p.docNo, p.writtenOn, p.publishedAt, p.publishedOn, p.timelinessDays, p.validity && { ...p.validity, replacedById: no(p.validity.replacedById) }, no(p.interpretsId)]);
      };
      assert.deepEqual(copy.map((p) => key(p, copy)).sort(), source.map((p) => key(p, source)).sort());
      assert.ok(copy.some((p) => p.validity?.replacedById), 'a replaced-by link made the trip');
    } finally {
      await target.dispose();
    }
  });

  test('export --agency writes only that agency’s items; an unknown agency exits 1', async () => {
    const r = await cli(db.url, ['export', 'publications', '--agency', 'HS-CZJ']);
    assert.equal(r.code, 0, r.err);
    const rows = r.out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.deepEqual([...new Set(rows.map((x) => x.agency))], ['HS-CZJ']);
    assert.equal(rows.length, 3);
    const unknown = await cli(db.url, ['export', 'publications', '--agency', 'HS-NOPE']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /agency not found: HS-NOPE/);
  });
});

test('import publications: a missing file and bad options are reported before any import', async () => {
  const missing = await cli('sqlite::memory:', ['import', 'publications', join(tmpdir(), 'gongkai-no-such-file.jsonl')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read .*gongkai-no-such-file\.jsonl: no such file/);
  const size = await cli('sqlite::memory:', ['import', 'publications', 'x.jsonl', '--batch-size', 'lots']);
  assert.equal(size.code, 2);
  assert.match(size.err, /--batch-size must be a whole number/);
  const help = await cli(null, ['import', 'publications', '--help']);
  assert.match(help.out, /All or nothing \(the default\)/);
  assert.match(help.out, /--per-batch/);
});

test('progress off a terminal: one line every 10,000 items with the count, the percent when known, and the rate', () => {
  const lines: string[] = [];
  const bar = new ProgressLine((l) => lines.push(l), { tty: false });
  for (let done = 1000; done <= 25_000; done += 1000) bar.update('Importing', done, 'items', done / 25_000, done); // 1,000 items/s
  bar.end();
  bar.update('Exporting', 12_000, 'items', null, 4000);
  assert.deepEqual(lines, ['Importing: 10,000 items (40%), 1,000 items/s', 'Importing: 20,000 items (80%), 1,000 items/s', 'Exporting: 12,000 items, 3,000 items/s']);
});
