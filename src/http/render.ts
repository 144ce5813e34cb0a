import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Sends a server-rendered page. */
export function sendPage(reply: FastifyReply, page: VNode<any>, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(`<!DOCTYPE html>${render(page)}`);
}

// Made once: constructing an Intl.DateTimeFormat costs more than rendering the rest of a publication page.
const shanghaiMinutes = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** YYYY-MM-DD HH:MM in Asia/Shanghai for an instant (portal.md: publication times in this form). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const parts = shanghaiMinutes.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
