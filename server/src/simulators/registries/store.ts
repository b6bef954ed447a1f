// The simulator's own storage: a table in its own PostgreSQL schema, created by the simulator
// itself — it is another system, so its storage is not part of Kabinet's migrations. Kept in the
// database (not in memory) so that several app instances behind a load balancer answer alike.
import { and, eq } from 'drizzle-orm';
import { jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { Database, Db } from '../../platform/db';
import type { RegistryKind } from './registry';

const simSchema = pgSchema('sim_registries');

export const simRequests = simSchema.table('requests', {
  requestId: text('request_id').primaryKey(),
  kind: text('kind').$type<RegistryKind>().notNull(),
  person: jsonb('person').$type<Record<string, unknown>>().notNull(),
  result: text('result').$type<'valid' | 'invalid'>().notNull(),
  reason: text('reason'),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  /** The answer is «pending» until then. */
  readyAt: timestamp('ready_at', { withTimezone: true }).notNull(),
});

export type SimRequest = typeof simRequests.$inferSelect;

/** Any constant: serialises the simulator's DDL when several instances start at once. */
const DDL_LOCK = 72_011_101;

export async function ensureSimulatorStore(database: Database) {
  await database.exec(`
    BEGIN;
    SELECT pg_advisory_xact_lock(${DDL_LOCK});
    CREATE SCHEMA IF NOT EXISTS sim_registries;
    CREATE TABLE IF NOT EXISTS sim_registries.requests (
      request_id text PRIMARY KEY,
      kind text NOT NULL,
      person jsonb NOT NULL,
      result text NOT NULL,
      reason text,
      accepted_at timestamptz NOT NULL DEFAULT now(),
      ready_at timestamptz NOT NULL
    );
    COMMIT;
  `);
}

/** Stores a request once; a repeated id returns the stored one (whatever was sent the second time). */
export async function acceptRequest(db: Db, row: Omit<SimRequest, 'acceptedAt'>): Promise<SimRequest> {
  const [inserted] = await db.insert(simRequests).values(row).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(simRequests)
    .where(eq(simRequests.requestId, row.requestId))
    .limit(1);
  return existing!;
}

export async function findRequest(
  db: Db,
  requestId: string,
  kind?: RegistryKind,
): Promise<SimRequest | null> {
  const [row] = await db
    .select()
    .from(simRequests)
    .where(and(eq(simRequests.requestId, requestId), kind ? eq(simRequests.kind, kind) : undefined))
    .limit(1);
  return row ?? null;
}
