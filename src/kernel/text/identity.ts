/**
 * Identity numbers and contact details of applicants (pure): check-character validation of the
 * resident ID number (GB 11643-1999) and the unified social credit code (GB 32100-2015 with the
 * GB 11714 organisation code inside it), and the masks used wherever personal information appears
 * in a list (disclosure-applications.md §4: never on a public page, 身份证号 at most first 6 + last 4).
 *
 * Organisations' credit codes are NOT masked and there is no mask for them: a unified social
 * credit code is public registration information (published on the business licence and in the
 * National Enterprise Credit Information Publicity System), not personal information under the
 * PIPL, and staff need it in full to tell organisations apart.
 */
import { isIsoDate } from '../calendar/dates.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const ID_RE = /^\d{17}[\dXx]$/;

/**
 * An 18-character PRC resident ID number: 17 digits and a check character (0–9 or X, lower-case x
 * accepted) that matches the ISO 7064 MOD 11-2 sum, and a birth date (characters 7–14) that is a
 * real date from 1900-01-01 to 2099-12-31. No trimming: callers normalise input first.
 */
export function isValidResidentId(s: string): boolean {
  if (typeof s !== 'string' || !ID_RE.test(s)) return false;
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isIsoDate(birth) || birth < '1900-01-01' || birth > '2099-12-31') return false;
  return residentIdCheckChar(s.slice(0, 17)) === s[17].toUpperCase();
}

/** The check character of a resident ID number from its first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** GB 32100-2015 code characters; their index is their value (no I, O, Z, S, V). */
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/**
 * Registration authorities (登记管理部门, GB 32100-2015 table 1): 1 机构编制, 2 外交, 3 司法行政
 * (law firms, notaries …), 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管(工商),
 * A 中央军委改革和编制办公室, N 农业, Y 其他. All are accepted: law firms (3…) and trade unions
 * (8…) apply for information too.
 */
const CREDIT_AUTHORITIES = '123456789ANY';
const CREDIT_RE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * An 18-character unified social credit code: the GB 32100 charset, a known registration
 * authority, a valid GB 11714 check character for the organisation code (characters 9–17), and a
 * valid GB 32100 check character (mod 31) at the end. Letters may be typed in lower case.
 * No trimming: callers normalise input first.
 */
export function isValidCreditCode(s: string): boolean {
  if (typeof s !== 'string') return false;
  const code = s.toUpperCase();
  if (!CREDIT_RE.test(code) || !CREDIT_AUTHORITIES.includes(code[0])) return false;
  if (!isValidOrgCodeBody(code.slice(8, 17))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(code[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

/** GB 11714: 8 characters (digits / capital letters, A=10 … Z=35) and a check character. */
function isValidOrgCodeBody(org: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = org.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return (check === 10 ? 'X' : check === 11 ? '0' : String(check)) === org[8];
}

const stars = (n: number) => '*'.repeat(Math.max(0, n));
const HAN = /\p{Script=Han}/u;

/**
 * An ID document number for lists: first 6 + asterisks + last 4 (the most the spec allows).
 * Shorter numbers keep less, so something is always hidden: 10–13 characters keep the last 4,
 * under 10 keep the last 2.
 */
export function maskIdNumber(s: string): string {
  const c = Array.from(s.trim());
  if (c.length >= 14) return c.slice(0, 6).join('') + stars(c.length - 10) + c.slice(-4).join('');
  if (c.length >= 10) return stars(c.length - 4) + c.slice(-4).join('');
  return stars(c.length - 2) + c.slice(-2).join('');
}

/** A person's name: 张三 → 张*, 欧阳娜娜 → 欧***; Latin names: the initial of each word + *** (John Smith → J*** S***). */
export function maskName(s: string): string {
  const name = s.trim();
  if (!name) return '';
  if (HAN.test(name)) {
    const c = Array.from(name);
    return c[0] + stars(c.length - 1);
  }
  return name
    .split(/\s+/)
    .map((w) => `${Array.from(w)[0]}***`)
    .join(' ');
}

/**
 * A phone number: an 11-digit mainland mobile keeps its first 3 and last 4 digits (138****1234,
 * a +86 prefix is dropped); any other number keeps its last 4 digits only. Spaces, dashes and
 * brackets are ignored.
 */
export function maskPhone(s: string): string {
  const digits = s.replace(/[\s\-()（）]/g, '');
  const mobile = /^(?:\+?86)?(1\d{10})$/.exec(digits);
  if (mobile) return `${mobile[1].slice(0, 3)}****${mobile[1].slice(7)}`;
  const c = Array.from(digits);
  if (c.length <= 4) return stars(c.length);
  return stars(c.length - 4) + c.slice(-4).join('');
}

/** An e-mail address: the first character of the local part + *** + @domain (z***@example.cn). */
export function maskEmail(s: string): string {
  const email = s.trim();
  const at = email.lastIndexOf('@');
  if (at < 0) return email ? `${Array.from(email)[0]}***` : '';
  const first = at > 0 ? Array.from(email.slice(0, at))[0] : '';
  return `${first}***${email.slice(at)}`;
}

/** A postal address: its first 6 characters (about the district / county) + …; shorter ones → ***. */
export function maskAddress(s: string): string {
  const c = Array.from(s.trim());
  if (c.length < 6) return '***';
  return `${c.slice(0, 6).join('')}…`;
}
