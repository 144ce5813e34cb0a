import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../../test/helpers/cli.ts';
import { createTestDbUrl } from '../../../test/helpers/db.ts';

test('gongkai deadline: bad usage exits 2 with a clear reason, before touching any database', async () => {
  const nowhere = join(tmpdir(), 'gongkai-never-created', 'x.db');
  const cases: [string[], RegExp][] = [
    [[], /--received is required/],
    [['--received', '2025-02-30'], /--received must be a date as YYYY-MM-DD \(got '2025-02-30'\)/],
    [['--received', '2025-09-26', '--rules', 'cn-2020'], /--rules must be cn-2019 or cn-2007/],
    [['--received', '2025-09-26', '--pause', '2025-10-09'], /--pause must be FROM:TO/],
    [['--received', '2025-09-26', '--pause', '2025-10-09:2025-13-01'], /--pause must be FROM:TO with dates/],
    [['--received', '2025-09-26', '--pause', '2025-10-16:2025-10-09'], /TO \(2025-10-09\) is before FROM \(2025-10-16\)/],
    [['--received', '2025-09-26', '--corrected', '2025-10-09'], /--corrected needs --correction-requested/],
    [['--received', '2025-09-26', '--correction-requested', '2025-10-09', '--corrected', '2025-10-08'], /--corrected \(2025-10-08\) is before --correction-requested/],
    [['--received', '2025-09-26', '--extend', '21'], /--extend 21 is more than the 20 working days cn-2019 allows/],
    [['--received', '2018-03-01', '--extend', '16'], /--extend 16 is more than the 15 working days cn-2007 allows/],
    [['--received', '2025-09-26', '--extend', 'ten'], /--extend must be a whole number/],
    [['--received', '2018-03-01', '--pause', 'agency:2018-03-05:2018-03-09'], /does not stop the clock under cn-2007/],
    [['--received', '2025-09-26', '--as-of', 'today'], /--as-of must be a date/],
  ];
  for (const [args, reason] of cases) {
    const r = await cli(`sqlite:${nowhere}`, ['deadline', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, reason, args.join(' '));
    assert.match(r.err, /Usage: gongkai deadline --received YYYY-MM-DD/);
  }
  assert.equal(existsSync(nowhere), false);
  const help = await cli(null, ['deadline', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--pause VALUE {2}\(repeatable\)/);
});

describe('gongkai deadline', () => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let dir: string;
  before(async () => {
    db = await createTestDbUrl('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'gongkai-deadline-'));
    const migrated = await cli(db.url, ['migrate']);
    assert.equal(migrated.code, 0, migrated.err);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.dispose();
  });

  test('the spec example, explained step by step', async () => {
    const plain = await cli(db.url, ['deadline', '--received', '2025-09-26']);
    assert.equal(plain.code, 0, plain.err);
    assert.equal(plain.out.split('\n')[0], 'Due: 2025-10-30');

    const r = await cli(db.url, ['deadline', '--received', '2025-09-26', '--pause', '2025-10-09:2025-10-16', '--extend', '20']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.equal(
      r.out,
      [
        'Due: 2025-12-05',
        '1. Received 2025-09-26 (counting starts the next day)',
        '2. Rule set cn-2019: 20 working days (Art. 33)',
        '3. Third-party consultation 2025-10-09 – 2025-10-16: 6 working days not counted',
        '4. Extension: 20 working days',
        '5. Due 2025-12-05',
      ].join('\n'),
    );
    const noExtension = await cli(db.url, ['deadline', '--received', '2025-09-26', '--pause', '2025-10-09:2025-10-16']);
    assert.equal(noExtension.out.split('\n')[0], 'Due: 2025-11-07');
  });

  test('repeated --pause, fee and agency pauses, an open pause and --as-of', async () => {
    const r = await cli(db.url, ['deadline', '--received', '2025-09-26', '--pause', '2025-10-09:2025-10-16', '--pause', 'agency:2025-10-14:2025-10-21', '--json']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.pausedDays, 9);
    assert.equal(json.dueOn, '2025-11-12');
    assert.equal(json.steps.filter((s: { kind: string }) => s.kind === 'pause').length, 2);

    const text = await cli(db.url, ['deadline', '--received', '2025-09-26', '--pause', '2025-10-09:2025-10-16', '--pause', 'agency:2025-10-14:2025-10-21']);
    assert.match(text.out, /^4\. Consultation of another agency 2025-10-14 – 2025-10-21: 5 working days not counted \(overlaps an earlier pause: 3 more\)$/m);

    const fee = await cli(db.url, ['deadline', '--received', '2025-09-26', '--pause', 'fee:2025-10-20:2025-10-24', '--as-of', '2025-10-31']);
    assert.equal(fee.code, 0, fee.err);
    assert.match(fee.out, /^Due: 2025-11-05$/m);
    assert.match(fee.out, /^3\. Fee notice until payment 2025-10-20 – 2025-10-24: 4 working days not counted$/m);
    assert.match(fee.out, /^As of 2025-10-31: 3 working days left$/m);

    const open = await cli(db.url, ['deadline', '--received', '2025-09-26', '--pause', '2025-10-09:', '--as-of', '2025-10-16']);
    assert.equal(open.code, 0, open.err);
    assert.match(open.out, /^Due: 2025-11-07 at the earliest \(a pause is still open\)$/m);
    assert.match(open.out, /since 2025-10-09, still open: 6 working days not counted up to 2025-10-16/);

    const overdue = await cli(db.url, ['deadline', '--received', '2025-09-26', '--as-of', '2025-11-03']);
    assert.match(overdue.out, /^As of 2025-11-03: overdue by 2 working days$/m);
    const today = await cli(db.url, ['deadline', '--received', '2025-09-26', '--as-of', '2025-10-30', '--json']);
    assert.equal(JSON.parse(today.out).daysLeft, 0);
  });

  test('correction restart, waiting for the correction, and cn-2007', async () => {
    const restarted = await cli(db.url, ['deadline', '--received', '2025-01-24', '--correction-requested', '2025-02-05', '--corrected', '2025-02-10']);
    assert.equal(restarted.code, 0, restarted.err);
    assert.match(restarted.out, /^Due: 2025-03-10$/m);
    assert.match(restarted.out, /^3\. Correction requested 2025-02-05; corrected application received 2025-02-10: counting restarts the next day$/m);
    const waiting = await cli(db.url, ['deadline', '--received', '2025-01-24', '--correction-requested', '2025-02-05', '--json']);
    const w = JSON.parse(waiting.out);
    assert.equal(w.dueOn, null);
    assert.equal(w.waitingForCorrection, true);
    const waitingText = await cli(db.url, ['deadline', '--received', '2025-01-24', '--correction-requested', '2025-02-05']);
    assert.equal(waitingText.out.split('\n')[0], 'Due: not yet known (waiting for the corrected application)');

    const legacy = await cli(db.url, ['deadline', '--received', '2018-03-01']);
    assert.match(legacy.out, /^Due: 2018-03-22$/m);
    assert.match(legacy.out, /^2\. Rule set cn-2007: 15 working days \(Art\. 24 of the 2007 regulation\)$/m);
    const named = await cli(db.url, ['deadline', '--received', '2025-09-26', '--rules', 'cn-2007', '--json']);
    assert.equal(JSON.parse(named.out).rules, 'cn-2007');
  });

  test('provisional into 2027 with a warning on stderr, until the 2027 notice is imported', async () => {
    const r = await cli(db.url, ['deadline', '--received', '2026-12-10']);
    assert.equal(r.code, 0);
    assert.equal(r.out.split('\n')[0], 'Due: 2027-01-07 (provisional)');
    assert.match(r.out, /^3\. Due 2027-01-07 \(provisional\)$/m);
    assert.match(r.err, /^Warning: provisional result\. 2027 has no official holiday data/);
    const json = JSON.parse((await cli(db.url, ['deadline', '--received', '2026-12-10', '--json'])).out);
    assert.equal(json.provisional, true);
    assert.deepEqual(json.unofficialYears, [2027]);

    const notice = join(dir, 'notice-2027.json');
    writeFileSync(notice, JSON.stringify({ year: 2027, holidays: [{ from: '2027-01-01', to: '2027-01-03', name: '元旦' }], workdays: [], source: '测试通知' }));
    assert.equal((await cli(db.url, ['calendar', 'import', notice])).code, 0);
    const official = await cli(db.url, ['deadline', '--received', '2026-12-10']);
    assert.equal(official.out.split('\n')[0], 'Due: 2027-01-08');
    assert.equal(official.err, '');
  });
});
