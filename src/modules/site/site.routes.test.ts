import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';

/** The whole settings form as a browser would send it, from the page's current values. */
function formFields(html: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const m of html.matchAll(/<input id="f-(\w+)" name="(\w+)" type="(?:text|url|email|tel)" value="([^"]*)"/g)) out[m[2]] = m[3].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  const home = /<select id="f-homeAgency"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? '';
  out.homeAgency = /<option value="([^"]*)" selected>/.exec(home)?.[1] ?? '';
  out.showPartyGovMark = /name="showPartyGovMark" type="checkbox" value="1" checked/.test(html) ? ['0', '1'] : '0';
  return out;
}

describeEachDialect('back office: site settings', (dialect) => {
  let t: TestApp;
  let admin: Browser;
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addUser(t.services, 'admin1', [['admin', null]]);
    await addUser(t.services, 'ed1', [['editor', 'HS']]);
    admin = new Browser(t.app);
    await admin.signIn('admin1');
  });
  after(() => t.dispose());

  test('an administrator changes the organiser and identifiers, and the home page footer shows them', async () => {
    const page = await admin.get('/admin/site');
    assert.equal(page.statusCode, 200);
    const fields = formFields(page.body);
    assert.equal(fields.siteName, '政府信息公开平台');
    const res = await admin.submit('/admin/site', '/admin/site', {
      ...fields,
      siteName: '衡水市人民政府信息公开',
      organiser: '衡水市人民政府办公室',
      siteIdCode: '1311000001',
      icp: '冀ICP备05000000号',
      homeAgency: 'HS',
      showPartyGovMark: '0',
    });
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get('/admin/site?done=saved')).body, /role="status"[^>]*>\s*<p>已保存。/);
    const s = await t.services.site.settings();
    assert.equal(s.siteIdCode, '1311000001');
    assert.equal(s.homeAgency, 'HS');
    assert.equal(s.showPartyGovMark, false);
    assert.equal(s.icpUrl, 'https://beian.miit.gov.cn/', 'fields left as they were keep their value');

    const home = await new Browser(t.app).get('/');
    const footer = /<footer[^>]*>(.*?)<\/footer>/s.exec(home.body)?.[1] ?? '';
    assert.match(footer, /衡水市人民政府办公室/);
    assert.match(home.body, /<meta name="SiteIDCode" content="1311000001"/);
    assert.match(home.body, /<title>[^<]*衡水市人民政府信息公开<\/title>/);
  });

  test('bad values are refused next to their fields, keeping the input', async () => {
    const page = await admin.get('/admin/site');
    const res = await admin.submit('/admin/site', '/admin/site', { ...formFields(page.body), siteName: '', errorReportUrl: 'zhaocuo.gov.cn', contactEmail: 'not-an-address', organiser: '新的主办单位' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-siteName-error">此项为必填项/);
    assert.match(res.body, /id="f-errorReportUrl-error">请输入以 http:\/\/ 或 https:\/\/ 开头的网址/);
    assert.match(res.body, /id="f-contactEmail-error">请输入有效的电子邮箱地址/);
    assert.match(res.body, /value="新的主办单位"/);
    assert.equal((await t.services.site.settings()).organiser, '衡水市人民政府办公室');
  });

  test('only administrators reach the site settings', async () => {
    const ed = new Browser(t.app);
    await ed.signIn('ed1');
    assert.equal((await ed.get('/admin/site')).statusCode, 403);
    assert.equal((await ed.submit('/admin', '/admin/site', { siteName: 'x' })).statusCode, 403);
    assert.equal((await new Browser(t.app).get('/admin/site')).statusCode, 303);
  });
});
