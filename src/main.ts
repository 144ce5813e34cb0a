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
 * Starts the web server, then the scheduler; refuses a database whose schema does not match this program. Unless
 * PUBLIC_URL is set, the website monitor requests the portal's own pages at the address the server listens on
 * (with port 0, the port the system gave).
 */
export async function serve(config: Config, opts: { logger?: boolean } = {}): Promise<Running> {
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
