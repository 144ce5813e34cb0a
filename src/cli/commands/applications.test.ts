import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDbUrl, describeEachDialect } from '../../../test/helpers/db.ts';
import { cli, servicesFor } from '../../../test/helpers/cli.ts';

const ID = '13990019800101001X';
const agencyFile = [
  { code: 'HS', name: '衡水市人民政府', kind: 'government', parent: null },
  { code: 'HS-JYJ', name: '衡水市教育局', kind: 'department', parent: 'HS' },
].map((l) => JSON.stringify(l)).join('\n');
const base = {
  agency: 'HS-JYJ',
  applicant: { type: 'natural', name: '张某甲', idType: 'residentId', idNumber: ID, phone: '0318-0900001' },
  channel: 'inPerson',
  receivedAt: '2025-03-03',
  description: '申请公开2025年义务教育阶段学校招生划片范围。',
  form: 'paper',
  delivery: 'collect',
};

describeEachDialect('gongkai import|export applications', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let dir: string;
  before(async () => {
    db = await createTestDbUrl(dialect);
    dir = mkdtempSync(join(tmpdir(), 'gongkai-app-'));
    assert.equal((await cli(db.url, ['migrate'])).code, 0);
    assert.equal((await cli(db.url, ['agency', 'import', '-'], { stdin: agencyFile })).code, 0);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.dispose();
  });

  test('a bad file: every bad line named, nothing imported, exit 1; a good one: summary with late cases and agencies', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, [
      { ...base, ref: 'X-1', events: [{ type: 'answered', on: '2025-03-10', outcome: 'disclose' }] },
      { ...base, ref: 'X-2', events: [{ type: 'extended', on: '2025-03-10', days: 30 }] },
      { ...base, ref: 'X-3', agency: 'HS-NOPE' },
    ].map((l) => JSON.stringify(l)).join('\n'));
    const r = await cli(db.url, ['import', 'applications', bad]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^line 2: events\[0\]: An extension may be at most 20 working days$/m);
    assert.match(r.err, /^line 3: agency: No agency with code HS-NOPE$/m);
    assert.match(r.err, /Nothing was imported: 2 bad line\(s\)/);
    assert.match(r.out, /^Imported 0 of 3 cases: 3 rejected/);

    const good = join(dir, 'good.jsonl');
    writeFileSync(good, [
      { ...base, ref: 'G-1', events: [{ type: 'answered', on: '2025-03-10', outcome: 'disclose' }] },
      { ...base, ref: 'G-2', events: [{ type: 'answered', on: '2025-04-03', outcome: 'partial' }] },
    ].map((l) => JSON.stringify(l)).join('\n'));
    const ok = await cli(db.url, ['import', 'applications', good]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^Imported 2 of 2 cases: 0 rejected, 1 answered late, 0 still open, in /m);
    assert.match(ok.out, /^HS-JYJ\s+2$/m);
  });

  test('export: no personal data unless --include-personal, which is audited', async () => {
    const plain = await cli(db.url, ['export', 'applications', '--agency', 'HS-JYJ', '--year', '2025']);
    assert.equal(plain.code, 0, plain.err);
    const lines = plain.out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.doesNotMatch(plain.out, new RegExp(ID));
    assert.equal(lines[0].applicant.name, '张**', 'a natural person’s name is masked too');
    const full = await cli(db.url, ['export', 'applications', '--include-personal']);
    assert.match(full.out, new RegExp(ID));
    assert.match(full.out, /张某甲/);
    assert.match(full.err, /with personal data \(recorded in the audit log\)/);
    const s = servicesFor(db.url);
    try {
      const log = await s.audit.list({ actor: 'cli', limit: 20, offset: 0 });
      assert.ok(log.rows.some((r) => r.action === 'application.exportPersonal'));
    } finally {
      await s.storage.close();
    }
    assert.equal((await cli(db.url, ['export', 'applications', '--agency', 'NOPE'])).code, 2);
  });
});
