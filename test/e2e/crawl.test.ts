/**
 * `gongkai start` on an empty database — SQLite, and PostgreSQL when DATABASE_URL_PG is set — loads
 * the demo city, and then every page a visitor or the demo administrator can reach by following links
 * opens (no HTTP error). No browser needed: this also runs where Chromium is missing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDbUrl, describeEachDialect } from '../helpers/db.ts';
import { demoUsers } from '../../src/demo/index.ts';
import { assertAllOpen, crawl, HttpClient, linksIn, startServer, type RunningServer } from './harness.ts';

describeEachDialect('npm start on an empty database: the demo city, every page opens', (dialect) => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let server: RunningServer;

  before(async () => {
    db = await createTestDbUrl(dialect);
    server = await startServer({ DATABASE_URL: db.url });
  });
  after(async () => {
    await server?.stop();
    await db?.dispose();
  });

  test('the portal lists the city, its counties and departments, and every public page linked from it opens', async () => {
    const http = new HttpClient(server.url);
    const home = await http.get('/');
    assert.equal(home.status, 200);
    assert.match(home.html ?? '', /衡水市人民政府/);
    assert.match(home.html ?? '', /演示数据/, 'the demo notice is shown');
    const agencies = await http.get('/agencies');
    const codes = [...new Set(linksIn(agencies.html ?? '', `${server.url}/agencies`).map((l) => /^\/agencies\/([^/]+)$/.exec(l)?.[1]).filter(Boolean))];
    for (const county of ['桃城区', '冀州区', '枣强县', '武邑县', '武强县', '饶阳县', '安平县', '故城县', '景县', '阜城县', '深州市']) {
      assert.match(agencies.html ?? '', new RegExp(county), `${county} is listed`);
    }
    const reached = await crawl(http.get, server.url, ['/', '/agencies', '/zwgk', '/zwgk/apply', '/search', '/help/accessibility'], (p) => !p.startsWith('/admin') && !p.startsWith('/static/'));
    assertAllOpen(reached, 'public pages that do not open', server);
    for (const code of codes) {
      for (const sub of ['guide', 'rules', 'statutory', 'annual-reports']) assert.ok(reached.has(`/zwgk/${code}/${sub}`), `/zwgk/${code}/${sub} is linked from the portal`);
    }
  });

  test('the demo administrator signs in, and every back-office page linked from there opens', async () => {
    const admin = demoUsers.find((u) => u.role === 'admin')!;
    const http = new HttpClient(server.url);
    assert.equal(await http.signIn(admin.username, admin.password), '/admin');
    const reached = await crawl(http.get, server.url, ['/admin'], (p) => p.startsWith('/admin') && !p.includes('sign-out') && !p.includes('sign-in'));
    assertAllOpen(reached, 'back-office pages that do not open', server);
    assert.ok(reached.size >= 9, `the back office links its pages (reached ${[...reached.keys()].join(', ')})`);
  });
});
