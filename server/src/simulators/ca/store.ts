// The CA's own register of issued certificates, in its own PostgreSQL schema created by the
// simulator itself: it is another system, so its storage is not part of Kabinet's migrations.
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { Database, Db } from '../../platform/db';

const simSchema = pgSchema('sim_ca');

export const simCertificates = simSchema.table('certificates', {
  serial: text('serial').primaryKey(),
  snils: text('snils').notNull(),
  subject: text('subject').notNull(),
  pem: text('pem').notNull(),
  notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
  notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export type SimCertificate = typeof simCertificates.$inferSelect;

/** Any constant: serialises the simulator's DDL when several instances start at once. */
const DDL_LOCK = 72_011_102;

export async function ensureCaStore(database: Database) {
  await database.exec(`
    BEGIN;
    SELECT pg_advisory_xact_lock(${DDL_LOCK});
    CREATE SCHEMA IF NOT EXISTS sim_ca;
    CREATE TABLE IF NOT EXISTS sim_ca.certificates (
      serial text PRIMARY KEY,
      snils text NOT NULL,
      subject text NOT NULL,
      pem text NOT NULL,
      not_before timestamptz NOT NULL,
      not_after timestamptz NOT NULL,
      issued_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
    CREATE INDEX IF NOT EXISTS certificates_snils_idx ON sim_ca.certificates (snils);
    COMMIT;
  `);
}

export async function saveCertificate(db: Db, row: Omit<SimCertificate, 'issuedAt' | 'revokedAt'>) {
  await db.insert(simCertificates).values(row);
}

export async function certificatesOf(db: Db, snils: string) {
  return db
    .select()
    .from(simCertificates)
    .where(eq(simCertificates.snils, snils))
    .orderBy(desc(simCertificates.issuedAt))
    .limit(50);
}

/** Revokes a certificate of this holder; false when there is no such valid certificate. */
export async function revokeCertificate(db: Db, serial: string, snils: string, at = new Date()) {
  const rows = await db
    .update(simCertificates)
    .set({ revokedAt: at })
    .where(
      and(
        eq(simCertificates.serial, serial),
        eq(simCertificates.snils, snils),
        isNull(simCertificates.revokedAt),
      ),
    )
    .returning({ serial: simCertificates.serial });
  return rows.length > 0;
}

export async function revokedCertificates(db: Db) {
  return db
    .select({ serial: simCertificates.serial, at: simCertificates.revokedAt })
    .from(simCertificates)
    .where(isNotNull(simCertificates.revokedAt));
}
