import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from 'cheerio';
import { findDate, metaDate } from './dates.ts';

describe('findDate', () => {
  it('reads the formats government pages print', () => {
    assert.equal(findDate('海山区召开冬季安全生产工作会议 2026-11-27'), '2026-11-27');
    assert.equal(findDate('2026/11/27'), '2026-11-27');
    assert.equal(findDate('发布时间：2026.11.27'), '2026-11-27');
    assert.equal(findDate('2026年11月27日'), '2026-11-27');
    assert.equal(findDate('成文日期：2026年1月5日'), '2026-01-05');
    assert.equal(findDate('2026 年 1 月 5 日'), '2026-01-05');
    assert.equal(findDate('2026-11-27 10:30'), '2026-11-27');
    assert.equal(findDate('关于开展培训的通知[2026-11-27]'), '2026-11-27');
    assert.equal(findDate('2026-1-5'), '2026-01-05');
  });

  it('is not fooled by impossible dates, mixed separators or numbers that are not dates', () => {
    assert.equal(findDate('2026-02-30'), null);
    assert.equal(findDate('2026-13-01'), null);
    assert.equal(findDate('2026-11/27'), null);
    assert.equal(findDate('索引号：000014349/2026-00123'), null);
    assert.equal(findDate('联系电话 0791-88880000'), null);
    assert.equal(findDate(''), null);
    // The first real date wins; an impossible one before it is skipped.
    assert.equal(findDate('2026-02-30 更正为 2026-03-02'), '2026-03-02');
    assert.equal(findDate('2024-02-29'), '2024-02-29');
  });

  it('uses a custom pattern: named groups y, m, d, or the first match read with the default formats', () => {
    assert.equal(findDate('成文日期：20250203', '(?<y>\\d{4})(?<m>\\d{2})(?<d>\\d{2})'), '2025-02-03');
    assert.equal(findDate('成文日期：20250230 / 20250203', '(?<y>\\d{4})(?<m>\\d{2})(?<d>\\d{2})'), '2025-02-03');
    // Without groups: the match is read as a date (here: only the publication date, not the written date).
    assert.equal(findDate('成文日期：2025-01-02 发布日期：2025-01-09', '发布日期：\\S+'), '2025-01-09');
    assert.equal(findDate('2025-01-02', '发布日期：\\S+'), null);
    // An invalid pattern falls back to the default formats.
    assert.equal(findDate('2025-01-02', '(unclosed'), '2025-01-02');
  });
});

describe('metaDate', () => {
  const page = (head: string, body = '') => load(`<html><head>${head}</head><body>${body}</body></html>`);

  it('reads the publication metadata government CMSs write', () => {
    assert.equal(metaDate(page('<meta name="PubDate" content="2026-11-20 09:30">')), '2026-11-20');
    assert.equal(metaDate(page('<meta name="firstpublishedtime" content="2026-11-20-09:30:00">')), '2026-11-20');
    assert.equal(metaDate(page('<meta name="publishdate" content="2026年11月20日">')), '2026-11-20');
    assert.equal(metaDate(page('<meta name="pubdate" content="2026/11/20">')), '2026-11-20');
    assert.equal(metaDate(page('<meta name="ArticlePublishTime" content="2026-11-20">')), '2026-11-20');
    assert.equal(metaDate(page('', '<article><time datetime="2026-11-20T10:00:00+08:00">11月20日</time></article>')), '2026-11-20');
  });

  it('reads an instant with a zone as its date in Asia/Shanghai', () => {
    assert.equal(metaDate(page('<meta property="article:published_time" content="2026-11-19T20:00:00Z">')), '2026-11-20');
    assert.equal(metaDate(page('<meta property="article:published_time" content="2026-11-20T07:59:00+08:00">')), '2026-11-20');
  });

  it('ignores other metadata and impossible dates', () => {
    assert.equal(metaDate(page('<meta name="keywords" content="2026-11-20"><meta name="PubDate" content="2026-02-30">')), null);
    assert.equal(metaDate(page('<meta name="description" content="海山区">')), null);
  });
});
