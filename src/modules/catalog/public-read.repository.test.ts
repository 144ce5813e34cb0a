import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { startReadThread } from '../../storage/read-thread.ts';
import type { Principal } from '../agencies/index.ts';
import type { PublicationInput } from './index.ts';
import { createPublicReadRepository, listedStatements } from './public-read.repository.ts';

describeEachDialect('the rows of a browse page, read on a thread of their own or on the connection', (dialect) => {
  let t: TestApp;
  const ids: string[] = [];
  let withdrawn = '';
  let publish: (agency: string, input: Partial<PublicationInput> & { title: string }) => Promise<string>;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-03T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    for (const code of ['HS-CZJ', 'HS-FGW', 'HS-SJJ']) await addAgency(t.services, code, `${code}局`, { parent: 'HS' });
    const u = await addUser(t.services, 'staff-1', ['HS-CZJ', 'HS-FGW'].flatMap((a) => [['editor', a], ['approver', a]] as [any, string][]));
    const p: Principal = { userId: u.id, username: u.username, displayName: u.username, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
    const actor = { userId: p.userId, name: p.username, ip: null };
    const s = t.services.publications;
    publish = async (agency, input) => {
      const d = await s.createDraft(p, actor, agency, { kind: 'notice', writtenOn: '2026-03-02', body: '<p>（演示内容）</p>', ...input } as PublicationInput);
      await s.submit(p, actor, d.id);
      await s.approve(p, actor, d.id, { confidentialityReviewed: true });
      return d.id;
    };
    ids.push(await publish('HS-CZJ', { title: '关于做好预算公开工作的通知', coIssuers: ['HS-SJJ', 'HS-FGW'], docNo: '衡财预〔2026〕1号' }));
    ids.push(await publish('HS-FGW', { title: '规范性文件', kind: 'normativeDocument', validity: { status: 'inForce', from: '2026-03-05' } }));
    ids.push(await publish('HS-CZJ', { title: '工作动态', kind: 'news' }));
    withdrawn = await publish('HS-FGW', { title: '已撤回的通知' });
    await s.withdraw(p, actor, withdrawn, '已被新文件替代');
  });
  after(() => t.dispose());

  test('the same rows in the order asked, with co-issuers in their order and each status; unknown ids left out', async () => {
    const asked = [ids[2], 'no-such-id', withdrawn, ids[0], ids[1]];
    const here = await createPublicReadRepository(t.db.db).listed(asked);
    assert.deepEqual(here.map((r) => r.id), [ids[2], withdrawn, ids[0], ids[1]]);
    assert.deepEqual(here[2].coIssuerIds, [(await t.services.agencies.byCode('HS-SJJ'))!.id, (await t.services.agencies.byCode('HS-FGW'))!.id]);
    assert.equal(here[1].status, 'withdrawn');
    assert.equal(here[3].validity?.status, 'inForce');
    assert.equal(here[2].docNo, '衡财预〔2026〕1号');
    const thread = startReadThread(t.db.url, listedStatements);
    if (dialect === 'postgres') return assert.equal(thread, null, 'no thread on PostgreSQL: the connection pool reads');
    assert.ok(thread);
    try {
      const threaded = createPublicReadRepository(t.db.db, { readThread: thread });
      assert.deepEqual(await threaded.listed(asked), here);
      const later = await publish('HS-FGW', { title: '线程启动之后发布的通知', coIssuers: ['HS-CZJ'] });
      const [row] = await threaded.listed([later]);
      assert.equal(row?.title, '线程启动之后发布的通知', 'an item committed after the thread started');
      await thread.close();
      assert.deepEqual(await threaded.listed(asked), here, 'a closed thread: read on the connection instead');
    } finally {
      await thread.close();
    }
  });
});
