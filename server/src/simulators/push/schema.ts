// The push service simulator's own state, in its own PostgreSQL schema `sim_push`: it plays the
// browser vendors' push services (RFC 8030), so nothing in Kabinet reads these tables except the
// simulator itself and the development routes that play the subscribed browser.
import { index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const simPush = pgSchema('sim_push');

/** A push subscription a «browser» made, bound to the application server key it subscribed with. */
export const simPushSubscriptions = simPush.table('subscriptions', {
  /** The last path segment of the endpoint: 128 random bits, base64url. */
  id: text('id').primaryKey(),
  /** The VAPID public key (raw P-256 point, base64url) the subscription is restricted to (RFC 8292 §4). */
  applicationServerKey: text('application_server_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The browser unsubscribed: pushes to it are answered 410 Gone. */
  expiredAt: timestamp('expired_at', { withTimezone: true }),
});

/** A push message accepted for a subscription and not yet read by its browser. */
export const simPushMessages = simPush.table(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: text('subscription_id').notNull(),
    /** Seconds the service keeps it (the request's TTL, capped). */
    ttl: integer('ttl').notNull(),
    urgency: text('urgency').notNull(),
    /** A newer message with the same topic replaces this one (RFC 8030 §5.4). */
    topic: text('topic'),
    contentEncoding: text('content_encoding'),
    /** The encrypted body exactly as received, base64url; the service cannot read it. */
    body: text('body').notNull(),
    /** The `sub` claim of the sender's VAPID token: whom to contact about these messages. */
    sender: text('sender').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('messages_subscription_idx').on(t.subscriptionId, t.receivedAt)],
);
