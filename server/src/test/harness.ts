import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { modules } from '../modules';
import { loadPrincipal } from '../modules/identity';
import { loadConfig, type Config } from '../platform/config';
import { closeContext, createContext, type AppContext, type KabinetModule } from '../platform/context';

/** Integration tests run once per driver: KABINET_TEST_DRIVER = pglite | pg. */
export const testDriver = (process.env.KABINET_TEST_DRIVER ?? 'pglite') as 'pglite' | 'pg';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh, empty database for one test file: an in-memory PGlite, or a new database on the
 * PostgreSQL server created from (and dropped through) TEST_DATABASE_URL.
 */
export async function freshDatabaseUrl(): Promise<{ url?: string; drop(): Promise<void> }> {
  if (testDriver === 'pglite') return { drop: async () => undefined };
  const name = `kabinet_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<Config>;
  /** Modules only the test needs (a route that takes a body, a job that fails). */
  extraModules?: KabinetModule[];
  /** The app's logger (silent by default); a test that checks what is logged passes its own. */
  logger?: Logger;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const overrides = options.config ?? {};
  const all = [...modules, ...(options.extraModules ?? [])];
  const database = await freshDatabaseUrl();
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    {
      dataDir: 'memory://',
      databaseUrl: database.url,
      databasePoolMax: 5,
      authRateLimitMax: 10_000,
      // 130 MB per test file for nothing: a test of locations passes geoIpDir: bundledGeoIpDir().
      geoIpDir: null,
      secrets: { cookie: randomBytes(32).toString('hex'), pepper: randomBytes(32).toString('hex') },
      ...overrides,
    },
  );
  const ctx = await createContext({
    config,
    modules: all,
    logger: options.logger ?? pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
  });
  let app: FastifyInstance;
  try {
    await ctx.jobs.start();
    app = await buildApp(ctx, { modules: all, loadPrincipal });
    await app.ready();
  } catch (err) {
    await closeContext(ctx);
    await database.drop();
    throw err;
  }
  return {
    app,
    ctx,
    config,
    async close() {
      await app.close();
      await closeContext(ctx);
      await database.drop();
    },
  };
}

/** Cookies a response set, as a Cookie header for the next request. */
export function cookieHeader(...responses: LightMyRequestResponse[]): string {
  const jar = new Map<string, string>();
  for (const r of responses) for (const c of r.cookies) jar.set(c.name, c.value);
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** A CSRF token with its secret cookie, as a browser would hold them. */
export async function csrf(app: FastifyInstance): Promise<{ token: string; cookie: string }> {
  const res = await app.inject({ method: 'GET', url: '/api/csrf' });
  return { token: res.json<{ token: string }>().token, cookie: cookieHeader(res) };
}

/**
 * A browser for inject(): keeps cookies (including deletions), fetches the CSRF token before the
 * first write, and sends a fixed User-Agent and address so device checks behave as in life.
 */
export class TestBrowser {
  readonly jar = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    readonly ip = '203.0.113.10',
  ) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const gone = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (gone) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
  }

  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    if (method !== 'GET' && !this.csrfToken) {
      const res = await this.app.inject({
        method: 'GET',
        url: '/api/csrf',
        headers: { cookie: this.cookie, 'user-agent': this.userAgent },
        remoteAddress: this.ip,
      });
      this.remember(res);
      this.csrfToken = res.json<{ token: string }>().token;
    }
    const res = await this.app.inject({
      method,
      url,
      payload: payload as never,
      remoteAddress: this.ip,
      headers: {
        cookie: this.cookie,
        'user-agent': this.userAgent,
        ...(method !== 'GET' ? { 'x-csrf-token': this.csrfToken! } : {}),
      },
    });
    this.remember(res);
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, payload: unknown = {}) {
    return this.request('POST', url, payload);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}
