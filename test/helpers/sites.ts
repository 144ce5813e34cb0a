/**
 * The website monitor's test bed: a local site on 127.0.0.1 (port 0) served with node:http from a fixture folder
 * (test/fixtures/monitor/<site>/) and programmable routes — slow, failing (status, connection reset, no answer),
 * redirects, bodies with their own headers (a GBK page declared by Content-Type only) — with a log of every request.
 * Nothing here reaches an outside address.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const monitorFixtures = resolve(here, '../fixtures/monitor');

export type Route =
  | {
      status?: number;
      headers?: Record<string, string>;
      /** The body, or a fixture file (relative to the site's folder) served with `headers`. */
      body?: string | Buffer;
      file?: string;
      /** Wait this long before answering. */
      delayMs?: number;
      /** Answer 301 (or `status`) to this location. */
      redirect?: string;
      /** Close the connection without an answer. */
      reset?: boolean;
      /** Never answer (the client times out). */
      hang?: boolean;
    }
  | ((req: IncomingMessage, res: ServerResponse) => void);

export interface SiteRequest {
  method: string;
  path: string;
  userAgent: string;
  /** performance-independent wall clock (ms) when the request arrived, and requests in flight at that moment. */
  at: number;
  inFlight: number;
}

export interface TestSite {
  /** 'http://127.0.0.1:<port>' (no trailing slash). */
  url: string;
  /** '127.0.0.1:<port>', as the crawler's allowedHosts spells it. */
  host: string;
  requests: SiteRequest[];
  /** Paths requested (in order). */
  paths(): string[];
  close(): Promise<void>;
}

export interface TestSiteOptions {
  /** A folder under test/fixtures/monitor (or an absolute path) served as static files. */
  dir?: string;
  routes?: Record<string, Route>;
  /** `{{NAME}}` in text fixtures is replaced by vars.NAME (e.g. the other test server's URL). */
  vars?: Record<string, string>;
}

const types: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.pdf': 'application/pdf',
};

function substitute(body: Buffer, vars: Record<string, string> | undefined): Buffer {
  if (!vars || !Object.keys(vars).length) return body;
  const text = body.toString('utf8');
  if (!text.includes('{{')) return body;
  return Buffer.from(text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m), 'utf8');
}

export async function startTestSite(opts: TestSiteOptions | string = {}): Promise<TestSite> {
  const o: TestSiteOptions = typeof opts === 'string' ? { dir: opts } : opts;
  const root = o.dir ? resolve(monitorFixtures, o.dir) : null;
  const routes = o.routes ?? {};
  const requests: SiteRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;

  const serveFile = async (path: string, res: ServerResponse, headers?: Record<string, string>, status = 200): Promise<boolean> => {
    if (!root) return false;
    let file = normalize(join(root, decodeURIComponent(path)));
    if (!file.startsWith(root + sep) && file !== root) return false;
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const raw = await readFile(file);
      const body = /\.(html?|txt)$/.test(file) ? substitute(raw, o.vars) : raw;
      res.writeHead(status, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, ...headers });
      res.end(res.req.method === 'HEAD' ? undefined : body);
      return true;
    } catch {
      return false;
    }
  };

  const server = createServer((req, res) => {
    inFlight++;
    res.on('close', () => inFlight--);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, userAgent: req.headers['user-agent'] ?? '', at: Date.now(), inFlight });
    const route = routes[url.pathname + url.search] ?? routes[url.pathname];
    const answer = async () => {
      if (typeof route === 'function') return route(req, res);
      if (route) {
        if (route.hang) return;
        if (route.reset) return req.socket.destroy();
        if (route.redirect) {
          res.writeHead(route.status ?? 301, { location: route.redirect });
          return res.end();
        }
        if (route.file && (await serveFile(route.file, res, route.headers, route.status))) return;
        if (route.body !== undefined) {
          const body = Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body, 'utf8');
          res.writeHead(route.status ?? 200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, ...route.headers });
          return res.end(req.method === 'HEAD' ? undefined : body);
        }
        if (route.status) {
          res.writeHead(route.status, { 'content-type': 'text/html; charset=utf-8', ...route.headers });
          return res.end(req.method === 'HEAD' ? undefined : `<html><body><h1>${route.status}</h1></body></html>`);
        }
      }
      if (await serveFile(url.pathname, res)) return;
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : '<html><body><h1>404 页面不存在</h1></body></html>');
    };
    const delay = typeof route === 'object' ? (route.delayMs ?? 0) : 0;
    if (delay > 0) {
      const t = setTimeout(() => {
        timers.delete(t);
        void answer();
      }, delay);
      timers.add(t);
    } else void answer();
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    paths: () => requests.map((r) => r.path),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
