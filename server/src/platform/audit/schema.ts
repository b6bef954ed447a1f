import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The platform's audit log: append-only and tamper-evident. Every row stores the SHA-256 of its
 * own canonical serialisation (canonical.ts), which includes the previous row's hash, so the rows
 * form one hash chain in `id` order. `id` is the position in that chain, gapless from 1: it is
 * assigned under the append lock as head + 1 (log.ts), because it is itself hashed and so must be
 * known before the insert — and a gapless id makes the primary key refuse a fork outright and lets
 * the verifier name a missing entry. A trigger (migration 0004_audit_guard) refuses UPDATE,
 * DELETE and TRUNCATE, except deletions of entries older than 3 years by the retention job.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    /** Milliseconds only (precision 3), exactly what the hash covers. */
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    /** Who acted (null for the system itself or an anonymous caller). */
    actorUserId: uuid('actor_user_id'),
    /** In which capacity: citizen, mfc_operator, agency_officer, support, system … */
    actorRole: text('actor_role'),
    /** Whose data the action concerns — what «Мои данные» shows to that citizen. */
    subjectUserId: uuid('subject_user_id'),
    /** What happened, module-prefixed: 'identity.login.succeeded'. */
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Why an official or operator accessed the data (shown to the citizen). */
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_subject_idx')
      .on(t.subjectUserId, t.occurredAt)
      .where(sql`subject_user_id IS NOT NULL`),
    index('audit_log_actor_idx')
      .on(t.actorUserId, t.occurredAt)
      .where(sql`actor_user_id IS NOT NULL`),
    index('audit_log_action_idx').on(t.action, t.occurredAt),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
