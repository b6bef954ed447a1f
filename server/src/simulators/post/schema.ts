// The Russian Post simulator's own state, in its own PostgreSQL schema `sim_post`: it plays
// another organisation, so nothing in Kabinet reads these tables except the simulator (and the
// development «mailbox» that plays the recipient).
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const simPost = pgSchema('sim_post');

export interface SimPostAddress {
  index: string;
  region: string | null;
  city: string;
  street: string;
  house: string;
  flat: string | null;
}

/** A registered letter (заказное письмо) accepted from a sender. */
export const simPostLetters = simPost.table(
  'letters',
  {
    trackNumber: text('track_number').primaryKey(),
    /** The sender's idempotency key: the same key never makes a second letter. */
    requestId: text('request_id').notNull(),
    senderName: text('sender_name').notNull(),
    senderIndex: text('sender_index').notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientAddress: jsonb('recipient_address').$type<SimPostAddress>().notNull(),
    /** The sealed contents: only the recipient reads them. */
    contents: text('contents').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    /** One simulated day, fixed at acceptance (POST_SIM_STEP_MS then), so a pace change rewrites no history. */
    stepMs: integer('step_ms').notNull(),
    /** When the recipient collected it at the office (the development mailbox plays the recipient). */
    collectedAt: timestamp('collected_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('letters_request_uq').on(t.requestId)],
);

/** Items accepted per office and month: the NNNNN part of the track number. */
export const simPostSerials = simPost.table('serials', {
  /** Office index + month code (ИИИИИИММ). */
  prefix: text('prefix').primaryKey(),
  last: integer('last')
    .notNull()
    .default(sql`0`),
});
