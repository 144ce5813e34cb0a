/**
 * Tools for tests of generated documents (letters, receipts, annual reports): reading a DOCX or XLSX (a ZIP file),
 * converting with LibreOffice the way a user would open it, and whether LibreOffice and Chromium are here.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';


/** The entries of a ZIP file (central directory; stored or deflated). */
export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export const sofficePath = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
/** undefined when LibreOffice is here; else the reason to skip (or a failure under REQUIRE_LIBREOFFICE=1). */
export function libreOfficeRequirement(): string | undefined {
  if (sofficePath) return undefined;
  if (process.env.REQUIRE_LIBREOFFICE === '1') throw new Error('REQUIRE_LIBREOFFICE=1 but soffice (LibreOffice) is not installed');
  return 'LibreOffice (soffice) is not installed: the conversion checks are skipped (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui, or set REQUIRE_LIBREOFFICE=1 to make this fail)';
}
export const chromiumPresent = existsSync('/usr/bin/chromium');
/** undefined when Chromium is here; else the reason to skip (or a failure under REQUIRE_BROWSER=1). */
export function browserRequirement(): string | undefined {
  if (chromiumPresent) return undefined;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error('REQUIRE_BROWSER=1 but Chromium is not at /usr/bin/chromium');
  return 'Chromium not found at /usr/bin/chromium (apt-get install chromium fonts-noto-cjk): image checks skipped';
}

/**
 * Converts a document with LibreOffice in a throw-away folder (and profile) and returns every output file by name,
 * as text, named `report.<ext>` (e.g. `txt:Text (encoded):UTF8` for Word → text; a CSV filter with sheet -1 gives
 * `report-<sheet>.csv` for every sheet of a workbook).
 */
export async function sofficeConvert(input: Buffer, ext: string, filter: string): Promise<Map<string, string>> {
  const files = await sofficeConvertFiles(input, ext, filter);
  return new Map([...files].map(([n, b]) => [n, b.toString('utf8').replace(/^\uFEFF/, '')]));
}

/** The same, every output file as bytes (PDF). */
export function sofficeConvertFiles(input: Buffer, ext: string, filter: string): Promise<Map<string, Buffer>> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-lo-'));
  const file = join(dir, `report.${ext}`);
  const outDir = join(dir, 'out');
  writeFileSync(file, input);
  return new Promise((resolve, reject) => {
    execFile(
      sofficePath!,
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, file],
      { timeout: 180_000, env: { ...process.env, HOME: dir } },
      (err, stdout, stderr) => {
        try {
          const names = existsSync(outDir) ? readdirSync(outDir) : [];
          if (err || !names.length) return reject(new Error(`soffice failed: ${err?.message ?? ''}\n${stdout}\n${stderr}`));
          resolve(new Map(names.map((n) => [n, readFileSync(join(outDir, n))])));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
