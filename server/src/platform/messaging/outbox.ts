import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { validatePhone } from '@kabinet/shared';
import type { AppContext } from '../context';
import type { Tx } from '../db';
import { mailOutbox, smsOutbox } from './schema';
import { mailer, smsGateway } from './channels';
import { mailDomain } from './mail';

/*
 * The transactional outbox.
 *
 * sendSms/sendEmail only INSERT a `queued` row, in the caller's transaction. The pg-boss job that
 * delivers it is enqueued after the commit, outside the transaction: pg-boss keeps its own
 * connection, and on PGlite (one connection) a job sent from inside an open transaction would
 * wait for that very transaction. So:
 *  - called without a transaction (tx = ctx.db), the row is committed at once and its job is
 *    enqueued before sendSms returns;
 *  - called with a transaction, the row's INSERT also returns the transaction's id
 *    (pg_current_xact_id()). A per-process dispatcher asks PostgreSQL for that transaction's fate
 *    (pg_xact_status): 'committed' → enqueue; 'aborted' → forget (nothing is ever sent for
 *    rolled-back work; the row does not exist); 'in progress' → ask again shortly (backing off to
 *    1 s). On PGlite the question simply waits for the transaction to end.
 *  - enqueueing claims the row first (UPDATE … SET dispatched_at WHERE dispatched_at IS NULL),
 *    so the dispatcher and the sweep never both enqueue one message;
 *  - a sweep every minute enqueues committed rows nobody dispatched (the process died between
 *    commit and enqueue, or a very long transaction outlived the dispatcher's patience), re-claims
 *    rows claimed but never given a job, and fails rows whose job ended without a result.
 * The job reads the row by id and delivers only a `queued` one, so a repeated job is harmless;
 * delivery is at least once (a crash between the provider's acceptance and the status update
 * repeats that one message).
 */

export type Channel = 'sms' | 'email';

export const SMS_JOB = 'platform.messaging.sms';
export const MAIL_JOB = 'platform.messaging.mail';
export const SWEEP_JOB = 'platform.messaging.sweep';
export const PURGE_JOB = 'platform.messaging.purge';

/** Outbox rows and dev mailbox messages older than this are deleted. */
export const RETENTION_DAYS = 30;
const SMS_MAX_LENGTH = 1000;

export interface SmsInput {
  /** A Russian number in any accepted form; stored as +7XXXXXXXXXX. */
  to: string;
  /** The text; may carry a one-time code, so it is never logged. */
  text: string;
  /** What the message is for (login, register, notification.status …): logged and stored. */
  purpose: string;
}

export interface EmailInput {
  to: string;
  subject: string;
  text: string;
  html?: string;
  purpose: string;
}

export interface QueuedMessage {
  id: string;
}

const purposeSchema = z.string().regex(/^[a-z][a-z0-9_.:-]{0,63}$/);
const emailSchema = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

function checkPurpose(purpose: string) {
  if (!purposeSchema.safeParse(purpose).success)
    throw new Error('messaging: purpose must be a short lower-case name such as "login"');
}

/**
 * Queues an SMS. Pass the caller's transaction as `tx` when the message belongs to work that may
 * still roll back: the message is then sent only if that transaction commits.
 *
 * The caller decides who may receive what. Never send to an unconfirmed contact, other than the
 * code that confirms that very contact (registration, a new phone): a notification, a security
 * notice or a login code goes only to a number the owner has confirmed.
 *
 * Throws (a programming error, not the user's) when the number or the text is not acceptable;
 * the route validates the person's input before this.
 */
export async function sendSms(ctx: AppContext, input: SmsInput, tx: Tx = ctx.db): Promise<QueuedMessage> {
  const phone = validatePhone(input.to);
  if (!phone.ok) throw new Error('sendSms: the number is not a Russian +7 number');
  if (!input.text.trim() || input.text.length > SMS_MAX_LENGTH)
    throw new Error(`sendSms: the text must have 1–${SMS_MAX_LENGTH} characters`);
  checkPurpose(input.purpose);
  const [row] = await tx
    .insert(smsOutbox)
    .values({ toPhone: phone.value, text: input.text, purpose: input.purpose })
    .returning({ id: smsOutbox.id, xid: sql<string>`pg_current_xact_id()::text` });
  await afterInsert(ctx, tx, 'sms', row!.id, row!.xid);
  return { id: row!.id };
}

