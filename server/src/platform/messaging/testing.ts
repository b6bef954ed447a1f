import { validatePhone } from '@kabinet/shared';
import type { AppContext } from '../context';
import { latestMail, latestSms, type DeliveredSms, type ReceivedMail } from './queries';

export interface WaitOptions {
  /** Only a message that arrived at or after this moment (take it before the action). */
  since?: Date;
  timeoutMs?: number;
  intervalMs?: number;
}

async function poll<T>(
  what: string,
  timeoutMs: number,
  intervalMs: number,
  find: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() >= deadline) throw new Error(`${what} did not arrive within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * For tests: waits until an SMS to `to` has been delivered (into the development outbox) and
 * returns the newest one — what the person would read on their phone.
 */
export async function waitForSms(
  ctx: AppContext,
  to: string,
  options: WaitOptions & { purpose?: string } = {},
): Promise<DeliveredSms> {
  const phone = validatePhone(to);
  if (!phone.ok) throw new Error(`waitForSms: ${phone.message}`);
  return poll(
    `An SMS to ${phone.value}`,
    options.timeoutMs ?? 15_000,
    options.intervalMs ?? 100,
    async () => {
      const [sms] = await latestSms(ctx.db, {
        to: phone.value,
        purpose: options.purpose,
        since: options.since,
        limit: 1,
      });
      return sms;
    },
  );
}

/** For tests: waits until the dev mailbox has received an e-mail to `to` and returns the newest one. */
export async function waitForEmail(
  ctx: AppContext,
  to: string,
  options: WaitOptions = {},
): Promise<ReceivedMail> {
  return poll(`An e-mail to ${to}`, options.timeoutMs ?? 15_000, options.intervalMs ?? 100, async () => {
    const [mail] = await latestMail(ctx.db, { to, since: options.since, limit: 1 });
    return mail;
  });
}

/** The one-time code (the first run of 6 digits) in a message's text. */
export function codeIn(text: string | null | undefined): string {
  const match = /\b(\d{6})\b/.exec(text ?? '');
  if (!match) throw new Error('no 6-digit code in the message');
  return match[1]!;
}
