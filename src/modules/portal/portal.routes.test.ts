import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor } from '../audit/index.ts';
import { statutoryItemsFor } from './columns.ts';

const contacts = {
  officeName: '衡水市人民政府办公室',
  address: '衡水市桃城区人民东路299号',
  postcode: '053000',
  officeHours: '工作日 8:30—12:00，13:30—17:30',
  phone: '0318-2025878',
  fax: '0318-2025879',
  email: 'zwgk@hengshui.example',
  website: 'https://www.hengshui.example/',
};

function meta(html: string, name: string): string | undefined {
  return new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];
}

/** Text of the page without tags (entities for quotes decoded), for "what the user reads" assertions. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** No message key leaked into the page (a missing catalog entry shows as its key). */
function assertNoRawKeys(html: string, url: string) {
  const leaked = /\b(portal|a11y|nav|error|search|demo|kind)\.[a-zA-Z][\w.-]*/.exec(text(html));
  assert.equal(leaked, null, `untranslated message key on ${url}: ${leaked?.[0]}`);
}

describeEachDialect('public portal', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect);
    const s = t.services;
    await addAgency(s, 'HS', '衡水市人民政府', { kind: 'government', ...contacts });
    await addAgency(s, 'TC', '桃城区人民政府', { kind: 'government', parent: 'HS', sortOrder: 1 });
    await addAgency(s, 'JZ', '冀州区人民政府', { kind: 'government', parent: 'HS', sortOrder: 2 });
    await addAgency(s, 'HS-CZJ', '衡水市财政局', { parent: 'HS', sortOrder: 10, officeName: '衡水市财政局办公室', phone: '0318-2111111' });
    await addAgency(s, 'HS-JYJ', '衡水市教育局', { parent: 'HS', sortOrder: 11 });
    await addAgency(s, 'TC-JYJ', '桃城区教育局', { parent: 'TC' });
    await addAgency(s, 'TC-HX', '河西街道办事处', { kind: 'township', parent: 'TC' });
    await addAgency(s, 'HS-OLD', '衡水市已撤销局', { parent: 'HS', sortOrder: 12 });
    await s.agencies.setDisabled(s.users.systemPrincipal(), cliActor, 'HS-OLD', true);
  });
  after(() => t.dispose());

  test('the home page shows the city government, its counties and its departments, with the disclosure and apply entries', async () => {
    const res = await new Browser(t.app).get('/');
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(body, /衡水市人民政府政府信息公开/);
    assert.match(body, /县（市、区）人民政府 桃城区人民政府 冀州区人民政府/);
    assert.match(body, /衡水市人民政府部门 衡水市财政局 衡水市教育局/);
    assert.ok(res.body.includes('href="/agencies/TC"'));
    assert.ok(res.body.includes('href="/agencies/HS-CZJ"'));
    assert.ok(res.body.includes('href="/zwgk"'), 'entry to the 政府信息公开 column');
    assert.ok(res.body.includes('href="/zwgk/apply"'), 'entry to 依申请公开');
    assert.match(res.body, /<form class="site-search" role="search" action="\/search"/);
    assert.doesNotMatch(body, /衡水市已撤销局/, 'disabled agencies are not listed');
    assert.doesNotMatch(res.body, /aria-label="当前位置"/, 'no breadcrumbs on the home page');
    assertNoRawKeys(res.body, '/');
  });

  test('the site setting homeAgency chooses which government the home page presents', async () => {
    const s = t.services;
    const before = await s.site.settings();
    await s.site.update(s.users.systemPrincipal(), cliActor, { ...before, homeAgency: 'TC' });
    try {
      const body = text((await new Browser(t.app).get('/')).body);
      assert.match(body, /桃城区人民政府政府信息公开/);
      assert.match(body, /桃城区人民政府部门 桃城区教育局/);
      assert.match(body, /乡镇人民政府（街道办事处） 河西街道办事处/);
    } finally {
      await s.site.update(s.users.systemPrincipal(), cliActor, before);
    }
  });

  test('with no agencies at all the home page says so instead of showing empty sections', async () => {
    const empty = await buildTestApp(dialect);
    try {
      const res = await new Browser(empty.app).get('/');
      assert.equal(res.statusCode, 200);
      assert.match(text(res.body), /尚未设置行政机关/);
    } finally {
      await empty.dispose();
    }
  });

  test('/agencies shows the tree down to townships; disabled agencies are left out', async () => {
    const res = await new Browser(t.app).get('/agencies');
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    for (const name of ['衡水市人民政府', '桃城区人民政府', '冀州区人民政府', '衡水市财政局', '桃城区教育局', '河西街道办事处']) assert.ok(body.includes(name), name);
    assert.ok(res.body.includes('href="/agencies/TC-HX"'));
    assert.doesNotMatch(body, /衡水市已撤销局/);
    assert.match(res.body, /<nav class="wrap breadcrumbs" aria-label="当前位置">/);
  });

  test('an agency page shows the contact part of its guide as a definition list, its place in the tree and its column', async () => {
    const res = await new Browser(t.app).get('/agencies/HS');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<dl class="contact-list">/);
    const body = text(res.body);
    assert.match(body, /机构名称 衡水市人民政府办公室/);
    assert.match(body, /办公地址 衡水市桃城区人民东路299号/);
    assert.match(body, /邮政编码 053000/);
    assert.match(body, /办公时间 工作日 8:30—12:00，13:30—17:30/);
    assert.match(body, /联系电话 0318-2025878/);
    assert.match(body, /传真号码 0318-2025879/);
    assert.match(body, /电子邮箱 zwgk@hengshui.example/);
    assert.match(body, /网址 https:\/\/www.hengshui.example\//);
    assert.ok(res.body.includes('href="mailto:zwgk@hengshui.example"'));
    assert.ok(res.body.includes('href="/agencies/TC"'), 'links its counties');
    for (const col of ['guide', 'rules', 'statutory', 'annual-reports', 'apply']) assert.ok(res.body.includes(`href="/zwgk/HS/${col}"`), col);

    const dept = await new Browser(t.app).get('/agencies/HS-JYJ');
    const d = text(dept.body);
    assert.match(d, /上级机关： 衡水市人民政府/);
    assert.match(d, /传真号码 暂未公布/, 'missing contacts are stated, not left blank');
  });

  test('an unknown or disabled agency is a 404 page in the site layout', async () => {
    const b = new Browser(t.app);
    for (const url of ['/agencies/NOPE', '/agencies/HS-OLD', '/zwgk/NOPE/guide', '/zwgk/HS-OLD/statutory', '/zwgk/HS/statutory/no-such-item']) {
      const res = await b.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /页面不存在/);
      assert.match(res.body, /<header class="site-header">/);
      assert.match(res.body, /<nav class="main-nav" aria-label="主导航">/);
      assert.match(res.body, /<footer class="site-footer">/);
      assert.match(res.body, /href="\/zwgk">政府信息公开</);
    }
  });

  test('/zwgk is the 政府信息公开 column: four sub-columns with their exact names for every agency, and the apply entry', async () => {
    const res = await new Browser(t.app).get('/zwgk');
    assert.equal(res.statusCode, 200);
    assert.equal(meta(res.body, 'ColumnName'), '政府信息公开');
    assert.ok(meta(res.body, 'ColumnDescription'));
    assert.ok(meta(res.body, 'ColumnKeywords'));
    assert.equal(meta(res.body, 'ColumnType'), '信息公开');
    for (const code of ['HS', 'TC', 'HS-CZJ']) {
      for (const [col, name] of [
        ['guide', '政府信息公开指南'],
        ['rules', '政府信息公开制度'],
        ['statutory', '法定主动公开内容'],
        ['annual-reports', '政府信息公开年报'],
      ]) {
        assert.match(res.body, new RegExp(`href="/zwgk/${code}/${col}"[^>]*><span class="subcolumn-name">${name}</span>`), `${code} ${name}`);
      }
      assert.match(res.body, new RegExp(`href="/zwgk/${code}/apply"[^>]*><span class="subcolumn-name">依申请公开</span>`));
    }
    assert.ok(res.body.includes('href="/zwgk/apply"'));
    assert.doesNotMatch(text(res.body), /衡水市已撤销局/);
    // an agency's own column links the agencies below it
    const tc = await new Browser(t.app).get('/zwgk/TC');
    assert.equal(tc.statusCode, 200);
    assert.ok(tc.body.includes('href="/zwgk/TC-HX"'));
  });

  test('every sub-column page of every kind of agency has content and its column meta tags', async () => {
    const b = new Browser(t.app);
    const names: Record<string, string> = { guide: '政府信息公开指南', rules: '政府信息公开制度', statutory: '法定主动公开内容', 'annual-reports': '政府信息公开年报', apply: '依申请公开' };
    for (const code of ['HS', 'TC', 'HS-CZJ', 'TC-HX']) {
      for (const [col, name] of Object.entries(names)) {
        const url = `/zwgk/${code}/${col}`;
        const res = await b.get(url);
        assert.equal(res.statusCode, 200, url);
        assert.equal(meta(res.body, 'ColumnName'), name, url);
        assert.ok(meta(res.body, 'ColumnDescription'), url);
        assert.ok(meta(res.body, 'ColumnType'), url);
        assert.ok(meta(res.body, 'SiteName') !== undefined, url);
        const main = text(/<main[\s\S]*<\/main>/.exec(res.body)![0]);
        assert.ok(main.length > 300, `${url} has real content (${main.length} chars)`);
        assert.match(res.body, /aria-label="当前位置"/, `${url} has breadcrumbs`);
        assert.match(res.body, new RegExp(`aria-current="page"[^>]*><span class="subcolumn-name">${name}</span>`), `${url} marks its sub-column as current`);
        assertNoRawKeys(res.body, url);
      }
    }
  });

  test('the guide is generated from the agency: classification, how to obtain information (Art. 12), the office contacts', async () => {
    const body = text((await new Browser(t.app).get('/zwgk/HS-CZJ/guide')).body);
    assert.match(body, /衡水市财政局政府信息公开指南/);
    assert.match(body, /第十二条/);
    assert.match(body, /一、政府信息的分类与编排体系/);
    assert.match(body, /（一）主动公开/);
    assert.match(body, /（二）依申请公开/);
    assert.match(body, /无需注册账号/);
    assert.match(body, /机构名称 衡水市财政局办公室/);
    assert.match(body, /联系电话 0318-2111111/);
    assert.match(body, /政府信息公开工作主管部门（ 衡水市人民政府办公室 ）/, 'names the disclosure authority above the department');
  });

  test('the rules page describes the regulation and the work rules without linking out', async () => {
    const res = await new Browser(t.app).get('/zwgk/HS/rules');
    const body = text(res.body);
    assert.match(body, /《中华人民共和国政府信息公开条例》/);
    assert.match(body, /国务院令第711号/);
    assert.match(body, /政府信息公开审查机制/);
    assert.match(body, /考核、社会评议和责任追究制度/, 'governments also have assessment rules');
    const main = /<main[\s\S]*<\/main>/.exec(res.body)![0];
    assert.doesNotMatch(main, /href="https?:/, 'no outside link');
  });

  test('法定主动公开内容 lists the 15 items of Art. 20, plus Art. 21 for governments, each a working sub-column', async () => {
    const b = new Browser(t.app);
    const dept = await b.get('/zwgk/HS-CZJ/statutory');
    const deptLinks = dept.body.match(/href="\/zwgk\/HS-CZJ\/statutory\/[a-z-]+"/g) ?? [];
    assert.equal(deptLinks.length, 15);
    const d = text(dept.body);
    assert.match(d, /（一） 行政法规、规章和规范性文件/);
    assert.match(d, /（七） 财政预算、决算信息/);
    assert.match(d, /（十五） 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息/);
    assert.doesNotMatch(d, /市政建设/);

    const gov = await b.get('/zwgk/HS/statutory');
    const govLinks = gov.body.match(/href="\/zwgk\/HS\/statutory\/[a-z-]+"/g) ?? [];
    assert.equal(govLinks.length, 22);
    for (const area of ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助']) assert.ok(text(gov.body).includes(area), area);

    for (const item of statutoryItemsFor('government')) {
      const res = await b.get(`/zwgk/HS/statutory/${item.slug}`);
      assert.equal(res.statusCode, 200, item.slug);
      assert.match(text(res.body), /本栏目暂无已公开的信息/);
      assertNoRawKeys(res.body, item.slug);
    }
    const org = text((await b.get('/zwgk/HS/statutory/organisation')).body);
    assert.match(org, /第二十条第（二）项/);
    assert.match(org, /办公地址 衡水市桃城区人民东路299号/, 'the organisation item shows the contacts the platform already has');
    const town = await b.get('/zwgk/TC-HX/statutory');
    assert.match(text(town.body), /宅基地使用情况审核/);
  });

  test('annual reports: deadlines by 31 January (departments) and 31 March (governments), and a clear 尚未发布 state', async () => {
    const b = new Browser(t.app);
    const gov = text((await b.get('/zwgk/HS/annual-reports')).body);
    assert.match(gov, /尚未发布/);
    assert.match(gov, /衡水市人民政府2025年度政府信息公开工作年度报告应当于2026年3月31日前公布/);
    const dept = text((await b.get('/zwgk/HS-CZJ/annual-reports')).body);
    assert.match(dept, /尚未发布/);
    assert.match(dept, /2026年1月31日前公布/);
  });

  test('the apply page explains Art. 27–33 and lists every agency’s office, saying honestly that the online form is coming', async () => {
    const b = new Browser(t.app);
    const res = await b.get('/zwgk/apply');
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(body, /无需注册账号/);
    assert.match(body, /申请人的姓名或者名称、身份证明、联系方式/);
    assert.match(body, /20个工作日内予以答复/);
    assert.match(body, /延长的期限最长不超过20个工作日/);
    assert.match(body, /以双方确认之日为收到申请之日/);
    assert.match(body, /本平台受理网上申请/);
    assert.match(res.body, /href="\/apply"/, 'the online form is one click away');
    assert.match(res.body, /href="\/track"/);
    for (const name of ['衡水市人民政府', '衡水市财政局', '桃城区教育局', '河西街道办事处']) assert.ok(body.includes(name), name);
    assert.match(body, /机构名称 衡水市人民政府办公室/);
    assert.doesNotMatch(res.body, /<form[^>]*action="\/zwgk/, 'no form that does not work yet');
    const one = text((await b.get('/zwgk/HS-CZJ/apply')).body);
    assert.match(one, /向衡水市财政局申请公开政府信息/);
    assert.match(one, /机构名称 衡水市财政局办公室/);
  });

  test('search keeps the query and says plainly that no published information matches yet', async () => {
    const b = new Browser(t.app);
    const res = await b.get(`/search?q=${encodeURIComponent('财政')}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<input id="search-page-q" type="search" name="q" value="财政"/);
    const body = text(res.body);
    assert.match(body, /没有找到与“财政”相关的已公开政府信息/);
    assert.match(body, /名称相符的行政机关（1个） 衡水市财政局/);
    const xss = await b.get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    assert.doesNotMatch(xss.body, /<script>alert/);
    const empty = await b.get('/search');
    assert.match(text(empty.body), /请输入关键词/);
  });

  test('English is chosen with ?lang=en, remembered by cookie, and switched back with ?lang=zh-CN', async () => {
    const b = new Browser(t.app);
    const en = await b.get('/zwgk?lang=en');
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /Disclosure Guide/);
    assert.match(en.body, /Request Information/);
    assert.equal(meta(en.body, 'ColumnName'), '政府信息公开', 'column meta tags stay in Chinese for the national checks');
    assert.equal(b.cookies.get('gk_lang'), 'en');
    const next = await b.get('/zwgk/HS/guide');
    assert.match(next.body, /<html lang="en">/);
    assert.match(text(next.body), /1\. How information is classified and arranged/);
    assertNoRawKeys(next.body, '/zwgk/HS/guide (en)');
    const help = await b.get('/help/accessibility');
    assert.match(text(help.body), /Large captions/);
    const back = await b.get('/?lang=zh-CN');
    assert.match(back.body, /<html lang="zh-CN">/);
    assert.match(back.body, /政府信息公开/);
  });

  test('the footer shows the configured identifiers and leaves out the empty ones', async () => {
    const s = t.services;
    const original = await s.site.settings();
    const b = new Browser(t.app);
    try {
      await s.site.update(s.users.systemPrincipal(), cliActor, {
        siteName: '衡水市人民政府',
        siteDomain: 'www.hengshui.gov.cn',
        siteIdCode: '1311000008',
        organiser: '衡水市人民政府办公室',
        contactPhone: '0318-2025878',
        contactEmail: 'web@hengshui.example',
        contactAddress: '衡水市人民东路299号',
        icp: '冀ICP备05007416号',
        icpUrl: 'https://beian.miit.gov.cn/',
        policeRecord: '冀公网安备13110202000123号',
        policeRecordUrl: 'https://beian.mps.gov.cn/#/query/webSearch?code=13110202000123',
        errorReportUrl: 'https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1311000008',
        showPartyGovMark: true,
      });
      const full = await b.get('/');
      const footer = /<footer[\s\S]*<\/footer>/.exec(full.body)![0];
      const f = text(footer);
      assert.match(f, /主办单位：衡水市人民政府办公室/);
      assert.match(f, /联系电话：0318-2025878/);
      assert.match(f, /网站标识码：1311000008/);
      assert.match(footer, /<a href="https:\/\/beian.miit.gov.cn\/" rel="noopener">冀ICP备05007416号<\/a>/);
      assert.match(footer, /<a href="https:\/\/beian.mps.gov.cn\/#\/query\/webSearch\?code=13110202000123" rel="noopener">冀公网安备13110202000123号<\/a>/);
      assert.match(footer, /href="https:\/\/zfwzgl.www.gov.cn\/exposure\/jiucuo.html\?site_code=1311000008"[^>]*>我为政府网站找错</);
      assert.match(footer, /<img class="party-gov-mark" src="\/static\/img\/party-gov-mark.svg"[^>]*alt="党政机关网站"/);
      assert.match(footer, /href="\/help\/accessibility"/);
      assert.equal(meta(full.body, 'SiteIDCode'), '1311000008');
      assert.equal(meta(full.body, 'SiteDomain'), 'www.hengshui.gov.cn');

      await s.site.update(s.users.systemPrincipal(), cliActor, { siteName: '衡水市人民政府', organiser: '衡水市人民政府办公室', policeRecord: '冀公网安备13110202000123号', showPartyGovMark: false });
      const sparse = /<footer[\s\S]*<\/footer>/.exec((await b.get('/')).body)![0];
      assert.doesNotMatch(sparse, /网站标识码/);
      assert.doesNotMatch(sparse, /ICP/);
      assert.doesNotMatch(sparse, /联系电话|电子邮箱/);
      assert.doesNotMatch(sparse, /我为政府网站找错/);
      assert.doesNotMatch(sparse, /party-gov-mark/);
      assert.match(text(sparse), /冀公网安备13110202000123号/, 'the police record number shows as text without a URL');
      assert.doesNotMatch(sparse, /<a[^>]*>冀公网安备/);
      assert.match(sparse, /href="\/help\/accessibility"/);
    } finally {
      await s.site.update(s.users.systemPrincipal(), cliActor, original);
    }
  });

  test('the demo notice shows on every page while demo data is loaded', async () => {
    const b = new Browser(t.app);
    assert.doesNotMatch((await b.get('/')).body, /class="demo-banner"/);
    await t.services.site.setDemoLoaded(true);
    try {
      for (const url of ['/', '/zwgk/HS/guide', '/agencies/NOPE']) {
        const res = await b.get(url);
        assert.match(res.body, /class="demo-banner"/, url);
        assert.match(text(res.body), /演示数据 本站当前展示的是演示数据，不是真实的政府信息。/, url);
      }
    } finally {
      await t.services.site.setDemoLoaded(false);
    }
  });

  test('the accessibility toolbar: hidden without JavaScript, every control labelled, texts passed as JSON data', async () => {
    const res = await new Browser(t.app).get('/zwgk');
    const html = res.body;
    assert.match(html, /<script src="\/static\/js\/a11y-init.js"><\/script>/, 'init script loads synchronously in head');
    assert.match(html, /<script src="\/static\/js\/a11y.js" defer><\/script>/);
    assert.match(html, /<div class="a11y-launcher" id="a11y-launcher" hidden>/);
    assert.match(html, /<button type="button" id="a11y-toggle"[^>]*aria-expanded="false" aria-controls="a11y-toolbar" aria-keyshortcuts="Alt\+Shift\+A">/);
    assert.match(html, /<section id="a11y-toolbar" class="a11y-toolbar" aria-label="无障碍工具条" hidden>/);
    const bar = /<section id="a11y-toolbar"[\s\S]*?<\/section>/.exec(html)![0];
    const buttons = [...bar.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/g)];
    const tools = buttons.map((m) => /data-a11y="([^"]+)"/.exec(m[1])![1]);
    for (const tool of ['read', 'point', 'rate-down', 'rate-up', 'text-up', 'text-down', 'page-up', 'page-down', 'scheme', 'cursor', 'guide', 'captions', 'plain', 'reset', 'close']) {
      assert.ok(tools.includes(tool), `toolbar has ${tool}`);
    }
    for (const m of buttons) assert.ok(text(m[2]).trim().length > 0, `button has a visible label: ${m[0]}`);
    const labels = buttons.map((m) => text(m[2]).trim());
    for (const label of ['连读', '指读', '语速减慢', '语速加快', '文字放大', '文字缩小', '页面放大', '页面缩小', '黑底黄字', '大鼠标', '十字光标', '大字幕', '纯文本', '重置', '关闭']) {
      assert.ok(labels.includes(label), label);
    }
    const toggles = buttons.filter((m) => /data-a11y="(read|point|scheme|cursor|guide|captions|plain)"/.test(m[1]));
    for (const m of toggles) assert.match(m[1], /aria-pressed="false"/);
    assert.match(bar, /<a class="a11y-btn" href="\/help\/accessibility">帮助<\/a>/);
    const json = /<script type="application\/json" id="a11y-config">([\s\S]*?)<\/script>/.exec(html)![1];
    const cfg = JSON.parse(json);
    assert.equal(cfg.lang, 'zh-CN');
    assert.equal(cfg.messages['a11y.status.noSpeech'], '您的浏览器不支持语音朗读。');
    assert.doesNotMatch(html, /<script>/, 'no inline executable script');
    assert.doesNotMatch(html, /\sstyle="/, 'no inline style attributes (CSP)');
    assert.doesNotMatch(res.headers['content-security-policy'] as string, /unsafe-inline/);
  });

  test('the accessibility help page explains every tool and the keyboard shortcut', async () => {
    const res = await new Browser(t.app).get('/help/accessibility');
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(body, /Alt\+Shift\+A/);
    for (const tool of ['连读', '指读', '语速', '文字大小', '页面大小', '配色', '大鼠标', '十字光标', '大字幕', '纯文本', '重置', '帮助']) assert.ok(body.includes(tool), tool);
    assert.match(body, /长者模式/);
    assertNoRawKeys(res.body, '/help/accessibility');
  });

  test('static assets of the toolbar and the stylesheet are served', async () => {
    const b = new Browser(t.app);
    for (const url of ['/static/css/site.css', '/static/js/a11y.js', '/static/js/a11y-init.js', '/static/img/party-gov-mark.svg', '/static/img/cursor-arrow.svg', '/static/img/favicon.svg']) {
      const res = await b.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.ok(res.body.length > 100, url);
    }
  });
});