/**
 * Queues an e-mail; `tx` as for sendSms. `html` is optional (a plain-text part is always sent).
 * As for SMS, the caller sends only to a confirmed address, apart from the code confirming it.
 */
export async function sendEmail(ctx: AppContext, input: EmailInput, tx: Tx = ctx.db): Promise<QueuedMessage> {
  const to = emailSchema.safeParse(input.to);
  if (!to.success) throw new Error('sendEmail: not an e-mail address');
  const subject = input.subject.trim();
  if (!subject || subject.length > 250 || /[\r\n]/.test(subject))
    throw new Error('sendEmail: the subject must be one line of 1–250 characters');
  if (!input.text.trim()) throw new Error('sendEmail: the text must not be empty');
  checkPurpose(input.purpose);
  const id = randomUUID();
  // The same Message-ID on every attempt, so a receiving server can recognise a repeat.
  const messageId = `<${id}@${mailDomain(ctx.config.mailFrom)}>`;
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      id,
      toAddress: to.data,
      subject,
      text: input.text,
      html: input.html ?? null,
      purpose: input.purpose,
      messageId,
    })
    .returning({ id: mailOutbox.id, xid: sql<string>`pg_current_xact_id()::text` });
  await afterInsert(ctx, tx, 'email', row!.id, row!.xid);
  return { id: row!.id };
}

async function afterInsert(ctx: AppContext, tx: Tx, channel: Channel, id: string, xid: string) {
  if (tx === ctx.db) {
    // Autocommitted already: enqueue now. A failure leaves the row to the sweep.
    await dispatch(ctx, channel, [id]).catch((err: unknown) =>
      ctx.log.warn({ err, channel, id }, 'message not enqueued yet; the sweep will'),
    );
    return;
  }
  dispatcher(ctx).watch(channel, id, xid);
}

// --- Enqueueing ---------------------------------------------------------------------------

// Both queue tables share the delivery columns (schema.ts), so one set of statements serves both.
type DeliveryTable = typeof smsOutbox;
const tables: Record<Channel, DeliveryTable> = {
  sms: smsOutbox,
  email: mailOutbox as unknown as DeliveryTable,
};
const jobs: Record<Channel, string> = { sms: SMS_JOB, email: MAIL_JOB };

/** Claims the given committed rows that nobody has enqueued yet, and enqueues their delivery. */
async function dispatch(ctx: AppContext, channel: Channel, ids: string[]) {
  if (!ids.length) return 0;
  const t = tables[channel];
  const claimed = await ctx.db
    .update(t)
    .set({ dispatchedAt: sql`now()` })
    .where(and(inArray(t.id, ids), eq(t.status, 'queued'), isNull(t.dispatchedAt)))
    .returning({ id: t.id, purpose: t.purpose });
  await enqueue(ctx, channel, claimed);
  return claimed.length;
}

async function enqueue(ctx: AppContext, channel: Channel, rows: { id: string; purpose: string }[]) {
  const t = tables[channel];
  for (const row of rows) {
    try {
      const jobId = await ctx.jobs.send(jobs[channel], { id: row.id });
      await ctx.db.update(t).set({ jobId }).where(eq(t.id, row.id));
      ctx.log.info({ channel, id: row.id, purpose: row.purpose, jobId }, 'message queued for delivery');
    } catch (err) {
      // Unclaim, so the next sweep enqueues it.
      await ctx.db
        .update(t)
        .set({ dispatchedAt: null })
        .where(and(eq(t.id, row.id), isNull(t.jobId)))
        .catch(() => undefined);
      ctx.log.warn(
        { err, channel, id: row.id, purpose: row.purpose },
        'message not enqueued yet; the sweep will',
      );
    }
  }
}

interface Watched {
  channel: Channel;
  id: string;
  xid: string;
  since: number;
}

/** How long the dispatcher waits for a transaction; the sweep takes over after that. */
const WATCH_MS = 10 * 60_000;
const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 1000;

/**
 * Enqueues rows written inside transactions once those commit (see the note at the top). One per
 * context; it stops, leaving whatever it still watches to the sweep, when the context closes.
 */
class Dispatcher {
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private delay = FIRST_DELAY_MS;
  private closed = false;

  constructor(private readonly ctx: AppContext) {
    ctx.onClose(() => this.close());
  }

