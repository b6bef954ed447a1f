import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Server-side sessions. The cookie carries a random 256-bit token; only its SHA-256 is stored, so
 * a leaked table cannot be replayed as cookies.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When the user last proved who they are (for step-up of critical actions). */
    authenticatedAt: timestamp('authenticated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Authentication assurance: 1 = one factor, 2 = two factors. */
    assurance: integer('assurance').notNull().default(1),
    method: text('method').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Whose account the user acts in (personal, an organisation, a principal). */
    context: jsonb('context').$type<{ kind: 'personal' } | { kind: string; id: string }>(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);
