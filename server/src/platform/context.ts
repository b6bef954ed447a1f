import pino, { type Logger } from 'pino';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { openDatabase, type Database, type Db } from './db';
import { Jobs, type JobDefinition } from './jobs';
import { checkPepper } from './secrets-check';
import { loadGeoIp } from './geoip';

/** What every module's routes and jobs are given: configuration, the database, the queue, a logger. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  jobs: Jobs;
  log: Logger;
  /**
   * Registers the teardown of a resource a module opens on demand (the dev SMTP server, an SMS
   * gateway's connections). closeContext runs them, last registered first, after the job handlers
   * have stopped and before the database closes; one registered after the close runs at once.
   */
  onClose(hook: () => Promise<void> | void): void;
}

/** The Fastify instance modules register routes on: request types come from the zod schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A capability of the portal: its routes and its background jobs; its tables live in its schema.ts. */
export interface KabinetModule {
  name: string;
  routes?: (app: Api, ctx: AppContext) => Promise<void> | void;
  jobs?: (ctx: AppContext) => JobDefinition[];
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    // Credentials never reach the logs, whatever a route or a plugin decides to log.
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.code',
        '*.token',
      ],
      censor: '[скрыто]',
    },
  });
}

export interface ContextOptions {
  config: Config;
  modules: KabinetModule[];
  logger?: Logger;
  /** Whether this process runs job handlers (false for app instances when WORKERS=external). */
  work?: boolean;
  pollingIntervalSeconds?: number;
}

/** Opens the database, applies migrations and prepares the job queue — all before listening. */
export async function createContext(options: ContextOptions): Promise<AppContext> {
  const { config } = options;
  const log = options.logger ?? createLogger(config);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.databasePoolMax,
  });
  await database.migrate();
  await checkPepper(database, config.secrets.pepper);
  await loadGeoIp(config.geoIpDir);
  const closing = { hooks: [] as Array<() => Promise<void> | void>, closed: false };
  const ctx = {
    config,
    database,
    db: database.db,
    log,
    onClose(hook: () => Promise<void> | void) {
      if (!closing.closed) closing.hooks.push(hook);
      else void runHook(hook, log);
    },
  } as AppContext;
  closeHooks.set(ctx, closing);
  const definitions = options.modules.flatMap((m) => m.jobs?.(ctx) ?? []);
  ctx.jobs = new Jobs({
    database,
    definitions,
    logger: log,
    work: options.work ?? config.workers === 'inprocess',
    pollingIntervalSeconds: options.pollingIntervalSeconds,
  });
  return ctx;
}

const closeHooks = new WeakMap<AppContext, { hooks: Array<() => Promise<void> | void>; closed: boolean }>();

async function runHook(hook: () => Promise<void> | void, log: Logger) {
  try {
    await hook();
  } catch (err) {
    log.warn({ err }, 'close hook failed');
  }
}

export async function closeContext(ctx: AppContext) {
  await ctx.jobs.stop();
  const closing = closeHooks.get(ctx);
  if (closing) {
    closing.closed = true;
    for (const hook of closing.hooks.splice(0).reverse()) await runHook(hook, ctx.log);
  }
  await ctx.database.close();
}
