import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Messages = Record<string, string>;
export type T = (key: string, params?: Record<string, string | number | null | undefined>) => string;

const dir = fileURLToPath(new URL('../../../locales/', import.meta.url));

/**
 * locales/<locale>/<part>.json, one part per area of the product (common, portal, admin, …);
 * merged into one catalog per locale. A key defined in two parts is an error.
 */
export function loadCatalog(locale: Locale): Messages {
  const out: Messages = {};
  for (const file of readdirSync(`${dir}${locale}`).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(`${dir}${locale}/${file}`, 'utf8')) as Messages;
    for (const [k, v] of Object.entries(part)) {
      if (k in out) throw new Error(`Message key ${k} is defined twice (locales/${locale}/${file})`);
      out[k] = v;
    }
  }
  return out;
}

const catalogs: Record<Locale, Messages> = { 'zh-CN': loadCatalog('zh-CN'), en: loadCatalog('en') };

export function catalog(locale: Locale): Messages {
  return catalogs[locale];
}

export function isLocale(s: unknown): s is Locale {
  return typeof s === 'string' && (locales as readonly string[]).includes(s);
}

const translators = new Map<Locale, T>();

/**
 * Message lookup: the locale's text, else zh-CN's, else the key itself (visible, so a missing entry is noticed).
 * One function per locale (the same one every time: parts of pages rendered once per translator are kept by it).
 */
export function translator(locale: Locale): T {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = makeTranslator(locale)));
  return t;
}

function makeTranslator(locale: Locale): T {
  const own = catalogs[locale];
  const base = catalogs['zh-CN'];
  // A message with placeholders, split once: text at even places, placeholder names at odd ones (a page
  // fills hundreds, e.g. every facet count).
  const split = new Map<string, string[]>();
  return (key, params) => {
    const text = own[key] ?? base[key] ?? key;
    if (!params) return text;
    let parts = split.get(text);
    if (!parts) split.set(text, (parts = text.split(/\{(\w+)\}/)));
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const v = params[parts[i]];
      out += (v === undefined || v === null ? `{${parts[i]}}` : String(v)) + parts[i + 1];
    }
    return out;
  };
}

/** Zod's own messages in the user's language (per parse; the global config stays untouched). */
export function zodErrorMap(locale: Locale) {
  return locale === 'en' ? z.locales.en().localeError : z.locales.zhCN().localeError;
}
