import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { fixedClock, type Clock } from '../../src/kernel/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { DialectName } from '../../src/storage/db.ts';
import type { Principal, Role } from '../../src/modules/agencies/index.ts';
import { cliActor } from '../../src/modules/audit/index.ts';
import { createTestDb, type TestDb } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  db: TestDb;
  clock: ReturnType<typeof fixedClock>;
  dispose(): Promise<void>;
}

/** A fresh migrated database of the dialect, the services over it with a fixed clock, and the app (not listening). */
export async function buildTestApp(dialect: DialectName, opts: { now?: string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const db = await createTestDb(dialect);
  const clock = fixedClock(opts.now ?? '2026-03-02T02:00:00.000Z');
  // Uploaded files go to a throw-away folder (attachments), never to ./data.
  const filesDir = mkdtempSync(join(tmpdir(), 'gongkai-files-'));
  const config = loadConfig({ LOG_LEVEL: 'silent' }, { databaseUrl: 'test', filesDir, ...opts.config });
  const services = createServices(config, db, clock as Clock);
  const app = await buildApp(services, { logger: false });
  return {
    app,
    services,
    db,
    clock,
    dispose: async () => {
      await app.close();
      await db.dispose();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** Adds an agency with sensible defaults (parent by code). */
export async function addAgency(services: Services, code: string, name: string, extra: Record<string, unknown> = {}) {
  return services.agencies.create(services.users.systemPrincipal(), cliActor, { code, name, kind: 'department', ...extra } as any);
}

/** Adds a user with roles, e.g. [['editor', 'CODE']]; the password is 'Passw0rd-test'. */
export async function addUser(services: Services, username: string, grants: [Role, string | null][]) {
  return services.users.create(services.users.systemPrincipal(), cliActor, {
    username,
    displayName: username,
    password: 'Passw0rd-test',
    grants: grants.map(([role, agency]) => ({ role, agency })),
  });
}

/** The principal of a user made by addUser, as a signed-in session would give it. */
export function asPrincipal(u: { id: string; username: string; displayName: string; grants: { role: Role; agencyId: string | null }[] }): Principal {
  return { userId: u.id, username: u.username, displayName: u.displayName, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
}

/** The audit actor of a principal (as the routes make it, without an address). */
export function actorOf(p: Principal) {
  return { userId: p.userId, name: p.username, ip: null };
}

/** One signed-in browser per user: `name` becomes the user `${name}1` with the grants given. */
export async function signedInBrowsers<K extends string>(t: TestApp, users: Record<K, [Role, string | null][]>): Promise<Record<K, Browser>> {
  const out = {} as Record<K, Browser>;
  for (const [name, grants] of Object.entries(users) as [K, [Role, string | null][]][]) {
    await addUser(t.services, `${name}1`, grants);
    out[name] = new Browser(t.app);
    await out[name].signIn(`${name}1`);
  }
  return out;
}

/** A tiny cookie jar over app.inject, with CSRF handling for forms. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    return res;
  }
  /** GETs `formUrl`, takes the page's CSRF token, and posts `fields` to `action` as a form. */
  async submit(formUrl: string, action: string, fields: Record<string, string | string[]>) {
    const page = await this.get(formUrl);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${formUrl}`);
    return this.post(action, { ...fields, _csrf: token });
  }
  async post(url: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.app.inject({ method: 'POST', url, payload: body.toString(), headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' } });
    this.keep(res);
    return res;
  }
  /** Posts a multipart/form-data form (as a browser does for a form with a file field) with text fields and files. */
  async postMultipart(url: string, fields: Record<string, string | string[]>, files: { field: string; filename: string; content: Uint8Array; type?: string }[]) {
    const boundary = `----gongkai${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    const quote = (s: string) => s.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
    for (const [k, v] of Object.entries(fields)) {
      for (const x of Array.isArray(v) ? v : [v]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"\r\n\r\n${x}\r\n`, 'utf8'));
    }
    for (const f of files) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.field)}"; filename="${quote(f.filename)}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'));
      parts.push(Buffer.from(f.content));
      parts.push(Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    this.keep(res);
    return res;
  }
  /** GETs `formUrl`, takes its CSRF token, and posts `fields` and `files` to `action` as multipart/form-data. */
  async submitMultipart(formUrl: string, action: string, fields: Record<string, string | string[]>, files: { field: string; filename: string; content: Uint8Array; type?: string }[]) {
    const page = await this.get(formUrl);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${formUrl}`);
    return this.postMultipart(action, { ...fields, _csrf: token }, files);
  }
  async signIn(username: string, password = 'Passw0rd-test') {
    const res = await this.submit('/admin/sign-in', '/admin/sign-in', { username, password });
    if (res.statusCode !== 303) throw new Error(`sign-in failed for ${username}: ${res.statusCode}`);
    return res;
  }
}
