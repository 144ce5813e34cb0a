import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentDisposition } from '../../kernel/downloads.ts';
import { cleanFileName, downloadName, formatFileSize, publicAttachmentPath } from './attachments.ts';

test('file names are kept as uploaded, without paths or control characters', () => {
  assert.equal(cleanFileName('C:\\Users\\张三\\关于预算公开的通知.pdf'), '关于预算公开的通知.pdf');
  assert.equal(cleanFileName('a\u0000b\u202e.pdf'), 'ab.pdf');
  assert.equal(cleanFileName('  '), 'attachment');
  const long = cleanFileName(`${'长'.repeat(300)}.docx`);
  assert.equal(long.length, 200);
  assert.ok(long.endsWith('.docx'));
  // A name of characters outside the BMP (a CJK Extension B surname, an emoji) is cut between
  // characters, never inside one: the page, the API and the download must still work with it.
  const wide = cleanFileName(`长${'𠀀'.repeat(250)}😀.pdf`);
  assert.equal(Array.from(wide).length, 200);
  assert.doesNotThrow(() => contentDisposition(wide));
  assert.doesNotThrow(() => publicAttachmentPath('p', { id: 'a', name: wide, type: 'pdf' }));
  assert.doesNotThrow(() => encodeURIComponent(cleanFileName('a\ud800b.pdf')), 'a lone surrogate sent by a client is replaced');
});

test('a download gets the extension of its real type when its name has another', () => {
  assert.equal(downloadName('通知.pdf', 'pdf'), '通知.pdf');
  assert.equal(downloadName('照片.JPG', 'jpeg'), '照片.JPG');
  assert.equal(downloadName('通知.txt', 'pdf'), '通知.txt.pdf');
  assert.equal(downloadName('统计表', 'xlsx'), '统计表.xlsx');
});

test('sizes read as KB and MB', () => {
  assert.equal(formatFileSize(512), '512 B');
  assert.equal(formatFileSize(2828), '2.8 KB');
  assert.equal(formatFileSize(20 * 1024 * 1024), '20 MB');
  assert.equal(formatFileSize(1.5 * 1024 * 1024), '1.5 MB');
});

test('Content-Disposition carries the Chinese name (RFC 8187) and an ASCII fallback', () => {
  assert.equal(contentDisposition('关于预算公开的通知.pdf'), `attachment; filename="attachment.pdf"; filename*=UTF-8''%E5%85%B3%E4%BA%8E%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80%E7%9A%84%E9%80%9A%E7%9F%A5.pdf`);
  assert.equal(contentDisposition('report "2017"; final.pdf'), `attachment; filename="report _2017_ final.pdf"; filename*=UTF-8''report%20%222017%22%3B%20final.pdf`);
  assert.equal(publicAttachmentPath('p1', { id: 'a1', name: '表 1.xlsx', type: 'xlsx' }), '/xxgk/p1/attachments/a1/%E8%A1%A8%201.xlsx');
});
