import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor } from '../audit/index.ts';
import { FingerprintMap, importPublications, parseIndexNumber, readLines, type ImportProgress } from './import.ts';

async function collect(chunks: (string | Buffer)[]): Promise<{ line: number; text: string }[]> {
  const out: { line: number; text: string }[] = [];
  for await (const l of readLines(Readable.from(chunks))) out.push(l);
  return out;
}

test('readLines: line numbers count blank lines, CRLF and a BOM are stripped, a character split across chunks survives', async () => {
  const bytes = Buffer.from('\uFEFF{"a":1}\r\n\n  \n{"title":"衡水市决算公开工作规范"}\n{"b":2}', 'utf8');
  const split = bytes.indexOf(Buffer.from('决', 'utf8')) + 1; // in the middle of a three-byte character
  const lines = await collect([bytes.subarray(0, split), bytes.subarray(split)]);
  assert.deepEqual(lines, [
    { line: 1, text: '{"a":1}' },
    { line: 4, text: '{"title":"衡水市决算公开工作规范"}' },
    { line: 5, text: '{"b":2}' },
  ]);
});

test('parseIndexNumber reads year and serial back with the agency’s pattern, and refuses numbers of another form', () => {
  assert.deepEqual(parseIndexNumber('{prefix}/{year}-{serial:5}', '11131100DEM0000012', '11131100DEM0000012/2017-00110'), { year: 2017, serial: 110 });
  assert.deepEqual(parseIndexNumber('{prefix}-{year}-{serial:3}', 'JYJ', 'JYJ-2021-042'), { year: 2021, serial: 42 });
  assert.deepEqual(parseIndexNumber(null, 'A.B', 'A.B/2019-7'), { year: 2019, serial: 7 }, 'the default pattern; the prefix is literal text');
  assert.equal(parseIndexNumber('{prefix}/{year}-{serial:5}', 'JYJ', 'AXB/2017-00001'), null);
  assert.equal(parseIndexNumber('{prefix}/{year}-{serial:5}', 'JYJ', 'JYJ/2017-00001-x'), null);
});

test('FingerprintMap keeps a number per key through growth and deletions, like a Map', () => {
  const m = new FingerprintMap();
  const ref = new Map<string, number>();
  const keyOf = (i: number) => (i % 2 ? `n\u0000DEM000008/2017-${String(i).padStart(5, '0')}` : `r\u0000HS-CZJ\u0000ext-${i}`);
  for (let i = 1; i <= 50_000; i++) {
    m.set(keyOf(i), i);
    ref.set(keyOf(i), i);
    if (i % 7 === 0) {
      m.delete(keyOf(Math.floor(i / 3)));
      ref.delete(keyOf(Math.floor(i / 3)));
    }
  }
  m.set(keyOf(9), 99); // setting again replaces
  ref.set(keyOf(9), 99);
  assert.equal(m.size, ref.size);
  for (const [k, v] of ref) assert.equal(m.get(k), v);
  assert.equal(m.get('n\u0000DEM000008/2017-99999'), undefined);
  assert.equal(m.has('r\u0000HS-CZJ\u0000ext-2'), ref.has('r\u0000HS-CZJ\u0000ext-2'));
});

/** JSON lines made one at a time, only when the importer pulls them; `produced` says how far the generator got. */
function generatedInput(total: number, line: (i: number) => object) {
  const state = { produced: 0, opened: 0 };
  const open = () => {
    state.opened++;
    state.produced = 0;
    return Readable.from(
      (function* () {
        for (let i = 1; i <= total; i++) {
          state.produced = i;
          yield `${JSON.stringify(line(i))}\n`;
        }
      })(),
    );
  };
  return { state, open };
}

const news = (i: number) => ({ agency: 'HS', title: `衡水市政务公开工作动态第${i}期`, kind: 'news', topic: '综合政务/政务公开', writtenAt: '2017-03-01', publishedAt: '2017-03-06', indexNo: `HS0001/2017-${String(i).padStart(5, '0')}`, body: `（演示内容）第${i}期：全面推进决策、执行、管理、服务和结果“五公开”。` });

describeEachDialect('bulk import streams its input', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government', indexPrefix: 'HS0001', indexPattern: '{prefix}/{year}-{serial:5}' });
  });
  after(() => t.dispose());

  test('a 20,000-line input is checked as a stream (the reader never runs ahead), and one bad last line keeps all of it out', async () => {
    const total = 20_000;
    const input = generatedInput(total, (i) => (i === total ? { agency: 'HS', kind: 'news' } : news(i)));
    let maxAhead = 0;
    const s = await importPublications({ db: t.db.db, publications: t.services.publications, clock: t.clock }, input.open, {
      actor: cliActor,
      onProgress: (p) => (maxAhead = Math.max(maxAhead, input.state.produced - p.lines)),
    });
    assert.ok(maxAhead <= 64, `the reader ran ${maxAhead} lines ahead of the checks`);
    assert.equal(input.state.opened, 1, 'no second pass: nothing to write');
    assert.deepEqual([s.lines, s.imported, s.badLines, s.failed, s.complete], [total, 0, 1, total, false]);
    assert.deepEqual(s.issues.map((i) => [i.line, i.field, i.message]), [[total, 'title', s.issues[0].message]]);
    assert.equal((await t.services.publications.publicList({ limit: 1, offset: 0 })).total, 0, 'nothing was imported');
  });

  test('a clean input is read twice as a stream (check, then write in batches) and every item is published with its index number', async () => {
    const total = 2_000;
    const input = generatedInput(total, news);
    let maxAhead = 0;
    const phases = new Set<string>();
    const s = await importPublications({ db: t.db.db, publications: t.services.publications, clock: t.clock }, input.open, {
      actor: cliActor,
      batchSize: 250,
      onProgress: (p: ImportProgress) => {
        phases.add(p.phase);
        maxAhead = Math.max(maxAhead, input.state.produced - p.lines);
      },
    });
    assert.equal(input.state.opened, 2, 'all or nothing: one pass to check, one to write');
    assert.deepEqual([...phases], ['check', 'import']);
    assert.ok(maxAhead <= 64, `the reader ran ${maxAhead} lines ahead of the importer`);
    assert.deepEqual([s.lines, s.imported, s.updated, s.failed, s.complete], [total, total, 0, 0, true]);
    assert.equal((await t.services.publications.publicList({ limit: 1, offset: 0 })).total, total);
    const last = await t.services.publications.publicGet('HS0001/2017-02000');
    assert.equal(last.title, '衡水市政务公开工作动态第2000期');
    assert.equal(last.publishedOn, '2017-03-06');
  });
});
