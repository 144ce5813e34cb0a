/**
 * Markup written as strings, for the parts of a page that repeat one small pattern hundreds of times (a browse
 * page's facet lists and results: ~800 elements). Preact renders each element as a virtual node walked by the
 * renderer; a template literal is the markup itself, several times cheaper (docs/design/catalog-reads.md, "Markup written as strings").
 * Everything interpolated is escaped exactly as preact-render-to-string escapes it (`"`, `&`, `<`), so a part
 * written here is the same bytes as the JSX it replaces.
 *
 *   html`<a href="${href}">${label}</a>`   Html: values escaped; Html, arrays of them, null/false/true as usual
 *   attr('aria-current', selected && 'true')   ` aria-current="true"` or nothing (JSX's attribute rules)
 *   embed(h)                                  an Html inside a Preact tree, as is
 *   fromVNode(vnode)                          a Preact part inside an Html, rendered
 */
import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { render } from 'preact-render-to-string';

/** Markup that is safe as it stands (made by `html`, `attr` or `fromVNode`). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const needsEscape = /["&<]/;

/** Text or an attribute value, escaped as preact-render-to-string does. */
export function escapeHtml(s: string): string {
  if (!needsEscape.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const e = c === 34 ? '&quot;' : c === 38 ? '&amp;' : c === 60 ? '&lt;' : null;
    if (e === null) continue;
    if (i !== last) out += s.slice(last, i);
    out += e;
    last = i + 1;
  }
  return last < s.length ? out + s.slice(last) : out;
}

function part(v: HtmlValue): string {
  if (v == null || v === false || v === true) return '';
  if (v instanceof Html) return v.value;
  if (typeof v === 'string') return escapeHtml(v);
  if (typeof v === 'number') return String(v);
  let s = '';
  for (const x of v) s += part(x);
  return s;
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let s = strings[0];
  for (let i = 0; i < values.length; i++) s += part(values[i]) + strings[i + 1];
  return new Html(s);
}

/** An attribute as JSX writes it: left out when null, undefined or false; bare when true. */
export function attr(name: string, value: string | number | boolean | null | undefined): Html {
  if (value == null || value === false) return empty;
  if (value === true || value === '') return new Html(` ${name}`);
  return new Html(` ${name}="${escapeHtml(String(value))}"`);
}

const empty = new Html('');

/**
 * Markup to be kept for later pages, its string made one piece. A string built by thousands of concatenations is
 * a tree of them, which V8 joins only when the string is read: kept as it is, a browse page's facets held ~2.6 times
 * their size (measured on Node 20: 100 facet lists of 84k characters, 43 MB against 16 MB). Reading a character
 * joins it in place.
 */
export function flattened(h: Html): Html {
  h.value.charCodeAt(0);
  return h;
}

/** An Html part inside a Preact tree, inserted as it is. */
export function embed(h: Html): VNode<any> {
  return jsxTemplate([h.value]);
}

/** A Preact part (a shared component) inside an Html. */
export function fromVNode(vnode: VNode<any>): Html {
  return new Html(render(vnode));
}
