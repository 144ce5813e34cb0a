/**
 * The supervision dashboard's test data (dashboard.service.test.ts, dashboard.routes.test.ts), made through the real
 * services and repositories on a fixed clock: today is Monday 2026-03-16 (10:00 in Beijing), ISO week 2026-W12;
 * the 12 weeks of the trends run from 2025-12-29 (2026-W01). Three working days on is 2026-03-19.
 *
 *   HS      衡水市人民政府 (government)   nothing of its own; 2025 report due 31 March: not overdue
 *   ├ HS-JYJ 衡水市教育局               3 published in 2026 (1 late, 1 normative document without interpretation)
 *   │                                   + 1 published in 2025; applications: open 3 (1 overdue, 1 due soon),
 *   │                                   answered late 1 in 2026 (and 1 in 2025), 1 answered on time
 *   ├ HS-CZJ 衡水市财政局               a normative document and its interpretation (2 published, none late);
 *   │                                   website failed (two failed crawls), 1 open rectification
 *   └ HS-TC  桃城区人民政府 (government) website passed
 *       └ HS-TC-HP 河东街道 (township)
 *   XT      邢台市人民政府               outside the authority's reach: 1 publication, 1 open application
 * Departments' 2025 reports were due on 31 January: overdue (none was started).
 */
import { actorOf, addAgency, buildTestApp, signedInBrowsers, type TestApp } from '../../../test/helpers/app.ts';
import { caseLine, importCases } from '../../../test/helpers/applications.ts';
import type { DialectName } from '../../storage/db.ts';
import type { PublicationInput } from '../catalog/index.ts';
import { createMonitorRepository } from './monitor.repository.ts';

export const NOW = '2026-03-16T02:00:00.000Z';

/** Publishes an item of an agency at a Beijing date and time (the clock is moved, then put back to NOW). */
async function publishAt(t: TestApp, code: string, at: string, input: PublicationInput) {
  const s = t.services.publications;
  const admin = t.services.users.systemPrincipal();
  const actor = actorOf(admin);
  t.clock.set(new Date(`${at}T10:00:00+08:00`).toISOString());
  const draft = await s.createDraft(admin, actor, code, input);
  await s.submit(admin, actor, draft.id);
  const { publication } = await s.approve(admin, actor, draft.id, { confidentialityReviewed: true });
  t.clock.set(NOW);
  return publication;
}

const doc = (title: string, kind: PublicationInput['kind'], writtenOn: string, extra: Partial<PublicationInput> = {}): PublicationInput => ({
  title,
  kind,
  writtenOn,
  topic: '综合政务/政务公开',
  genre: '通知',
  body: `<p>${title}</p>`,
  ...extra,
});

