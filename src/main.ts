import { setFlagsFromString } from 'node:v8';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import { openStorage, type Storage } from './storage/db.ts';
import { assertSchemaCurrent } from './storage/migrate.ts';
import { createServices, type Services } from './services.ts';
import { buildApp } from './http/app.ts';
import { startJobs } from './jobs/index.ts';

/** Composition root: config → storage → services → http + jobs. */
export function openServices(config: Config, clock: Clock = systemClock): Services {
  const storage: Storage = openStorage(config.databaseUrl);
  return createServices(config, storage, clock);
}

export interface Running {
  app: FastifyInstance;
  services: Services;
  url: string;
  stop(): Promise<void>;
}

/**
 * V8's garbage collector as a long-running server wants it: allocation-site pretenuring off. With it on, V8 came to
 * allocate some of a page's short-lived objects directly in the old generation (sites whose objects had survived a
 * scavenge, as a page's objects do while 4 requests are in flight), so the old generation filled with garbage and
 * was marked again every ~0.6 s. Measured on the benchmark server under one-off browse pages (1M items, 8 s,
 * `--trace-gc-nvp`): 13 full collections with 3.2 s of marking on the helper threads, against 7 with 1.3–1.6 s, and
 * the main thread's collection pauses 1.27 s against 0.5 s (docs/design/catalog-reads.md, "Garbage collection").
 * Set when the server starts: a flag V8 reads at each allocation site's next decision.
 */
export function tuneServerHeap(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/**
 * Starts the web server, then the scheduler; refuses a database whose schema does not match this program. Unless
 * PUBLIC_URL is set, the website monitor requests the portal's own pages at the address the server listens on
 * (with port 0, the port the system gave).
 */
export async function serve(config: Config, opts: { logger?: boolean } = {}): Promise<Running> {
  tuneServerHeap();
  const services = openServices(config);
  try {
    await assertSchemaCurrent(services.storage);
  } catch (e) {
    await services.storage.close();
    throw e;
  }
  const app = await buildApp(services, { logger: opts.logger });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await app.close();
    await services.storage.close();
    throw e;
  }
  const port = (app.server.address() as { port: number }).port;
  const anyAddress = config.host === '0.0.0.0' || config.host === '::';
  const url = `http://${anyAddress ? 'localhost' : config.host}:${port}`;
  if (!config.publicUrl) services.monitor.setPublicUrl(`http://${anyAddress ? '127.0.0.1' : config.host}:${port}`);
  const stopJobs = startJobs(services, { log: app.log });
  return {
    app,
    services,
    url,
    async stop() {
      stopJobs();
      await app.close();
      await services.storage.close();
    },
  };
}
