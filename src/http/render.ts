import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { render } from 'preact-render-to-string';

/** Sends a server-rendered page. */
export function sendPage(reply: FastifyReply, page: VNode<any>, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(`<!DOCTYPE html>${render(page)}`);
}

const renderedParts = new WeakMap<object, Map<string, string>>();

/**
 * A part of the layout that is the same on every page for `owner` (compared by identity: a translator, the
 * site settings object, which the settings service replaces whenever they change) and `key`: rendered once,
 * then reused as HTML (the accessibility toolbar and the footer were a large share of rendering a page).
 */
export function renderedOnce(owner: object, key: string, part: () => VNode<any>): VNode<any> {
  let byKey = renderedParts.get(owner);
  if (!byKey) renderedParts.set(owner, (byKey = new Map()));
  let html = byKey.get(key);
  if (html === undefined) byKey.set(key, (html = render(part())));
  return jsxTemplate([html]);
}

// Made once: constructing an Intl.DateTimeFormat costs more than rendering the rest of a publication page.
const shanghaiMinutes = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

// 1992-01-01 to 9000-01-01 (four-digit years in toISOString): formatted without Intl (formatToParts was the
// largest cost of a page's rendering after the markup itself); times before go through Intl (China's 1986–1991 summer time).
const fixedOffsetSince = Date.UTC(1992, 0, 1);
const fixedOffsetUntil = Date.UTC(9000, 0, 1);

/** YYYY-MM-DD HH:MM in Asia/Shanghai for an instant (portal.md: publication times in this form). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const ms = d.getTime();
  if (Number.isNaN(ms)) return '';
  if (ms >= fixedOffsetSince && ms < fixedOffsetUntil) {
    // Shanghai time has been UTC+8 without daylight saving since 1991: the fields of the shifted instant in UTC.
    const s = new Date(ms + 8 * 3600_000).toISOString();
    return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
  }
  const parts = shanghaiMinutes.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
