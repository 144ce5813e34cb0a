import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { attachmentLimits, attachmentMime, extractAttachmentText, sniffAttachmentType, type AttachmentType } from './attachment-content.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/attachments/${name}`, import.meta.url)));

/** Asserts that the words appear in the text in this order. */
function assertInOrder(text: string, words: string[]): void {
  let at = 0;
  for (const w of words) {
    const i = text.indexOf(w, at);
    assert.ok(i >= 0, `expected "${w}" after position ${at} in:\n${text.slice(0, 600)}`);
    at = i + w.length;
  }
}

test('files are recognised by their bytes, whatever they are called', () => {
  const cases: [string, AttachmentType | null][] = [
    ['report-zh.pdf', 'pdf'],
    ['notice-cid-objstm.pdf', 'pdf'],
    ['report-zh.docx', 'docx'],
    ['stats-zh.xlsx', 'xlsx'],
    ['seal.png', 'png'],
    ['stamp.jpg', 'jpeg'],
    ['dot.gif', 'gif'],
    ['stamp.webp', 'webp'],
    // rejected: a program or a web page renamed .pdf, a legacy .doc (OLE) renamed .docx,
    // a zip without Office content, a macro-enabled Word file renamed .docx, a cut-off DOCX
    ['program-renamed.pdf', null],
    ['page-renamed.pdf', null],
    ['legacy-ole.docx', null],
    ['plain.zip', null],
    ['macro-renamed.docx', null],
    ['report-zh-truncated.docx', null],
  ];
  for (const [name, type] of cases) assert.equal(sniffAttachmentType(fixture(name)), type, name);
  const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  assert.equal(sniffAttachmentType(bytes('\r\n%PDF-1.4\n')), 'pdf'); // stray line break before the header
  assert.equal(sniffAttachmentType(bytes('<html><!-- %PDF-1.4 --></html>')), null);
  assert.equal(sniffAttachmentType(bytes('GIF87')), null); // too short to be an image
  assert.equal(sniffAttachmentType(new Uint8Array(0)), null);
  assert.equal(sniffAttachmentType(new TextEncoder().encode('衡水市预算公开')), null);
});

