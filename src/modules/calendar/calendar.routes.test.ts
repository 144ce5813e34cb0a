import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';

/** The deadline tool's answer on the page: [date, provisional?]. */
function toolResult(html: string): [string, boolean] | null {
  const m = /<strong class="deadline-date">([\d-]+)<\/strong>/.exec(html);
  if (!m) return null;
  return [m[1], html.includes('临时结果。')];
}

/** The status shown for a year in the table of years. */
function yearStatus(html: string, year: number): string {
  const m = new RegExp(`<th scope="row">${year}</th>\\s*<td>(.*?)</td>`, 's').exec(html);
  return (m?.[1] ?? '').replace(/<[^>]+>/g, '');
}

describeEachDialect('back office: working-day calendar', (dialect) => {
  let t: TestApp;
  let admin: Browser;
  let editor: Browser;
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addUser(t.services, 'admin1', [['admin', null]]);
    await addUser(t.services, 'ed1', [['editor', 'HS']]);
    admin = new Browser(t.app);
    await admin.signIn('admin1');
    editor = new Browser(t.app);
    await editor.signIn('ed1');
  });
  after(() => t.dispose());

  test('everyone signed in sees the official years and can check a deadline; only administrators enter notices', async () => {
    const page = await editor.get('/admin/calendar?start=2025-09-26&days=20');
    assert.equal(page.statusCode, 200);
    assert.deepEqual(toolResult(page.body), ['2025-10-30', false]);
    assert.match(yearStatus(page.body, 2026), /正式数据（系统内置）/);
    assert.match(yearStatus(page.body, 2027), /尚无正式数据/);
    assert.doesNotMatch(page.body, /action="\/admin\/calendar\/notice"/);
    const post = await editor.submit('/admin/calendar', '/admin/calendar/notice', { year: '2027', holidays: '2027-01-01 元旦', workdays: '' });
    assert.equal(post.statusCode, 403);
    assert.equal((await new Browser(t.app).get('/admin/calendar')).statusCode, 303);
  });

  test('importing the 2027 notice makes 2027 official: the deadline changes and is no longer provisional', async () => {
    const before = await admin.get('/admin/calendar?start=2026-12-25&days=20');
    assert.deepEqual(toolResult(before.body), ['2027-01-22', true]);
    assert.match(before.body, /2027 年尚无正式放假安排/);

    const res = await admin.submit('/admin/calendar', '/admin/calendar/notice', {
      year: '2027',
      source: '国办发明电〔2026〕1号',
      holidays: '2027-01-01 2027-01-03 元旦\r\n2027-02-06 2027-02-14 春节\r\n2027-04-05 清明节',
      workdays: '2027-02-20\r\n',
    });
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get(res.headers.location as string)).body, /2027 年放假通知已保存/);

    const after = await admin.get('/admin/calendar?start=2026-12-25&days=20');
    assert.deepEqual(toolResult(after.body), ['2027-01-25', false]);
    assert.match(yearStatus(after.body, 2027), /正式数据（管理员录入）/);
    assert.match(after.body, /国办发明电〔2026〕1号/);
    assert.equal((await t.services.calendar.current()).isWorkingDay('2027-02-20'), true);
    const log = await t.services.audit.list({ action: 'calendar.import', limit: 5, offset: 0 });
    assert.equal(log.rows[0].actorName, 'admin1');
  });

  test('a notice with mistakes is refused with a message for each bad line, keeping the text', async () => {
    const holidays = '2027-13-01 2027-01-03 元旦\n2027-02-10 2027-02-06 春节\n2026-12-31 跨年';
    const res = await admin.submit('/admin/calendar', '/admin/calendar/notice', { year: '2027', source: '', holidays, workdays: '2027-02-08\n2027-02-07' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /放假安排第 1 行：“2027-13-01”不是有效日期/);
    assert.match(res.body, /放假安排第 2 行：结束日期 2027-02-06 早于开始日期 2027-02-10/);
    assert.match(res.body, /放假安排第 3 行：2026-12-31 不在 2027 年内/);
    assert.match(res.body, /调休上班日期第 1 行：2027-02-08 不是星期六或星期日/);
    assert.doesNotMatch(res.body, /调休上班日期第 2 行/, 'a Sunday is a valid make-up working day');
    assert.ok(res.body.includes('2027-02-10 2027-02-06 春节'), 'the typed lines are kept');
    assert.equal((await t.services.calendar.list()).find((n) => n.year === 2027)?.source, '国办发明电〔2026〕1号', 'the stored notice is untouched');
  });

  test('a notice pasted as JSON is imported, bad JSON is explained, and an entered notice can be deleted', async () => {
    const bad = await admin.submit('/admin/calendar', '/admin/calendar/notice-json', { json: '{"year": 2028, "holidays": [' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /不是有效的 JSON/);
    const wrong = await admin.submit('/admin/calendar', '/admin/calendar/notice-json', { json: JSON.stringify({ year: 2028, holidays: [{ from: '2028-01-01', to: '2028-01-01' }], workdays: ['2028-01-03'] }) });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /workdays 第 1 项：2028-01-03 不是星期六或星期日/);

    const ok = await admin.submit('/admin/calendar', '/admin/calendar/notice-json', { json: JSON.stringify({ year: 2028, source: '测试通知', holidays: [{ from: '2028-01-01', to: '2028-01-03', name: '元旦' }], workdays: [] }) });
    assert.equal(ok.statusCode, 303);
    assert.match(yearStatus((await admin.get('/admin/calendar')).body, 2028), /管理员录入/);

    const del = await admin.submit('/admin/calendar', '/admin/calendar/2028/delete', {});
    assert.equal(del.statusCode, 303);
    const page = await admin.get(del.headers.location as string);
    assert.match(page.body, /已删除 2028 年录入的放假通知/);
    assert.match(yearStatus(page.body, 2028), /尚无正式数据/);
    assert.equal((await admin.submit('/admin/calendar', '/admin/calendar/2028/delete', {})).statusCode, 404);
  });

  test('the deadline tool explains bad input', async () => {
    const res = await editor.get('/admin/calendar?start=2026-02-30&days=abc');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /id="f-start-error">请输入有效日期/);
    assert.match(res.body, /id="f-days-error">请填写 1 至 366 之间的整数/);
    assert.equal(toolResult(res.body), null);
  });
});
