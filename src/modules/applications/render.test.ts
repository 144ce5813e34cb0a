import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseDate, closePdfBrowser, htmlToPdf, letterDocx, letterHtml, receiptDocx, receiptHtml, type ReceiptData } from './render.ts';
import { composeLetter, defaultTemplate, templateKeys, type LetterContent } from './letters.ts';
import { sampleLetter, templatePlaceholders, unknownPlaceholders } from './templates.service.ts';
import { browserRequirement, libreOfficeRequirement, sofficeConvertFiles, unzip } from '../../../test/helpers/documents.ts';

/** The entries of a ZIP file, as text. */
const unzipText = (buf: Buffer): Map<string, string> => new Map([...unzip(buf)].map(([n, b]) => [n, b.toString('utf8')]));

/** The visible text of word/document.xml, paragraph by paragraph. */
function docxParagraphs(buf: Buffer): string[] {
  const xml = unzipText(buf).get('word/document.xml');
  assert.ok(xml, 'word/document.xml is in the package');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

const letter: LetterContent = {
  kind: 'answer',
  title: '衡水市教育局政府信息公开申请答复告知书',
  number: '衡教依申〔2026〕3号',
  addressee: '张三：',
  paragraphs: ['您于2026-03-02向本机关提出的政府信息公开申请（申请编号：YS2026ABCDEFGH）收悉。', '经审查，您申请获取的政府信息属于公开范围，现予以公开。', '特此告知。'],
  agencyName: '衡水市教育局',
  issuedOn: '2026-03-05',
  templateKey: 'answer.disclose',
};

const receipt: ReceiptData = {
  lang: 'zh-CN',
  agencyName: '衡水市教育局',
  trackingCode: 'YS2026ABCDEFGH',
  submittedAt: '2026-03-02 10:00',
  receivedOn: '2026-03-02',
  dueOn: '2026-03-30',
  provisional: false,
  rules: '《中华人民共和国政府信息公开条例》（国务院令第711号）（cn-2019）',
  steps: ['收到申请日期：2026-03-02，从次日起计算', '答复期限：2026-03-30'],
  description: '请公开2025年本市义务教育阶段学校招生划片方案。',
  applicantType: '自然人',
  labels: {
    title: '政府信息公开申请回执', agency: '受理机关', trackingCode: '申请编号', submittedAt: '提交时间', receivedOn: '收到申请日期', dueOn: '答复期限',
    provisional: '暂定', rules: '适用规定', applicantType: '申请人类型', description: '所需信息', steps: '期限计算', notReceived: '待确认', keepPassword: '请妥善保存申请编号和查询密码',
  },
};

/** Converts a DOCX to PDF with LibreOffice; returns the PDF. */
const sofficeToPdf = async (docx: Buffer): Promise<Buffer> => [...(await sofficeConvertFiles(docx, 'docx', 'pdf')).values()][0]!;

describe('documents', () => {
  after(() => closePdfBrowser());

  test('dates under a signature are written in Chinese', () => {
    assert.equal(chineseDate('2026-03-05'), '二〇二六年三月五日');
    assert.equal(chineseDate('2025-10-10'), '二〇二五年十月十日');
    assert.equal(chineseDate('2019-12-31'), '二〇一九年十二月三十一日');
    assert.equal(chineseDate('2020-11-20'), '二〇二〇年十一月二十日');
  });

  test('a letter is a Word document with the title, number, addressee, paragraphs, agency and Chinese date in order', async () => {
    const buf = await letterDocx(letter);
    assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP package');
    const files = unzipText(buf);
    assert.ok(files.has('[Content_Types].xml'));
    const paras = docxParagraphs(buf).filter(Boolean);
    assert.deepEqual(paras, [letter.title, letter.number, letter.addressee, ...letter.paragraphs, letter.agencyName, '二〇二六年三月五日']);
    const xml = files.get('word/document.xml')!;
    assert.match(xml, /w:jc w:val="center"/, 'the title is centred');
    assert.match(xml, /w:firstLineChars="200"/, 'paragraphs are indented by two characters');
    assert.match(xml, /w:eastAsia="SimSun"/, 'the title has a CJK serif face');
    assert.match(xml, /w:pgSz w:w="11906" w:h="16838"/, 'A4 portrait');
  });

  test('the receipt never carries the password', async () => {
    const buf = await receiptDocx(receipt);
    const text = docxParagraphs(buf).join('\n');
    for (const s of [receipt.trackingCode, receipt.agencyName, receipt.dueOn!, receipt.description, ...receipt.steps]) assert.ok(text.includes(s), `receipt shows ${s}`);
    assert.ok(!/密码[:：]\s*\S/.test(text));
    const html = receiptHtml(receipt);
    assert.match(html, /^<!DOCTYPE html><html lang="zh-CN">/);
    assert.ok(!/<link|<script|src=/.test(html), 'self-contained');
  });

  test('the print HTML of a letter is self-contained and escapes what it prints', () => {
    const html = letterHtml({ ...letter, addressee: '<b>张三</b>：' });
    assert.match(html, /<html lang="zh-CN">/);
    assert.ok(html.includes('&lt;b&gt;张三&lt;/b&gt;'));
    assert.ok(html.includes('二〇二六年三月五日'));
    assert.ok(!/<link|<script|src=/.test(html));
  });

  describe('LibreOffice opens the letters', { skip: libreOfficeRequirement() }, () => {
    test('a letter and a receipt convert to PDF', { timeout: 240_000 }, async () => {
      const answer = sampleLetter('answer.withhold.thirdParty', defaultTemplate('answer.withhold.thirdParty'), null, new Date('2026-03-02T02:00:00Z'));
      for (const docx of [await letterDocx(answer), await receiptDocx(receipt)]) {
        const pdf = await sofficeToPdf(docx);
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        assert.match(pdf.toString('latin1'), /\/Type\s*\/Page[^s]/);
      }
    });
  });

  describe('PDF through Chromium', { skip: browserRequirement() }, () => {
    test('a letter prints to an A4 PDF with pages', { timeout: 120_000 }, async () => {
      const pdf = await htmlToPdf(letterHtml(letter));
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = pdf.toString('latin1');
      assert.match(text, /\/Type\s*\/Page[^s]/);
      // A4: 595 × 842 points.
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(text);
      assert.ok(box && Math.round(Number(box[1])) === 595 && Math.round(Number(box[2])) === 842, `A4 page: ${box?.[0]}`);
      // The browser is reused: a second document is quick and as good.
      const again = await htmlToPdf(receiptHtml(receipt));
      assert.equal(again.subarray(0, 5).toString('latin1'), '%PDF-');
    });
  });
});

describe('template placeholders', () => {
  test('every placeholder of the built-in templates is allowed, and composeLetter fills every allowed one', () => {
    for (const key of templateKeys) assert.deepEqual(unknownPlaceholders(defaultTemplate(key)), [], key);
    const body = templatePlaceholders.map((p) => `${p}=[{${p}}]`).join('\n\n');
    for (const key of ['answer.unable.notHeld', 'correction', 'fee']) {
      const l = sampleLetter(key, body, null, new Date('2026-03-02T02:00:00Z'));
      assert.ok(!l.paragraphs.some((p) => /\{\w+\}/.test(p)), `${key}: ${l.paragraphs.filter((p) => /\{\w+\}/.test(p)).join(' | ')}`);
    }
    assert.deepEqual(unknownPlaceholders('您好{applicant}，{nosuch}{trackingCode}{alsoNot}'), ['nosuch', 'alsoNot']);
    assert.equal(typeof composeLetter, 'function');
  });
});