test('every accepted type has its MIME type', () => {
  assert.equal(attachmentMime.pdf, 'application/pdf');
  assert.equal(attachmentMime.docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.equal(attachmentMime.xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(attachmentMime.jpeg, 'image/jpeg');
  assert.deepEqual(Object.keys(attachmentMime).sort(), ['docx', 'gif', 'jpeg', 'pdf', 'png', 'webp', 'xlsx']);
});

test('a Word report is searchable by its Chinese words, notes, headers and footers included', async () => {
  const text = await extractAttachmentText('docx', fixture('report-zh.docx'));
  assertInOrder(text, ['衡水市2017年政府信息公开工作年度报告', '国务院令〔2007〕第492号', '预决算公开', '《衡水市市级预算公开办法》']);
  assert.match(text, /0318-2025878 & 网站 <http:\/\/www\.hengshui\.gov\.cn\/>/); // entities decoded
  assert.match(text, /主动公开政府信息数\s+81,306条/); // table cells
  assert.match(text, /脚注：数据统计期限/);
  assert.match(text, /衡水市人民政府办公室 页眉/);
  assert.match(text, /页脚：政务公开/);
});

test('a spreadsheet gives its sheet names and cell values, strings and numbers, sheet by sheet', async () => {
  const text = await extractAttachmentText('xlsx', fixture('stats-zh.xlsx'));
  assertInOrder(text, ['主动公开情况', '统计指标', '主动公开政府信息数', '81306', '464', '预算公开', '衡水市市级预算公开办法', '12.5']);
  assert.match(text, /主动公开政府信息数\t条\t81306\n/);
  assert.match(text, /衡水市决算公开工作规范 & <附件>/);
});

test('a PDF exported by LibreOffice from the Word report reads as the report does', async () => {
  const text = await extractAttachmentText('pdf', fixture('report-zh.pdf'));
  assertInOrder(text, ['衡水市', '预算']);
  assertInOrder(text, ['衡水市2017年政府信息公开工作年度报告', '国务院令〔2007〕第492号', '预决算公开', '衡水市市级预算公开办法', '0318-2025878']);
  assert.match(text, /脚注：数据统计期限自2017年1月1日起至2017年12月31日止/);
  // a line wrapped inside a Chinese word does not split the word
  assert.doesNotMatch(text, /年\n度报告/);
});

test('a PDF with CID fonts (Identity-H, ToUnicode), object streams and an xref stream is read', async () => {
  const text = await extractAttachmentText('pdf', fixture('notice-cid-objstm.pdf'));
  assertInOrder(text, [
    '衡水市市级预算公开办法',
    '第一条 为推进预算公开，保障公民、法人和其他组织依法获取政府信息，',
    '依据《中华人民共和国预算法》制定本办法。',
    '第二条',
    '第三条 本办法自2017年3月1日起施行。', // second page
    '联系电话：0318-2025878',
  ]);
  assert.match(text, /衡水市人民政府 政务公开/); // header drawn by a form XObject
  // one line per baseline; two strings on one baseline stay on one line
  assert.match(text, /\n第二条 市级预算、决算应当在批准后二十日内向社会公开。\n/);
});

test('copy-protected PDFs that open without a password are read (RC4, AES-128, AES-256)', async () => {
  for (const name of ['notice-cid-rc4.pdf', 'notice-cid-aes128.pdf', 'notice-cid-aes256.pdf']) {
    const text = await extractAttachmentText('pdf', fixture(name));
    assertInOrder(text, ['衡水市市级预算公开办法', '预算公开', '第三条']);
  }
});

test('a PDF without its cross-reference table still gives its text', async () => {
  const text = await extractAttachmentText('pdf', fixture('notice-no-xref.pdf'));
  assertInOrder(text, ['衡水市市级预算公开办法', '第三条 本办法自2017年3月1日起施行。']);
});

test('images contribute no text', async () => {
  for (const [name, type] of [['seal.png', 'png'], ['stamp.jpg', 'jpeg'], ['dot.gif', 'gif'], ['stamp.webp', 'webp']] as const) {
    assert.equal(await extractAttachmentText(type, fixture(name)), '');
  }
});

test('damaged and hostile files never throw: they give what could be read', async () => {
  const pdf = fixture('report-zh.pdf');
  const docx = fixture('report-zh.docx');
  const inputs: [AttachmentType, Uint8Array][] = [
    ['pdf', fixture('report-zh-truncated.pdf')],
    ['docx', fixture('report-zh-truncated.docx')],
    ['docx', fixture('legacy-ole.docx')],
    ['xlsx', fixture('plain.zip')],
    ['pdf', fixture('program-renamed.pdf')],
    ['pdf', fixture('page-renamed.pdf')],
    ['docx', pdf],
    ['xlsx', docx],
    ['pdf', new Uint8Array(0)],
    ['docx', new Uint8Array(0)],
    ['pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj 2 0 obj << /Kids [2 0 R] >> endobj trailer << /Root 1 0 R >>')],
    ['pdf', new TextEncoder().encode('%PDF-1.4\n1 0 obj ' + '['.repeat(50_000) + '\nendobj\n' + '<<'.repeat(50_000))],
  ];
  // every 97th byte flipped: streams fail to inflate, objects break
  for (const [type, good] of [['pdf', pdf], ['docx', docx]] as const) {
    const bad = Uint8Array.from(good);
    for (let i = 200; i < bad.length; i += 97) bad[i] ^= 0x5a;
    inputs.push([type, bad]);
  }
  for (const [type, bytes] of inputs) {
    const text = await extractAttachmentText(type, bytes);
    assert.equal(typeof text, 'string');
  }
  assert.equal(await extractAttachmentText('pdf', fixture('program-renamed.pdf')), '');
  assert.equal(await extractAttachmentText('xlsx', fixture('plain.zip')), '');
});

test('a document whose text is cut off inside a ZIP entry keeps the text before the damage', async () => {
  const xml =
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    Array.from({ length: 2000 }, (_, i) => `<w:p><w:r><w:t>衡水市决算公开工作规范 第${i}条 ${(i * 7919) % 10007}</w:t></w:r></w:p>`).join('') +
    '</w:body></w:document>';
  const zip = buildZip([
    ['[Content_Types].xml', contentTypes('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')],
    ['word/document.xml', xml],
  ]);
  assert.equal(sniffAttachmentType(zip), 'docx');
  // damage the middle of document.xml's deflate data
  const damaged = Uint8Array.from(zip);
  const at = findBytes(damaged, 'word/document.xml') + 'word/document.xml'.length;
  const cd = findBytes(damaged, 'PK\x01\x02');
  assert.ok(cd - at > 4_000, `the entry (${cd - at} bytes) is big enough to be damaged in the middle`);
  const middle = at + Math.floor((cd - at) / 2);
  for (let i = middle; i < middle + 100; i++) damaged[i] ^= 0xff;
  const text = await extractAttachmentText('docx', damaged);
  assert.match(text, /^衡水市决算公开工作规范 第0条 0\n衡水市决算公开工作规范 第1条 7919\n/);
  assert.ok(!text.includes('第1999条'));
});

test('XML character references and entities are decoded; markup never leaks into the text', async () => {
  const xml =
    '<?xml version="1.0"?><w:document xmlns:w="w"><w:body><!-- <w:t>注释</w:t> -->' +
    '<w:p><w:r><w:t xml:space="preserve">&#x8861;&#27700;市 &amp; &lt;预算&gt; &quot;公开&quot; &apos;&#x110000;&#0;</w:t></w:r><w:r><w:tab/><w:t>办法</w:t></w:r></w:p>' +
    '<w:p><w:del><w:r><w:delText>删除的文字</w:delText></w:r></w:del><w:r><w:instrText> HYPERLINK "x" </w:instrText><w:t>正文</w:t></w:r></w:p>' +
    '</w:body></w:document>';
  const zip = buildZip([
    ['[Content_Types].xml', contentTypes('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')],
    ['word/document.xml', xml],
  ]);
  const text = await extractAttachmentText('docx', zip);
  assert.equal(text, '衡水市 & <预算> "公开" \'\ufffd\t办法\n正文');
});

test('a spreadsheet with inline strings and formulas gives values, not formulas', async () => {
  const sheet =
    '<worksheet xmlns="s"><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>扶贫资金</t></is></c><c r="B1"><f>SUM(B2:B3)</f><v>300</v></c><c r="C1" t="b"><v>1</v></c></row>' +
    '<row r="2"><c r="A2" t="str"><f>A1&amp;"项目"</f><v>扶贫资金项目</v></c><c r="B2" t="s"><v>99</v></c></row>' +
    '</sheetData></worksheet>';
  const zip = buildZip([
    [
      '[Content_Types].xml',
      contentTypes('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml') +
        '',
    ],
    ['xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="低保" sheetId="1" r:id="rId1"/></sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>'],
    ['xl/worksheets/sheet1.xml', sheet],
  ]);
  assert.equal(sniffAttachmentType(zip), 'xlsx');
  assert.equal(await extractAttachmentText('xlsx', zip), '低保\n扶贫资金\t300\n扶贫资金项目');
});

test('a zip bomb is cut off at the inflate budget, quickly', async () => {
  // 200 directory entries share one deflated worksheet of 1 MiB: 200 MiB if all were inflated.
  const bytes = fixture('bomb-overlapping.xlsx');
  assert.equal(sniffAttachmentType(bytes), 'xlsx');
  const text = await extractAttachmentText('xlsx', bytes);
  const sheetsRead = (text.match(/炸/g) ?? []).length;
  assert.ok(sheetsRead >= 1, 'what fits in the budget is read');
  assert.ok(sheetsRead <= Math.ceil(attachmentLimits.maxInflatedBytes / (1 << 20)), `read ${sheetsRead} sheets of 1 MiB each`);
});

test('one huge entry is cut at the budget too', async () => {
  const para = '<w:p><w:r><w:t>预算' + ' 公开'.repeat(20_000) + '</w:t></w:r></w:p>';
  const xml = '<w:document xmlns:w="w"><w:body>' + para.repeat(Math.ceil((60 << 20) / Buffer.byteLength(para))) + '</w:body></w:document>';
  const zip = buildZip([
    ['[Content_Types].xml', contentTypes('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')],
    ['word/document.xml', xml],
  ]);
  assert.ok(zip.length < 1 << 20);
  const text = await extractAttachmentText('docx', zip, { maxChars: 50_000_000 });
  const paragraphs = text.split('预算').length - 1;
  assert.ok(paragraphs > 100);
  assert.ok(paragraphs <= attachmentLimits.maxInflatedBytes / Buffer.byteLength(para) + 1, `${paragraphs} paragraphs`);
});

test('the text is cut at maxChars', async () => {
  for (const [type, name] of [['pdf', 'report-zh.pdf'], ['docx', 'report-zh.docx'], ['xlsx', 'stats-zh.xlsx'], ['xlsx', 'bomb-overlapping.xlsx']] as const) {
    const full = await extractAttachmentText(type, fixture(name));
    const cut = await extractAttachmentText(type, fixture(name), { maxChars: 20 });
    assert.ok(cut.length <= 20, `${name}: ${cut.length}`);
    assert.ok(full.startsWith(cut), name);
    assert.equal(await extractAttachmentText(type, fixture(name), { maxChars: 0 }), '');
  }
  // the default is one million characters
  const para = '<w:p><w:r><w:t>' + '衡水市预算公开'.repeat(1_000) + '</w:t></w:r></w:p>';
  const zip = buildZip([
    ['[Content_Types].xml', contentTypes('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')],
    ['word/document.xml', '<w:document xmlns:w="w"><w:body>' + para.repeat(200) + '</w:body></w:document>'],
  ]);
  assert.equal((await extractAttachmentText('docx', zip)).length, attachmentLimits.defaultMaxChars);
});

// ───────── helpers: a minimal ZIP writer for in-memory cases ─────────

function contentTypes(part: string, type: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="${part}" ContentType="${type}"/></Types>`;
}

function buildZip(files: [string, string][]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const comp = deflateRawSync(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(comp.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(nameBytes.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, comp);
    central.push(cd, nameBytes);
    offset += 30 + nameBytes.length + comp.length;
  }
  const cdBytes = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cdBytes.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cdBytes, eocd]));
}

function findBytes(hay: Uint8Array, needle: string): number {
  return Buffer.from(hay).indexOf(needle, 0, 'latin1');
}
