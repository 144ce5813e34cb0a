import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { Primed } from '../../kernel/primed.ts';

/**
 * Publication bodies: rich text from the editor or an import, reduced to an allowlist of tags and
 * attributes (no scripts, styles, event handlers, frames or outside images), plus its plain text.
 * Plain text (no tags) becomes paragraphs.
 */
const allowed: Record<string, string[]> = {
  p: [], br: [], h2: [], h3: [], h4: [], h5: [], h6: [], strong: [], b: [], em: [], i: [], u: [], sub: [], sup: [], hr: [],
  ul: [], ol: [], li: [], blockquote: [], table: [], caption: [], thead: [], tbody: [], tfoot: [], tr: [],
  th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'], a: ['href', 'title'], img: ['src', 'alt'],
};
const dropWithContent = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'form', 'input', 'button', 'select', 'textarea', 'head', 'title', 'meta', 'link']);
const renamed: Record<string, string> = { h1: 'h2', div: 'p', section: 'p', article: 'p' };

function safeUrl(v: string, forImage: boolean): boolean {
  const s = v.trim();
  if (s.startsWith('/') && !s.startsWith('//')) return true;
  if (forImage) return false; // no outside images: they leak readers to third parties
  return /^(https?:|mailto:)/i.test(s) || s.startsWith('#');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** sanitizeBody computed ahead (a bulk import's worker thread: import-prep.ts). */
export const primedBodies = new Primed<{ html: string; text: string }>();

export function sanitizeBody(input: string): { html: string; text: string } {
  const src = input ?? '';
  const primed = src ? primedBodies.take(src) : undefined;
  if (primed) return primed;
  if (!/<[a-z!/]/i.test(src)) {
    const paras = src
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    return { html: paras.map((p) => `<p>${escapeText(p)}</p>`).join(''), text: paras.join('\n') };
  }
  const $ = cheerio.load(src, null, false);
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') {
        $(node).remove();
        continue;
      }
      if (node.type === 'script' || node.type === 'style') {
        $(node).remove();
        continue;
      }
      if (node.type !== 'tag') continue;
      const el = node as Element;
      let name = el.tagName.toLowerCase();
      if (dropWithContent.has(name)) {
        $(el).remove();
        continue;
      }
      if (renamed[name]) {
        el.tagName = renamed[name];
        name = renamed[name];
      }
      walk([...el.children]);
      if (!allowed[name]) {
        $(el).replaceWith($(el).contents());
        continue;
      }
      for (const attr of Object.keys(el.attribs)) {
        const keep = allowed[name].includes(attr) && !((attr === 'href' || attr === 'src') && !safeUrl(el.attribs[attr], attr === 'src'));
        if (!keep) delete el.attribs[attr];
      }
      if (name === 'img' && !el.attribs.src) $(el).remove();
      if (name === 'a' && /^https?:/i.test(el.attribs.href ?? '')) el.attribs.rel = 'noopener noreferrer';
    }
  };
  walk([...$.root().contents()]);
  const html = $.html().trim();
  const text = $.root()
    .find('p, li, h2, h3, h4, h5, h6, td, th, blockquote, br')
    .each((_i, e) => {
      $(e).append('\n');
    })
    .end()
    .text()
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
  return { html, text };
}