export async function buildDashboardFixture(dialect: DialectName): Promise<TestApp> {
  const t = await buildTestApp(dialect, { now: NOW });
  const s = t.services;
  await addAgency(s, 'HS', '衡水市人民政府', { kind: 'government' });
  await addAgency(s, 'HS-JYJ', '衡水市教育局', { parent: 'HS', sortOrder: 1 });
  await addAgency(s, 'HS-CZJ', '衡水市财政局', { parent: 'HS', sortOrder: 2 });
  await addAgency(s, 'HS-TC', '桃城区人民政府', { parent: 'HS', kind: 'government', sortOrder: 3 });
  await addAgency(s, 'HS-TC-HP', '河东街道办事处', { parent: 'HS-TC', kind: 'township' });
  await addAgency(s, 'XT', '邢台市人民政府', { kind: 'government' });

  // Publications: late = more than 20 working days from written to published (Art. 26).
  await publishAt(t, 'HS-JYJ', '2026-03-10', doc('关于做好2026年春季学期开学工作的通知', 'notice', '2026-01-05')); // late
  await publishAt(t, 'HS-JYJ', '2026-03-09', doc('教育局2026年工作要点', 'notice', '2026-03-02'));
  await publishAt(t, 'HS-JYJ', '2026-03-09', doc('衡水市中小学学籍管理办法', 'normativeDocument', '2026-03-02', { docNo: '衡教字〔2026〕3号' })); // no interpretation
  await publishAt(t, 'HS-JYJ', '2025-06-10', doc('2025年招生工作通知', 'notice', '2025-06-03'));
  const rule = await publishAt(t, 'HS-CZJ', '2026-02-24', doc('衡水市市级预算公开办法', 'normativeDocument', '2026-02-24', { docNo: '衡财字〔2026〕1号' }));
  await publishAt(t, 'HS-CZJ', '2026-02-25', doc('《衡水市市级预算公开办法》政策解读', 'interpretation', '2026-02-25', { interprets: rule.id }));
  await publishAt(t, 'XT', '2026-03-11', doc('邢台市通知', 'notice', '2026-03-10'));

  // Applications (20 working days; received 2026-01-05 → due 2026-02-02, 2026-02-11 → due 2026-03-17, 2026-03-02 → due 2026-03-30).
  await importCases(s, t.db.db, [
    caseLine('HS-JYJ', 'natural', '2026-01-05', null), // overdue
    caseLine('HS-JYJ', 'natural', '2026-02-11', null), // due soon
    caseLine('HS-JYJ', 'commercial', '2026-03-02', null), // open, not yet due
    caseLine('HS-JYJ', 'natural', '2026-01-05', { on: '2026-02-10', outcome: 'disclose' }), // answered late
    caseLine('HS-JYJ', 'natural', '2026-02-24', { on: '2026-03-05', outcome: 'disclose' }), // answered in time
    caseLine('HS-JYJ', 'natural', '2025-11-03', { on: '2025-12-31', outcome: 'disclose' }), // answered late in 2025
    caseLine('XT', 'natural', '2026-03-02', null),
  ]);

  // Websites: 财政局 failed (its newest crawl), 桃城区 passed; one failed crawl at 04:00 Beijing on 2 March (20:00 UTC on 1 March).
  const repo = createMonitorRepository(t.db.db);
  const at = '2026-03-01T00:00:00.000Z';
  const site = (id: string, agencyId: string, host: string) =>
    repo.insertSite({ id, agency_id: agencyId, name: `${host}网站`, homepage_url: `http://${host}/`, hosts: host, config: '{}', own: 0, active: 1, probe_offset_min: 0, created_at: at, updated_at: at, updated_by: null });
  const tree = await s.agencies.tree();
  const id = (code: string) => tree.byCode.get(code)!.id;
  await site('site-czj', id('HS-CZJ'), 'czj.example');
  await site('site-tc', id('HS-TC'), 'tc.example');
  const crawl = (cid: string, siteId: string, startedAt: string, verdict: 'pass' | 'fail') =>
    repo.insertCrawl({ id: cid, site_id: siteId, trigger: 'schedule', status: 'done', started_at: startedAt, finished_at: startedAt.replace(/:00\.000Z$/, ':30.000Z'), pages: 10, verdict, started_by: null });
  await crawl('crawl-1', 'site-czj', '2026-03-01T20:00:00.000Z', 'fail');
  await crawl('crawl-2', 'site-czj', '2026-03-12T01:00:00.000Z', 'fail');
  await crawl('crawl-3', 'site-tc', '2026-03-13T01:00:00.000Z', 'pass');
  await repo.insertRectification(
    { id: 'rect-1', site_id: 'site-czj', agency_id: id('HS-CZJ'), crawl_id: 'crawl-2', item: 'homepageStale', finding: '{}', note: null, due_on: '2026-03-26', status: 'open', reopened: 0, issued_at: '2026-03-12T03:00:00.000Z', issued_by: 'authority1', updated_at: '2026-03-12T03:00:00.000Z' },
    { rectification_id: 'rect-1', seq: 1, type: 'issued', at: '2026-03-12T03:00:00.000Z', by: 'authority1', data: '{}' },
  );
  return t;
}

/** Signed-in browsers: the city's authority, an inspector of 桃城区, an editor of 教育局 (supervises nothing), an administrator. */
export function dashboardBrowsers(t: TestApp) {
  return signedInBrowsers(t, { authority: [['authority', 'HS']], inspector: [['inspector', 'HS-TC']], editor: [['editor', 'HS-JYJ']], admin: [['admin', null]] });
}
