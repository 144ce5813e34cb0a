import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { actorOf, asPrincipal, addAgency, addUser, buildTestApp, type TestApp } from '../../test/helpers/app.ts';
import type { Principal } from '../modules/agencies/index.ts';
import type { PublicationInput } from '../modules/catalog/index.ts';
import { msUntilNextShanghaiTime } from '../kernel/calendar/index.ts';
import { startJobs } from './index.ts';

test('the daily job waits until the next 00:05 in Beijing, whatever the server’s zone', () => {
  const min = 60_000;
  // 23:00 in Beijing (15:00 UTC): 1 h 5 min to go
  assert.equal(msUntilNextShanghaiTime(new Date('2026-03-01T15:00:00Z'), 5), 65 * min);
  // 00:00 in Beijing: 5 min
  assert.equal(msUntilNextShanghaiTime(new Date('2026-03-01T16:00:00Z'), 5), 5 * min);
  // exactly 00:05: the next day's, not now again
  assert.equal(msUntilNextShanghaiTime(new Date('2026-03-01T16:05:00Z'), 5), 24 * 60 * min);
  // 08:00 in Beijing (00:00 UTC, "midnight" on a UTC server): still 16 h 5 min
  assert.equal(msUntilNextShanghaiTime(new Date('2026-03-02T00:00:00Z'), 5), (16 * 60 + 5) * min);
});

describeEachDialect('the validity job', (dialect) => {
  let t: TestApp;
  let editor: Principal;
  let approver: Principal;
  const doc: PublicationInput = { title: '衡水市城市道路临时占用管理暂行办法', kind: 'normativeDocument', docNo: '衡政办字[2026]21号', writtenOn: '2026-03-02', topic: '城乡建设、环境保护/城市规划', genre: '通知', body: '<p>（演示内容）第一条……</p>', validity: { status: 'inForce', from: '2026-04-01', until: '2026-05-31' } };

  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-03T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    editor = asPrincipal(await addUser(t.services, 'editor', [['editor', 'HS']]));
    approver = asPrincipal(await addUser(t.services, 'approver', [['approver', 'HS']]));
  });
  after(() => t.dispose());

  test('runs at start: the page (cached before) shows 失效 at once, the history and the audit log say "system"', async () => {
    const s = t.services.publications;
    const d = await s.createDraft(editor, actorOf(editor), 'HS', doc);
    await s.submit(editor, actorOf(editor), d.id);
    const { publication: p } = await s.approve(approver, actorOf(approver), d.id, { confidentialityReviewed: true });
    const first = await t.app.inject({ url: `/xxgk/${p.id}` });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /有效期至2026-05-31/);
    assert.equal((await t.app.inject({ url: `/xxgk/${p.id}` })).body, first.body, 'served from the page cache');

    t.clock.set('2026-06-01T00:00:00.000Z'); // 08:00 in Beijing on 1 June: the end date has passed
    const stop = startJobs(t.services);
    try {
      // The job runs in the background: wait for its last step, the audit entry.
      const audited = async () => (await t.services.audit.list({ actor: 'system', limit: 20, offset: 0 })).rows.some((r) => r.action === 'publication.validityExpired');
      for (let i = 0; i < 200 && !(await audited()); i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      stop();
    }
    assert.equal((await s.publicGet(p.id)).validity?.status, 'expired');

    const etag = first.headers.etag as string | undefined;
    const again = await t.app.inject({ url: `/xxgk/${p.id}`, headers: etag ? { 'if-none-match': etag } : {} });
    assert.equal(again.statusCode, 200, 'not a 304 for the old page');
    assert.match(again.body, /本文件已于2026-05-31失效/);
    assert.doesNotMatch(again.body, /有效期至2026-05-31/);

    const events = await s.events(p.id);
    assert.deepEqual(events.filter((e) => e.action === 'validityChanged').map((e) => [e.actorName, e.detail]), [['system', { from: 'inForce', to: 'expired', until: '2026-05-31' }]]);
    const log = await t.services.audit.list({ actor: 'system', limit: 20, offset: 0 });
    const entry = log.rows.find((r) => r.action === 'publication.validityExpired');
    assert.ok(entry, 'audited');
    assert.equal(entry.actorId, null);
    assert.equal(entry.targetId, p.id);

    // Another process (or the next day) running it again changes nothing.
    assert.equal(await s.applyValidityEndDates({ userId: null, name: 'system', ip: null }), 0);
    assert.equal((await t.services.audit.list({ actor: 'system', limit: 20, offset: 0 })).rows.filter((r) => r.action === 'publication.validityExpired').length, 1);
  });
});
