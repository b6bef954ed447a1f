import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const deliveryStatuses = ['queued', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * Columns every outgoing-message queue shares. A row is written in the caller's transaction
 * (`queued`); `dispatched_at`/`job_id` record that its delivery job was enqueued after the commit;
 * the job sets `sent` (with the provider's id) or, after its last retry, `failed`.
 */
const delivery = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  purpose: text('purpose').notNull(),
  status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the delivery job was enqueued; null = not yet (the dispatcher or the sweep will). */
  dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  jobId: text('job_id'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  lastError: text('last_error'),
});

/**
 * SMS queue. With the development gateway (SMS_GATEWAY=outbox) this table is also the phone:
 * a `sent` row is a delivered message, read through the dev API. A production gateway's rows
 * lose their text once delivered (texts carry one-time codes).
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    ...delivery(),
    toPhone: text('to_phone').notNull(),
    text: text('text'),
    providerId: text('provider_id'),
  },
  (t) => [
    index('sms_outbox_to_idx').on(t.toPhone, t.createdAt),
    index('sms_outbox_undispatched_idx')
      .on(t.createdAt)
      .where(sql`status = 'queued'`),
  ],
);

/** E-mail queue; the body is erased once the SMTP server has accepted the message. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    ...delivery(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text'),
    html: text('html'),
    /** The Message-ID header sent (angle brackets included). */
    messageId: text('message_id'),
  },
  (t) => [
    index('mail_outbox_to_idx').on(t.toAddress, t.createdAt),
    index('mail_outbox_undispatched_idx')
      .on(t.createdAt)
      .where(sql`status = 'queued'`),
  ],
);

/**
 * What the built-in development SMTP server received, parsed: one row per envelope recipient,
 * as each person's mailbox would hold it. Never used in production.
 */
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id'),
    fromAddress: text('from_address'),
    /** The envelope recipient (RCPT TO), lower-case. */
    toAddress: text('to_address').notNull(),
    subject: text('subject'),
    text: text('text'),
    html: text('html'),
    /** Size of the raw message in bytes. */
    size: integer('size').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dev_mailbox_to_idx').on(t.toAddress, t.receivedAt)],
);
