import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, asPrincipal, addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { AppError } from '../../kernel/errors.ts';
import { systemActor } from '../audit/index.ts';
import type { Principal } from '../agencies/index.ts';
import type { PublicationInput } from './index.ts';

describeEachDialect('publishing workflow', (dialect) => {
  let t: TestApp;
  let editor: Principal;
  let approver: Principal;
  let otherEditor: Principal;
  const doc: PublicationInput = { title: '衡水市市级预算公开办法', kind: 'normativeDocument', docNo: '衡政办字[2026]12号', writtenOn: '2026-02-02', topic: '财政、金融、审计/财政', genre: '通知', body: '<p>第一条 为规范预算公开……</p><script>x()</script>' };

  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS', creditCode: '11131100DEM0000001', indexPattern: '{prefix}/{year}-{serial:5}' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS', indexPrefix: 'JYJ', indexPattern: '{prefix}-{year}-{serial:3}' });
    editor = asPrincipal(await addUser(t.services, 'cz-editor', [['editor', 'HS-CZJ']]));
    approver = asPrincipal(await addUser(t.services, 'cz-approver', [['approver', 'HS-CZJ']]));
    otherEditor = asPrincipal(await addUser(t.services, 'jy-editor', [['editor', 'HS-JYJ']]));
  });
  after(() => t.dispose());

  test('draft → submitted → approved publishes with the agency’s next index number, and the page date is the publication date', async () => {
    const s = t.services.publications;
    const draft = await s.createDraft(editor, actorOf(editor), 'HS-CZJ', doc);
    assert.equal(draft.status, 'draft');
    assert.equal(draft.docNo, '衡政办字〔2026〕12号', 'document numbers use the hexagonal brackets');
    assert.doesNotMatch(draft.bodyHtml, /script/);
    await assert.rejects(s.approve(approver, actorOf(approver), draft.id, { confidentialityReviewed: true }), (e: AppError) => e.code === 'conflict');
    await assert.rejects(s.submit(otherEditor, actorOf(otherEditor), draft.id), (e: AppError) => e.code === 'forbidden');
    await s.submit(editor, actorOf(editor), draft.id);
    await assert.rejects(s.approve(editor, actorOf(editor), draft.id, { confidentialityReviewed: true }), (e: AppError) => e.code === 'forbidden', 'an editor cannot approve');
    await assert.rejects(s.approve(approver, actorOf(approver), draft.id, { confidentialityReviewed: false }), (e: AppError) => e.issues[0]?.message === 'catalog.reviewRequired');
    t.clock.set('2026-03-03T03:00:00.000Z');
    const { publication, warnings } = await s.approve(approver, actorOf(approver), draft.id, { confidentialityReviewed: true, note: '不涉密' });
    assert.equal(publication.status, 'published');
    assert.equal(publication.indexNo, '11131100DEM0000001/2026-00001');
    assert.equal(publication.publishedOn, '2026-03-03');
    assert.equal(publication.timelinessDays, 17, 'working days from 2026-02-02 to 2026-03-03 (Spring Festival excluded)');
    assert.equal(publication.late, false);
    assert.deepEqual(warnings, ['catalog.warning.missingInterpretation']);
    const events = (await s.events(draft.id)).map((e) => e.action);
    assert.deepEqual(events, ['created', 'submitted', 'approved', 'published']);
    const review = (await s.events(draft.id)).find((e) => e.action === 'approved')!.detail as any;
    assert.deepEqual(review.confidentialityReview, { reviewed: true, note: '不涉密' });
  });

  test('timeliness: more than 20 working days from written to published flags the item late (Spring Festival counted as holidays)', async () => {
    const s = t.services.publications;
    // written 2026-02-02; 20 working days later is 2026-03-06 (calendar.md vector)
    t.clock.set('2026-03-06T02:00:00.000Z');
    const onTime = await publishOne({ ...doc, title: '按时发布', kind: 'notice' });
    assert.equal(onTime.timelinessDays, 20);
    assert.equal(onTime.late, false);
    t.clock.set('2026-03-09T02:00:00.000Z');
    const late = await publishOne({ ...doc, title: '超期发布', kind: 'notice' });
    assert.equal(late.timelinessDays, 21);
    assert.equal(late.late, true);
    const lateList = await s.staffList(approver, { late: true, statuses: ['published'], limit: 10, offset: 0 });
    assert.deepEqual(lateList.items.map((p) => p.title), ['超期发布']);
  });

  test('index numbers are never duplicated, also when many are published at once, and never reused after withdrawal', async () => {
    const s = t.services.publications;
    t.clock.set('2026-04-01T02:00:00.000Z');
    const drafts = [];
    for (let i = 0; i < 12; i++) {
      const d = await s.createDraft(otherEditor, actorOf(otherEditor), 'HS-JYJ', { title: `并发发布 ${i}`, kind: 'news' });
      await s.submit(otherEditor, actorOf(otherEditor), d.id);
      drafts.push(d);
    }
    const admin = t.services.users.systemPrincipal();
    const results = await Promise.all(drafts.map((d) => s.approve(admin, systemActor, d.id, { confidentialityReviewed: true })));
    const numbers = results.map((r) => r.publication.indexNo!).sort();
    assert.equal(new Set(numbers).size, 12);
    assert.deepEqual(numbers, Array.from({ length: 12 }, (_, i) => `JYJ-2026-${String(i + 1).padStart(3, '0')}`));
    await s.withdraw(admin, systemActor, results[11].publication.id, '内容有误');
    const next = await s.createDraft(otherEditor, actorOf(otherEditor), 'HS-JYJ', { title: '撤回之后', kind: 'news' });
    await s.submit(otherEditor, actorOf(otherEditor), next.id);
    const r = await s.approve(admin, systemActor, next.id, { confidentialityReviewed: true });
    assert.equal(r.publication.indexNo, 'JYJ-2026-013');
  });

  test('a withdrawn item stays reachable as a tombstone with its reason; drafts are not public', async () => {
    const s = t.services.publications;
    const p = await publishOne({ ...doc, title: '将被撤回', kind: 'notice' });
    await s.withdraw(approver, actorOf(approver), p.id, '政策已调整');
    const tomb = await s.publicGet(p.indexNo!);
    assert.equal(tomb.status, 'withdrawn');
    assert.equal(tomb.withdrawnReason, '政策已调整');
    const draft = await s.createDraft(editor, actorOf(editor), 'HS-CZJ', { title: '草稿', kind: 'notice' });
    await assert.rejects(s.publicGet(draft.id), (e: AppError) => e.code === 'notFound');
    const list = await s.publicList({ limit: 100, offset: 0 });
    assert.ok(!list.items.some((i) => i.id === draft.id || i.id === p.id));
  });

  test('revisions keep the history; interpretations link both ways and take documents off the missing list', async () => {
    const s = t.services.publications;
    const rule = await publishOne({ ...doc, title: '衡水市决算公开工作规范' });
    assert.ok((await s.missingInterpretations(approver)).some((p) => p.id === rule.id));
    const revised = await s.revise(approver, actorOf(approver), rule.id, { ...doc, title: '衡水市决算公开工作规范（修订）' }, '更正第三条');
    assert.equal(revised.version, 2);
    assert.deepEqual((await s.versions(rule.id)).map((v) => [v.version, v.snapshot.title, v.note]), [
      [2, '衡水市决算公开工作规范（修订）', '更正第三条'],
      [1, '衡水市决算公开工作规范', null],
    ]);
    await assert.rejects(s.createDraft(editor, actorOf(editor), 'HS-CZJ', { title: '解读', kind: 'interpretation' }), (e: AppError) => e.issues[0]?.message === 'catalog.interpretsRequired');
    const interp = await publishOne({ title: '《衡水市决算公开工作规范》政策解读', kind: 'interpretation', interprets: rule.indexNo! });
    assert.equal(interp.interpretsId, rule.id);
    assert.deepEqual((await s.interpretationsOf(rule.id)).map((p) => p.id), [interp.id]);
    assert.ok(!(await s.missingInterpretations(approver)).some((p) => p.id === rule.id));
  });

  test('validity: the scheduled job expires documents whose end date has passed', async () => {
    const s = t.services.publications;
    const p = await publishOne({ ...doc, title: '有效期两个月的办法', validity: { status: 'inForce', from: '2026-04-01', until: '2026-05-31' } });
    assert.equal(p.validity?.status, 'inForce');
    t.clock.set('2026-06-01T01:00:00.000Z');
    assert.ok((await s.applyValidityEndDates(systemActor)) >= 1);
    assert.equal((await s.publicGet(p.id)).validity?.status, 'expired');
  });

  async function publishOne(input: PublicationInput) {
    const s = t.services.publications;
    const d = await s.createDraft(editor, actorOf(editor), 'HS-CZJ', input);
    await s.submit(editor, actorOf(editor), d.id);
    return (await s.approve(approver, actorOf(approver), d.id, { confidentialityReviewed: true })).publication;
  }
});
