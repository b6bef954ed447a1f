import { and, desc, eq, gte, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { devMailbox, smsOutbox } from './schema';

export interface DeliveredSms {
  id: string;
  to: string;
  text: string;
  purpose: string;
  providerId: string | null;
  createdAt: Date;
  sentAt: Date;
}

export interface ReceivedMail {
  id: string;
  messageId: string | null;
  from: string | null;
  to: string;
  subject: string | null;
  text: string | null;
  html: string | null;
  size: number;
  receivedAt: Date;
}

/**
 * Delivered SMS, newest first, as the recipient's phone shows them (development outbox only:
 * a production gateway's rows keep no text).
 */
export async function latestSms(
  db: Db,
  filter: { to?: string; purpose?: string; since?: Date; limit?: number } = {},
): Promise<DeliveredSms[]> {
  const rows = await db
    .select()
    .from(smsOutbox)
    .where(
      and(
        eq(smsOutbox.status, 'sent'),
        isNotNull(smsOutbox.text),
        filter.to ? eq(smsOutbox.toPhone, filter.to) : undefined,
        filter.purpose ? eq(smsOutbox.purpose, filter.purpose) : undefined,
        filter.since ? gte(smsOutbox.sentAt, filter.since) : undefined,
      ),
    )
    .orderBy(desc(smsOutbox.sentAt), desc(smsOutbox.createdAt))
    .limit(filter.limit ?? 20);
  return rows.map((r) => ({
    id: r.id,
    to: r.toPhone,
    text: r.text!,
    purpose: r.purpose,
    providerId: r.providerId,
    createdAt: r.createdAt,
    sentAt: r.sentAt!,
  }));
}

/** Messages the dev SMTP server received, newest first; `to` is matched case-insensitively. */
export async function latestMail(
  db: Db,
  filter: { to?: string; since?: Date; limit?: number } = {},
): Promise<ReceivedMail[]> {
  const rows = await db
    .select()
    .from(devMailbox)
    .where(
      and(
        filter.to ? eq(devMailbox.toAddress, filter.to.trim().toLowerCase()) : undefined,
        filter.since ? gte(devMailbox.receivedAt, filter.since) : undefined,
      ),
    )
    .orderBy(desc(devMailbox.receivedAt))
    .limit(filter.limit ?? 20);
  return rows.map((r) => ({
    id: r.id,
    messageId: r.messageId,
    from: r.fromAddress,
    to: r.toAddress,
    subject: r.subject,
    text: r.text,
    html: r.html,
    size: r.size,
    receivedAt: r.receivedAt,
  }));
}
