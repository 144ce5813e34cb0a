import { openServices, serve } from '../../main.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import { UsageError, type Command, type CommandContext } from '../framework.ts';
import { loadDemo } from '../../demo/index.ts';

function listenOptions(ctx: CommandContext) {
  const port = ctx.values.port;
  if (port !== undefined && (typeof port !== 'string' || !/^\d+$/.test(port) || Number(port) > 65535)) throw new UsageError('--port must be a number from 0 to 65535');
  return {
    ...ctx.config,
    ...(typeof port === 'string' ? { port: Number(port) } : {}),
    ...(typeof ctx.values.host === 'string' ? { host: ctx.values.host } : {}),
  };
}

async function runServer(ctx: CommandContext, config: ReturnType<typeof listenOptions>): Promise<number> {
  const running = await serve(config);
  ctx.err(`Gongkai is running at ${running.url} (database ${running.services.storage.describe})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.stop();
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the web server (public portal, back office at /admin, API).',
  usage: '[--port N] [--host H]',
  help: 'PORT and HOST are read from the environment too. The database must be migrated first (gongkai migrate).',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  run: async (ctx) => runServer(ctx, listenOptions(ctx)),
};

export const startCommand: Command = {
  name: 'start',
  summary: 'Migrate the database, load the demo city if the database is empty, and serve (what `npm start` runs).',
  usage: '[--port N] [--host H]',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run(ctx) {
    const config = listenOptions(ctx);
    const services = openServices(config);
    try {
      const applied = await migrateToLatest(services.storage);
      if (applied.length) ctx.err(`Migrated: ${applied.join(', ')}`);
      if ((await services.agencies.count()) === 0) {
        const result = await loadDemo(services);
        ctx.err(`Demo city loaded: ${result.agencies} agencies, ${result.users.length} demo users (see README or \`gongkai demo\`).`);
      }
    } finally {
      await services.storage.close();
    }
    return runServer(ctx, config);
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date (safe to run again).',
  usage: '',
  async run(ctx) {
    const services = openServices(ctx.config);
    try {
      const applied = await migrateToLatest(services.storage);
      if (ctx.json) ctx.out(JSON.stringify({ applied }));
      else ctx.out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await services.storage.close();
    }
  },
};
