import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidCreditCode, isValidResidentId, maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from './index.ts';

// Check characters computed independently of identity.ts: the weights are derived from their
// definitions (ISO 7064 MOD 11-2: 2^k mod 11; GB 32100: 3^k mod 31) rather than copied.
function residentIdCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}
const residentId = (body17: string) => body17 + residentIdCheck(body17);

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function orgCheck(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body8].reduce((a, ch, i) => a + parseInt(ch, 36) * w[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
/** A credit code from authority+category+region (8 chars) and an 8-char organisation body. */
function creditCode(head8: string, org8: string): string {
  const body = head8 + org8 + orgCheck(org8);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(body[i]) * (3 ** i % 31);
  return body + CHARS[(31 - (sum % 31)) % 31];
}

test('resident ID: published and computed valid numbers are accepted, lower-case x too', () => {
  assert.equal(isValidResidentId('11010519491231002X'), true); // the GB 11643-1999 example
  assert.equal(isValidResidentId('11010519491231002x'), true);
  for (const body of ['13110219850315123', '44030520000229001', '65010219000101002', '31011520991231987']) {
    assert.equal(isValidResidentId(residentId(body)), true, residentId(body));
  }
  // make sure the generated set also covers an X check character
  assert.equal(residentIdCheck('11010519491231002'), 'X');
});

test('resident ID: wrong check character, length, characters or birth date are rejected', () => {
  assert.equal(isValidResidentId('110105194912310021'), false); // check should be X
  assert.equal(isValidResidentId('110105194912310020'), false);
  assert.equal(isValidResidentId('11010519491231002'), false); // 17 characters
  assert.equal(isValidResidentId('11010519491231002X0'), false);
  assert.equal(isValidResidentId('110105490101002'), false); // old 15-digit number
  assert.equal(isValidResidentId(' 11010519491231002X'), false);
  assert.equal(isValidResidentId('1101051949123100ZX'), false);
  assert.equal(isValidResidentId(''), false);
  // check character right, but the birth date is not a real date or out of range
  for (const body of ['13110219850230123', '13110220010229123', '13110219851301123', '13110219851200123', '44052418800101001', '13110221000101123']) {
    assert.equal(isValidResidentId(residentId(body)), false, residentId(body));
  }
  assert.equal(isValidResidentId(residentId('13110220000229123')), true); // 2000 is a leap year
});

test('credit code: published and computed valid codes are accepted', () => {
  for (const code of ['91350100M000100Y43', '91110108551385082Q', '91440300708461136T', '91310110666007217T', '91230184MA1BUFLT44', '92371000MA3MXH0E3W']) {
    assert.equal(isValidCreditCode(code), true, code);
  }
  assert.equal(isValidCreditCode('91350100m000100y43'), true); // typed in lower case
  // every registration authority of GB 32100 table 1, e.g. 31… law firms, 51… social organisations, Y1… others
  for (const head of ['11130100', '31110000', '51130100', '81130100', 'A1100000', 'N2130100', 'Y1130100']) {
    const code = creditCode(head, 'MA0FXK1J');
    assert.equal(isValidCreditCode(code), true, code);
  }
});

test('credit code: wrong check characters, letters outside the charset, authority or length are rejected', () => {
  assert.equal(isValidCreditCode('91350100M000100Y44'), false); // GB 32100 check
  assert.equal(isValidCreditCode('911100001000056513'), false);
  assert.equal(isValidCreditCode('91350100M000100Y4'), false); // 17
  assert.equal(isValidCreditCode('91350100M000100Y430'), false); // 19
  assert.equal(isValidCreditCode(''), false);
  // the organisation code's own GB 11714 check is wrong, though the final mod-31 character fits
  const body = '91130100MA0FXK1J' + (orgCheck('MA0FXK1J') === '1' ? '2' : '1');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(body[i]) * (3 ** i % 31);
  assert.equal(isValidCreditCode(body + CHARS[(31 - (sum % 31)) % 31]), false);
  assert.equal(isValidCreditCode(creditCode('91130100', 'MA0FXK1J')), true);
  // I, O, S, V, Z are not code characters
  for (const ch of 'IOSVZ') assert.equal(isValidCreditCode(`91130100MA0FX${ch}1J1`), false, ch);
  // 0, B, C, … are not registration authorities
  for (const head of ['01130100', 'B1130100', 'C1130100']) assert.equal(isValidCreditCode(creditCode(head, 'MA0FXK1J')), false, head);
});

test('ID numbers are masked to first 6 + last 4 at most', () => {
  assert.equal(maskIdNumber('11010519491231002X'), '110105********002X');
  assert.equal(maskIdNumber('110105490101002'), '110105*****1002');
  assert.equal(maskIdNumber('E12345678'), '*******78'); // passport-length: last 2 only
  assert.equal(maskIdNumber('G123456789'), '******6789');
  assert.equal(maskIdNumber(''), '');
});

test('names, phones, e-mail addresses and postal addresses are masked', () => {
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('欧阳娜娜'), '欧***');
  assert.equal(maskName('买买提·艾力'), '买*****');
  assert.equal(maskName('John Smith'), 'J*** S***');
  assert.equal(maskName('  Li  '), 'L***');
  assert.equal(maskPhone('13812341234'), '138****1234');
  assert.equal(maskPhone('+86 138 1234 1234'), '138****1234');
  assert.equal(maskPhone('0318-2123456'), '*******3456');
  assert.equal(maskPhone('110'), '***');
  assert.equal(maskEmail('zhangsan@example.cn'), 'z***@example.cn');
  assert.equal(maskEmail('李@例子.中国'), '李***@例子.中国');
  assert.equal(maskAddress('河北省衡水市桃城区人民路1号'), '河北省衡水市…');
  assert.equal(maskAddress('人民路1号'), '***');
});