  watch(channel: Channel, id: string, xid: string) {
    if (this.closed) return;
    this.watched.set(`${channel}:${id}`, { channel, id, xid, since: Date.now() });
    this.delay = FIRST_DELAY_MS;
    this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.closed || this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .catch((err: unknown) => this.ctx.log.warn({ err }, 'message dispatcher: will retry'))
        .finally(() => {
          this.running = null;
          if (this.watched.size) this.schedule(this.delay);
        });
    }, ms);
  }

  private async tick() {
    const items = [...this.watched.entries()];
    const xids = [...new Set(items.map(([, w]) => w.xid))];
    const { rows } = await this.ctx.database.query<{ xid: string; status: string | null }>(
      'SELECT x AS xid, pg_xact_status(x::xid8) AS status FROM unnest($1::text[]) AS x',
      [xids],
    );
    const fate = new Map(rows.map((r) => [r.xid, r.status]));
    const ready: Record<Channel, string[]> = { sms: [], email: [] };
    const now = Date.now();
    for (const [key, w] of items) {
      const status = fate.get(w.xid);
      if (status === 'in progress' && now - w.since < WATCH_MS) continue;
      this.watched.delete(key);
      // Rolled back (or a savepoint was): there is no row, and nothing is sent.
      if (status === 'committed') ready[w.channel].push(w.id);
    }
    for (const channel of ['sms', 'email'] as const) await dispatch(this.ctx, channel, ready[channel]);
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
  }

  private async close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}

const dispatchers = new WeakMap<AppContext, Dispatcher>();
function dispatcher(ctx: AppContext): Dispatcher {
  let d = dispatchers.get(ctx);
  if (!d) {
    d = new Dispatcher(ctx);
    dispatchers.set(ctx, d);
  }
  return d;
}

// --- Delivery (the jobs) ------------------------------------------------------------------

/** A short description of a delivery error, without the message. */
function summarize(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; responseCode?: unknown };
  const parts = [e.code, e.responseCode, typeof e.message === 'string' ? e.message : String(err)].filter(
    (p) => p !== undefined && p !== null,
  );
  return parts.join(' ').slice(0, 500);
}

interface DeliveryAttempt {
  id: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** No retry follows this attempt. */
  final: boolean;
}

/**
 * Starts an attempt on a `queued` row; null when there is nothing to deliver (sent, failed, gone).
 * Attempts are counted in the row itself (pg-boss hands workers no retry count by default), so
 * the attempt after `retryLimit` retries is known to be the last.
 */
async function beginAttempt(ctx: AppContext, channel: Channel, id: string): Promise<DeliveryAttempt | null> {
  const t = tables[channel];
  const [row] = await ctx.db
    .update(t)
    .set({ attempts: sql`${t.attempts} + 1` })
    .where(and(eq(t.id, id), eq(t.status, 'queued')))
    .returning({ attempts: t.attempts });
  if (!row) return null;
  return { id, attempt: row.attempts, final: row.attempts > ctx.config.messagingRetryLimit };
}

async function recordFailure(
  ctx: AppContext,
  channel: Channel,
  a: DeliveryAttempt,
  purpose: string,
  err: unknown,
): Promise<never> {
  const t = tables[channel];
  const error = summarize(err);
  await ctx.db
    .update(t)
    .set({ lastError: error, ...(a.final ? { status: 'failed' as const } : {}) })
    .where(eq(t.id, a.id));
  ctx.log.warn(
    { channel, id: a.id, purpose, attempt: a.attempt, final: a.final },
    a.final ? 'message delivery failed for good' : 'message delivery failed; will retry',
  );
  // A new error without the original's fields (an SMTP error can carry the envelope).
  throw new Error(`${channel} delivery failed: ${error}`);
}

/** The SMS delivery job: one attempt at the queued message `id`. */
export async function deliverSms(ctx: AppContext, id: string) {
  const a = await beginAttempt(ctx, 'sms', id);
  if (!a) return;
  const [row] = await ctx.db.select().from(smsOutbox).where(eq(smsOutbox.id, id));
  if (!row) return;
  const gateway = smsGateway(ctx);
  let providerId: string;
  try {
    if (row.text === null) throw new Error('the text is gone');
    ({ providerId } = await gateway.send({ to: row.toPhone, text: row.text }));
  } catch (err) {
    return recordFailure(ctx, 'sms', a, row.purpose, err);
  }
  await ctx.db
    .update(smsOutbox)
    .set({
      status: 'sent',
      providerId,
      sentAt: sql`now()`,
      lastError: null,
      ...(gateway.keepsText ? {} : { text: null }),
    })
    .where(eq(smsOutbox.id, a.id));
  ctx.log.info(
    { channel: 'sms', id: a.id, purpose: row.purpose, providerId, attempt: a.attempt, gateway: gateway.name },
    'message delivered',
  );
}

