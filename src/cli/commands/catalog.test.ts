import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDbUrl, describeEachDialect } from '../../../test/helpers/db.ts';
import { cli, servicesFor } from '../../../test/helpers/cli.ts';
import { removeDocument } from '../../storage/search/index.ts';

const jsonl = (lines: object[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;

const agencyFile = jsonl([
  { code: 'HS', name: '衡水市人民政府', kind: 'government', parent: null, indexPrefix: 'HS0001', indexPattern: '{prefix}/{year}-{serial:5}' },
  { code: 'HS-CZJ', name: '衡水市财政局', kind: 'department', parent: 'HS', indexPrefix: 'CZJ001', indexPattern: '{prefix}/{year}-{serial:5}' },
]);
const items = jsonl([
  // in force until 2020: the end date has passed (the CLI runs on today's date)
  { ref: 'old', agency: 'HS-CZJ', title: '衡水市市级预算公开暂行办法', docNo: '衡财预〔2017〕12号', kind: 'normativeDocument', topic: '财政、金融、审计/财政', writtenAt: '2017-05-02', publishedAt: '2017-05-05', validity: { status: 'inForce', from: '2017-06-01', until: '2020-12-31' } },
  // in force without an end date: stays in force
  { ref: 'open', agency: 'HS-CZJ', title: '衡水市决算公开工作规范', docNo: '衡财预〔2017〕13号', kind: 'normativeDocument', topic: '财政、金融、审计/财政', writtenAt: '2017-05-02', publishedAt: '2017-05-08', validity: { status: 'inForce', from: '2017-06-01', until: null } },
  { ref: 'news', agency: 'HS-CZJ', title: '市财政局召开预算编制工作会议', kind: 'news', topic: '财政、金融、审计/财政', writtenAt: '2017-06-01', publishedAt: '2017-06-01' },
]);

describeEachDialect('gongkai catalog apply-validity | search reindex', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  before(async () => {
    db = await createTestDbUrl(dialect);
    assert.equal((await cli(db.url, ['migrate'])).code, 0);
    assert.equal((await cli(db.url, ['agency', 'import', '-'], { stdin: agencyFile })).code, 0);
    const r = await cli(db.url, ['import', 'publications', '-'], { stdin: items });
    assert.equal(r.code, 0, r.err);
  });
  after(() => db.dispose());

  const byTitle = async (title: string) => {
    const s = servicesFor(db.url);
    try {
      return (await s.publications.publicList({ limit: 100, offset: 0 })).items.find((p) => p.title === title)!;
    } finally {
      await s.storage.close();
    }
  };

  test('--help describes both commands; bad usage exits 2', async () => {
    const h1 = await cli(null, ['catalog', 'apply-validity', '--help']);
    assert.equal(h1.code, 0);
    assert.match(h1.out, /^Usage: gongkai catalog apply-validity/);
    assert.match(h1.out, /00:05 Asia\/Shanghai/);
    const h2 = await cli(null, ['search', 'reindex', '--help']);
    assert.equal(h2.code, 0);
    assert.match(h2.out, /^Usage: gongkai search reindex/);
    assert.match(h2.out, /--batch-size VALUE/);
    assert.equal((await cli(db.url, ['search', 'reindex', '--batch-size', 'lots'])).code, 2);
    assert.equal((await cli(db.url, ['catalog', 'apply-validity', 'extra'])).code, 2);
    assert.match((await cli(null, ['--help'])).out, /search reindex/);
  });

  test('a database that does not exist: exit 1 with the reason', async () => {
    const r = await cli('sqlite:/nonexistent/dir/none.db', ['search', 'reindex']);
    assert.equal(r.code, 1);
    assert.match(r.err, /run `gongkai migrate` first/);
  });

  test('apply-validity expires a document whose end date passed, once, audited as cli; the other stays in force', async () => {
    const r = await cli(db.url, ['catalog', 'apply-validity']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Expired 1 document\(s\) whose validity ended before \d{4}-\d\d-\d\d\.$/);
    assert.equal((await byTitle('衡水市市级预算公开暂行办法')).validity?.status, 'expired');
    assert.equal((await byTitle('衡水市决算公开工作规范')).validity?.status, 'inForce');
    const again = await cli(db.url, ['catalog', 'apply-validity', '--json']);
    assert.equal(again.code, 0, again.err);
    assert.equal(JSON.parse(again.out).expired, 0, 'running it again changes nothing');
    const s = servicesFor(db.url);
    try {
      const log = await s.audit.list({ actor: 'cli', limit: 50, offset: 0 });
      const entries = log.rows.filter((row) => row.action === 'publication.validityExpired');
      assert.equal(entries.length, 1);
      assert.equal(entries[0].targetLabel, 'CZJ001/2017-00001');
      const events = await s.publications.events((await byTitle('衡水市市级预算公开暂行办法')).id);
      assert.ok(events.some((e) => e.action === 'validityChanged' && e.actorName === 'cli'));
    } finally {
      await s.storage.close();
    }
  });

  test('search reindex rebuilds a lost index: progress with count and rate, a summary, exit 0', async () => {
    const s = servicesFor(db.url);
    try {
      const before = await s.search.search({ q: '预算' });
      assert.equal(before.total, 2);
      for (const p of (await s.publications.publicList({ limit: 100, offset: 0 })).items) await removeDocument(s.storage.db, p.id);
      assert.equal((await s.search.search({ q: '预算' })).total, 0, 'the index is empty');
    } finally {
      await s.storage.close();
    }
    const r = await cli(db.url, ['search', 'reindex', '--batch-size', '2']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^Indexing: 2 items \(66%\), [\d,]+ items\/s$/m);
    assert.match(r.err, /^Indexing: 3 items \(100%\), [\d,]+ items\/s$/m);
    assert.match(r.out, /^Indexed 3 published items in \d+\.\d s \([\d,]+ items\/s\)\.$/);
    const after = servicesFor(db.url);
    try {
      const found = await after.search.search({ q: '预算' });
      assert.equal(found.total, 2, 'the items are found again');
      const expired = found.groups.documents.items.find((i) => i.title.includes('暂行办法'));
      assert.equal(expired?.validityStatus, 'expired', 'the index carries the current validity');
    } finally {
      await after.storage.close();
    }
    const j = await cli(db.url, ['search', 'reindex', '--json']);
    assert.equal(j.code, 0, j.err);
    assert.equal(JSON.parse(j.out).indexed, 3);
  });
});
