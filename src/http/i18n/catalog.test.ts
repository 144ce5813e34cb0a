import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog, translator } from './index.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The text of every source file that can look a message up: src (views, routes, services) and public/js. */
function sourceText(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|tsx|js)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'public'));
  return out.join('\n');
}

test('Chinese and English catalogs have the same keys and the same placeholders', () => {
  const zh = loadCatalog('zh-CN');
  const en = loadCatalog('en');
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'keys only in English');
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'keys only in Chinese');
  const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  const mismatched = Object.keys(zh).filter((k) => ph(zh[k]) !== ph(en[k]));
  assert.deepEqual(mismatched, []);
  assert.ok(Object.values(zh).every((v) => v.trim().length > 0), 'no empty Chinese message');
});

test('messages interpolate parameters; a missing key shows itself', () => {
  const t = translator('zh-CN');
  assert.equal(t('validation.tooLong', { max: 18 }), '内容过长，最多 18 个字符');
  assert.equal(translator('en')('validation.tooLong', { max: 18 }), 'Too long: at most 18 characters');
  assert.equal(t('no.such.key'), 'no.such.key');
  // Twice (the split message is kept), another value; a parameter not given stays visible.
  assert.equal(t('validation.tooLong', { max: 5 }), '内容过长，最多 5 个字符');
  assert.equal(t('validation.tooLong', {}), '内容过长，最多 {max} 个字符');
  assert.equal(t('catalogPortal.browse.summary', { total: 3, page: 1, pages: 1 }), t('catalogPortal.browse.summary', { pages: 1, page: 1, total: 3 }));
});

test('every message is used: named in the code, or built from a prefix (`kind.${k}`) or a used key plus a suffix (`${key}.desc`)', () => {
  const src = sourceText();
  const zh = loadCatalog('zh-CN');
  const used = (key: string) => {
    if (src.includes(key)) return true;
    const parts = key.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (src.includes(`${prefix}.\${`)) return true; // t(`kind.${kind}`)
      if (src.includes(`'${prefix}.' +`) || src.includes(`"${prefix}." +`)) return true; // t('kind.' + kind)
    }
    const last = parts[parts.length - 1];
    const base = parts.slice(0, -1).join('.');
    return parts.length > 1 && base in zh && src.includes(base) && src.includes(`}.${last}\``); // t(`${key}.desc`)
  };
  assert.deepEqual(Object.keys(zh).filter((k) => !used(k)), [], 'messages no code uses (delete them, or use them)');
});
