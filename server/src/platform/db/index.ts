import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { preparedQueries } from './pglite-statements';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema';

const migrationsFolder = path.resolve(import.meta.dirname, '../../../drizzle');
/** Any constant: the advisory lock that serialises migrations across app instances. */
const MIGRATION_LOCK = 72_011_001;

export type Schema = typeof schema;
/** The Drizzle handle every module queries through; the same type on both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A handle that is either the database or an open transaction (commands accept both). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export type Driver = 'pglite' | 'pg';

export interface Database {
  driver: Driver;
  db: Db;
  /**
   * Parameterised SQL for infrastructure code (job queue, bulk seed, health checks) and the few
   * hot statements written by hand. A `name` makes it a named prepared statement on the server
   * driver: each connection parses and plans it once.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<{ rows: T[] }>;
  /** Several statements at once, no parameters; returns the rows of the last one. */
  exec<T = Record<string, unknown>>(text: string): Promise<{ rows: T[] }>;
  /** Applies the drizzle-kit migrations; safe when several instances start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL server URL; without it the embedded PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files; 'memory://' keeps nothing. */
  dataDir: string;
  poolMax?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openServer(options.url, options.poolMax ?? 20) : openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string): Promise<Database> {
  let client: PGlite;
  if (dataDir === 'memory://') {
    client = await PGlite.create({ extensions: { pg_trgm } });
  } else {
    const dir = path.join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
  }
  const query = preparedQueries(client);
  // drizzle queries through the prepared-statement cache; transactions and exec() stay PGlite's.
  const cached = new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') return query;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const db = drizzlePglite({ client: cached, schema }) as unknown as Db;
  return {
    driver: 'pglite',
    db,
    async query<T>(text: string, params?: unknown[]) {
      const result = await query<T>(text, params);
      return { rows: result.rows };
    },
    async exec<T>(text: string) {
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as T[] };
    },
    async migrate() {
      await migratePglite(drizzlePglite({ client }), { migrationsFolder });
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

// Dates come back as Date objects by default; bigint (int8) as strings would surprise callers
// that sum kopecks, so int8 is parsed to number (safe below 2^53 — 90 trillion roubles).
pg.types.setTypeParser(20, (v) => Number(v));

async function openServer(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    application_name: 'kabinet',
  });
  pool.on('error', () => {
    // An idle client lost its connection (server restart); the pool replaces it on next use.
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    driver: 'pg',
    db,
    async query<T>(text: string, params?: unknown[], name?: string) {
      const result = await pool.query(name ? { name, text, values: params } : { text, values: params });
      return { rows: result.rows as T[] };
    },
    async exec<T>(text: string) {
      const result = (await pool.query(text)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: (last?.rows ?? []) as T[] };
    },
    async migrate() {
      const conn = await pool.connect();
      try {
        await conn.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg({ client: conn }), { migrationsFolder });
      } finally {
        await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        conn.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

export { schema };