/** The e-mail delivery job: one attempt at the queued message `id`. */
export async function deliverEmail(ctx: AppContext, id: string) {
  const a = await beginAttempt(ctx, 'email', id);
  if (!a) return;
  const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!row) return;
  const messageId = row.messageId ?? `<${row.id}@${mailDomain(ctx.config.mailFrom)}>`;
  try {
    if (row.text === null) throw new Error('the text is gone');
    const m = await mailer(ctx);
    await m.send({ to: row.toAddress, subject: row.subject, text: row.text, html: row.html, messageId });
  } catch (err) {
    return recordFailure(ctx, 'email', a, row.purpose, err);
  }
  // Accepted by the SMTP server: the body (it may hold a code) is no longer kept here.
  await ctx.db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: sql`now()`, lastError: null, text: null, html: null })
    .where(eq(mailOutbox.id, a.id));
  ctx.log.info(
    { channel: 'email', id: a.id, purpose: row.purpose, messageId, attempt: a.attempt },
    'message delivered',
  );
}

// --- Sweep and retention ------------------------------------------------------------------

const SWEEP_BATCH = 500;
/** A committed row this old that nobody enqueued is the sweep's. */
const UNDISPATCHED_AFTER = sql`now() - interval '15 seconds'`;
/** Claimed this long ago without getting a job: the process died in between. */
const UNSENT_CLAIM_AFTER = sql`now() - interval '5 minutes'`;
/** Enqueued this long ago and still queued: look at the job. */
const STALE_AFTER = sql`now() - interval '15 minutes'`;

/**
 * Every minute: enqueues what the dispatchers missed and closes rows whose job ended without
 * recording a result (a worker killed during the last attempt). Returns what it did.
 */
export async function sweep(ctx: AppContext) {
  const result = { enqueued: 0, failed: 0 };
  for (const channel of ['sms', 'email'] as const) {
    const t = tables[channel];
    const missed = ctx.db
      .select({ id: t.id })
      .from(t)
      .where(
        and(
          eq(t.status, 'queued'),
          or(
            and(isNull(t.dispatchedAt), lt(t.createdAt, UNDISPATCHED_AFTER)),
            and(isNull(t.jobId), lt(t.dispatchedAt, UNSENT_CLAIM_AFTER)),
          ),
        ),
      )
      .limit(SWEEP_BATCH);
    const claimed = await ctx.db
      .update(t)
      .set({ dispatchedAt: sql`now()` })
      .where(and(inArray(t.id, missed), eq(t.status, 'queued')))
      .returning({ id: t.id, purpose: t.purpose });
    await enqueue(ctx, channel, claimed);
    result.enqueued += claimed.length;

    const stale = await ctx.db
      .select({ id: t.id, jobId: t.jobId, purpose: t.purpose })
      .from(t)
      .where(and(eq(t.status, 'queued'), isNotNull(t.jobId), lt(t.dispatchedAt, STALE_AFTER)))
      .limit(100);
    for (const row of stale) {
      const job = await ctx.jobs.getJob(jobs[channel], row.jobId!);
      if (job && !['completed', 'failed', 'cancelled'].includes(job.state)) continue;
      const [closed] = await ctx.db
        .update(t)
        .set({
          status: 'failed',
          lastError: `the delivery job ended without a result (${job?.state ?? 'gone'})`,
        })
        .where(and(eq(t.id, row.id), eq(t.status, 'queued')))
        .returning({ id: t.id });
      if (closed) {
        result.failed += 1;
        ctx.log.warn(
          { channel, id: row.id, purpose: row.purpose, jobState: job?.state ?? null },
          'message delivery abandoned',
        );
      }
    }
  }
  return result;
}

/** Daily: deletes queue rows and dev mailbox messages older than RETENTION_DAYS. */
export async function purgeMessages(ctx: AppContext) {
  const count = async (table: string, column: string) => {
    const { rows } = await ctx.database.query<{ n: number }>(
      `WITH gone AS (DELETE FROM ${table} WHERE ${column} < now() - make_interval(days => $1) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [RETENTION_DAYS],
    );
    return rows[0]?.n ?? 0;
  };
  return {
    sms: await count('sms_outbox', 'created_at'),
    email: await count('mail_outbox', 'created_at'),
    devMailbox: await count('dev_mailbox', 'received_at'),
  };
}
