import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRobots } from './robots.ts';

describe('parseRobots', () => {
  it('applies the * group when there is none for Gongkai', () => {
    const r = parseRobots('User-agent: *\nDisallow: /private/\n\nUser-agent: Baiduspider\nDisallow: /\n');
    assert.equal(r.isAllowed('/'), true);
    assert.equal(r.isAllowed('/zwgk/index.html'), true);
    assert.equal(r.isAllowed('/private/a.html'), false);
    assert.equal(r.isAllowed('/private'), true);
  });

  it('prefers the group naming Gongkai over *, whatever the case, and merges groups that name it', () => {
    const text = 'User-agent: *\nDisallow: /\n\nuser-agent: gongkai\nDisallow: /drafts/\n\nUser-agent: Googlebot\nUser-agent: GONGKAI\nDisallow: /tmp/\n';
    const r = parseRobots(text);
    assert.equal(r.isAllowed('/zwgk/'), true);
    assert.equal(r.isAllowed('/drafts/a.html'), false);
    assert.equal(r.isAllowed('/tmp/x'), false);
  });

  it('lets the longest matching rule win, Allow on a tie', () => {
    const r = parseRobots('User-agent: *\nDisallow: /drafts/\nAllow: /drafts/public.html\nDisallow: /a\nAllow: /a\n');
    assert.equal(r.isAllowed('/drafts/a.html'), false);
    assert.equal(r.isAllowed('/drafts/public.html'), true);
    assert.equal(r.isAllowed('/a/b'), true);
  });

  it('understands * and $ wildcards, queries and Chinese paths', () => {
    const r = parseRobots('User-agent: *\nDisallow: /*.pdf$\nDisallow: /search?*q=\nDisallow: /*/print/\nDisallow: /专题/\n');
    assert.equal(r.isAllowed('/files/report.pdf'), false);
    assert.equal(r.isAllowed('/files/report.pdf?v=1'), true);
    assert.equal(r.isAllowed('/search?page=2&q=abc'), false);
    assert.equal(r.isAllowed('/search'), true);
    assert.equal(r.isAllowed('/zwdt/print/1.html'), false);
    assert.equal(r.isAllowed(new URL('http://x/专题/a.html').pathname), false);
  });

  it('ignores comments, empty Disallow, sitemaps and lines outside groups; robots.txt itself is allowed', () => {
    const r = parseRobots('# robots\nDisallow: /before-any-group/\nSitemap: http://x/sitemap.xml\nUser-agent: * # all\nDisallow:\nCrawl-delay: 2\n');
    assert.equal(r.isAllowed('/before-any-group/a'), true);
    assert.equal(r.isAllowed('/anything'), true);
    assert.equal(r.crawlDelay, 2);
    assert.equal(parseRobots('User-agent: *\nDisallow: /\n').isAllowed('/robots.txt'), true);
    assert.equal(parseRobots('User-agent: *\nDisallow: /\n').isAllowed('/'), false);
    assert.equal(parseRobots('').isAllowed('/x'), true);
  });
});
