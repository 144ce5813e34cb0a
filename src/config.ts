import { z } from 'zod';

/**
 * The one validated configuration. Nothing else reads process.env.
 * Site identity (footer identifiers, meta tags) has deployment defaults here and can be
 * changed by administrators in the back office (settings table), which takes precedence.
 */
const envSchema = z.object({
  DATABASE_URL: z.string().default('sqlite:./data/gongkai.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
  /** 'true' when served behind TLS: session cookies get Secure. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  /** Where uploaded attachments are stored (content-addressed files; see storage/files). */
  FILES_DIR: z.string().min(1).default('./data/files'),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  ATTACHMENT_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  /** Where the website monitor reaches Gongkai's own portal (its pages of each agency are registered automatically). */
  PUBLIC_URL: z.string().url().optional(),
  /** 'false': the web process does not probe or crawl on its own schedule (checks still run on demand). */
  MONITOR_SCHEDULE: z.enum(['true', 'false']).default('true'),
});

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  production: boolean;
  trustProxy: boolean;
  cookieSecure: 'auto' | boolean;
  sessionTtlMs: number;
  logLevel: string;
  defaultLocale: 'zh-CN' | 'en';
  /** Folder of the local file store (attachments). */
  filesDir: string;
  /** Largest accepted attachment, in bytes. */
  attachmentMaxBytes: number;
  /** Most attachments one publication (one version) may carry. */
  attachmentMaxFiles: number;
  /** The portal's address as the website monitor requests it; null: the address the server listens on (127.0.0.1:port). */
  publicUrl: string | null;
  /** Whether the web process probes and crawls the registered sites on its schedule. */
  monitorSchedule: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${first.path.join('.')}: ${first.message}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    production: e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY === 'true',
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    logLevel: e.LOG_LEVEL,
    defaultLocale: e.DEFAULT_LOCALE,
    filesDir: e.FILES_DIR,
    attachmentMaxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024),
    attachmentMaxFiles: e.ATTACHMENT_MAX_FILES,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    monitorSchedule: e.MONITOR_SCHEDULE === 'true',
    ...overrides,
  };
}
