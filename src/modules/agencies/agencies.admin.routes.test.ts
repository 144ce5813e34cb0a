import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';

describeEachDialect('back office: agencies', (dialect) => {
  let t: TestApp;
  const b: Record<string, Browser> = {};
  before(async () => {
    t = await buildTestApp(dialect);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-FGW', '衡水市发展和改革委员会', { parent: 'HS', phone: '0318-2100001' });
    await addAgency(t.services, 'TC', '桃城区人民政府', { kind: 'government', parent: 'HS' });
    await addAgency(t.services, 'TC-JYJ', '桃城区教育局', { parent: 'TC' });
    await addAgency(t.services, 'XT', '邢台市人民政府', { kind: 'government' });
    await addUser(t.services, 'admin1', [['admin', null]]);
    await addUser(t.services, 'ed1', [['editor', 'HS-FGW']]);
    await addUser(t.services, 'auth1', [['authority', 'TC']]);
    await addUser(t.services, 'insp1', [['inspector', 'TC']]);
    for (const u of ['admin1', 'ed1', 'auth1', 'insp1']) {
      b[u] = new Browser(t.app);
      await b[u].signIn(u);
    }
  });
  after(() => t.dispose());

  test('signed out, the agency pages redirect to sign-in', async () => {
    const res = await new Browser(t.app).get('/admin/agencies');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/admin\/sign-in\?next=/);
  });

  test('an administrator creates an agency under a parent and it appears in the tree below it', async () => {
    const res = await b.admin1.submit('/admin/agencies/new', '/admin/agencies/new', {
      code: 'HS-JYJ',
      name: '衡水市教育局',
      parent: 'HS',
      kind: 'department',
      creditCode: '11131100000000000Y',
      indexPrefix: 'HSJYJ',
      indexPattern: '{prefix}/{year}-{serial:5}',
      officeName: '衡水市教育局办公室',
      phone: '0318-2100002',
      sortOrder: '5',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/agencies/HS-JYJ?done=created');
    const page = await b.admin1.get(res.headers.location as string);
    assert.match(page.body, /role="status"[^>]*>\s*<p>已创建。/);
    assert.match(page.body, /所在位置：.*衡水市人民政府.*›.*衡水市教育局/s);
    const stored = await t.services.agencies.requireByCode('HS-JYJ');
    assert.equal(stored.parentId, (await t.services.agencies.requireByCode('HS')).id);
    assert.equal(stored.indexPattern, '{prefix}/{year}-{serial:5}');

    const list = await b.admin1.get('/admin/agencies');
    const names = [...list.body.matchAll(/<th scope="row"[^>]*>(.*?)<\/th>/gs)].map((m) => m[1].replace(/<[^>]+>/g, '').replace(/（第 \d+ 级）/, ''));
    const hs = names.findIndex((n) => n.endsWith('衡水市人民政府'));
    const jyj = names.findIndex((n) => n.includes('衡水市教育局'));
    const xt = names.findIndex((n) => n.endsWith('邢台市人民政府'));
    assert.ok(hs >= 0 && jyj > hs && (xt < hs || xt > jyj), `order: ${names.join(' | ')}`);
    assert.match(names[jyj], /└/, 'the new agency is indented below its parent');

    const filtered = await b.admin1.get('/admin/agencies?q=%E6%95%99%E8%82%B2'); // 教育
    assert.match(filtered.body, /衡水市教育局/);
    assert.match(filtered.body, /桃城区教育局/);
    assert.doesNotMatch(filtered.body, /邢台市人民政府/);
  });

  test('a bad credit code is refused in Chinese next to the field, and everything typed is kept', async () => {
    const res = await b.admin1.submit('/admin/agencies/new', '/admin/agencies/new', {
      code: 'HS-MZJ',
      name: '衡水市民政局',
      parent: 'HS',
      kind: 'department',
      creditCode: '12345',
      address: '衡水市桃城区人民东路 100 号',
      phone: '0318-2100003',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-creditCode-error">统一社会信用代码应为 18 位数字或大写字母/);
    assert.match(res.body, /统一社会信用代码：统一社会信用代码应为 18 位/, 'the summary names the field');
    assert.match(res.body, /name="name" type="text" value="衡水市民政局"/);
    assert.match(res.body, /name="address" type="text" value="衡水市桃城区人民东路 100 号"/);
    assert.match(res.body, /name="creditCode" type="text" value="12345"/);
    assert.match(res.body, /<option value="HS" selected>/);
    assert.equal(await t.services.agencies.byCode('HS-MZJ'), undefined);
  });

  test('an editor changes their own agency\'s phone, but not another agency, and not the parent', async () => {
    const form = await b.ed1.get('/admin/agencies/HS-FGW');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="phone"/);
    assert.doesNotMatch(form.body, /name="parent"/, 'the parent is shown read-only');
    assert.match(form.body, /由系统管理员维护的信息/);

    const res = await b.ed1.submit('/admin/agencies/HS-FGW', '/admin/agencies/HS-FGW', { phone: '0318-2999999', parent: 'XT', name: '改名了', code: 'HACK' });
    assert.equal(res.statusCode, 303);
    const a = await t.services.agencies.requireByCode('HS-FGW');
    assert.equal(a.phone, '0318-2999999');
    assert.equal(a.name, '衡水市发展和改革委员会');
    assert.equal(a.parentId, (await t.services.agencies.requireByCode('HS')).id);

    const other = await b.ed1.submit('/admin/agencies/HS-FGW', '/admin/agencies/TC-JYJ', { phone: '0318-1111111' });
    assert.equal(other.statusCode, 403);
    assert.match(other.body, /无权访问/);
    assert.equal((await t.services.agencies.requireByCode('TC-JYJ')).phone, null);
    assert.equal((await b.ed1.get('/admin/agencies/TC-JYJ')).statusCode, 403);
    assert.equal((await b.ed1.get('/admin/agencies/new')).statusCode, 403);
    assert.equal((await b.ed1.submit('/admin/agencies/HS-FGW', '/admin/agencies/HS-FGW/disable', {})).statusCode, 403);
  });

  test('an authority sees only the agencies below its government and may edit their contacts', async () => {
    const list = await b.auth1.get('/admin/agencies');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /桃城区人民政府/);
    assert.match(list.body, /桃城区教育局/);
    assert.doesNotMatch(list.body, /衡水市发展和改革委员会/);
    assert.doesNotMatch(list.body, /邢台市人民政府/);
    assert.doesNotMatch(list.body, /href="\/admin\/agencies\/new"/);
    const res = await b.auth1.submit('/admin/agencies/TC-JYJ', '/admin/agencies/TC-JYJ', { officeHours: '工作日 8:30—17:30' });
    assert.equal(res.statusCode, 303);
    assert.equal((await t.services.agencies.requireByCode('TC-JYJ')).officeHours, '工作日 8:30—17:30');
    assert.equal((await b.auth1.get('/admin/agencies/HS-FGW')).statusCode, 403);
  });

  test('an inspector reads but cannot change', async () => {
    const page = await b.insp1.get('/admin/agencies/TC-JYJ');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /没有修改权限/);
    assert.doesNotMatch(page.body, /name="phone"/);
    const res = await b.insp1.submit('/admin/agencies/TC-JYJ', '/admin/agencies/TC-JYJ', { phone: '0318-1234567' });
    assert.equal(res.statusCode, 403);
  });

  test('an editor\'s invalid phone is refused with the message and the input kept', async () => {
    const res = await b.ed1.submit('/admin/agencies/HS-FGW', '/admin/agencies/HS-FGW', { phone: 'call me', email: 'office@fgw.hs.gov.cn' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /请输入有效的电话号码/);
    assert.match(res.body, /value="call me"/);
    assert.match(res.body, /value="office@fgw.hs.gov.cn"/);
  });

  test('an administrator disables and re-enables an agency, and both are audit-logged', async () => {
    const off = await b.admin1.submit('/admin/agencies/XT', '/admin/agencies/XT/disable', {});
    assert.equal(off.statusCode, 303);
    assert.equal((await t.services.agencies.requireByCode('XT')).disabled, true);
    const page = await b.admin1.get(off.headers.location as string);
    assert.match(page.body, /已停用。/);
    assert.match(page.body, /重新启用该机构/);
    await b.admin1.submit('/admin/agencies/XT', '/admin/agencies/XT/enable', {});
    assert.equal((await t.services.agencies.requireByCode('XT')).disabled, false);
    const log = await t.services.audit.list({ action: 'agency.', limit: 50, offset: 0 });
    assert.ok(log.rows.some((r) => r.action === 'agency.disable' && r.actorName === 'admin1'));
    assert.ok(log.rows.some((r) => r.action === 'agency.enable'));
  });

  test('an administrator cannot move an agency below itself', async () => {
    const res = await b.admin1.submit('/admin/agencies/HS', '/admin/agencies/HS', { parent: 'TC' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /不能把机构设为其自身或下级机构的下级/);
  });
});
