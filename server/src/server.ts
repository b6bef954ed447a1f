import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { modules } from './modules';
import { loadPrincipal } from './modules/identity';
import type { Config } from './platform/config';
import { closeContext, createContext, type AppContext } from './platform/context';
import { seedDemoIfEmpty, type DemoAccount } from './seed/demo';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  demoAccounts: DemoAccount[];
  close(): Promise<void>;
}

export interface StartOptions {
  /** Seed the demo data when the database has no accounts yet (npm start does). */
  seedDemo?: boolean;
  extraRoutes?: (app: FastifyInstance, ctx: AppContext) => void;
}

/**
 * Migrates, seeds and prepares everything before listening: PGlite runs on this event loop, so
 * long database work must finish before the first request arrives.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const ctx = await createContext({ config, modules });
  const demoAccounts = options.seedDemo ? await seedDemoIfEmpty(ctx) : [];
  await ctx.jobs.start();
  const app = await buildApp(ctx, { modules, loadPrincipal, extraRoutes: options.extraRoutes });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  let closed = false;
  return {
    app,
    ctx,
    url: config.publicUrl ?? `http://${shownHost}:${port}`,
    demoAccounts,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await closeContext(ctx);
    },
  };
}
