import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, max } from 'drizzle-orm';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { codeFailures, oneTimeCodes } from './schema';
import {
  CODE_CLOSED_MS,
  CODE_LENGTH,
  CODE_MAX_WRONG,
  CODE_RESEND_GAP_MS,
  CODE_RESEND_WINDOW_MS,
  CODE_RESENDS_PER_WINDOW,
  CODE_TTL_MS,
  CODE_WRONG_DAILY_CAP,
  CODE_WRONG_WINDOW_MS,
} from './policy';
import { formatTimeMoscow, secondsWord } from './words';

export type CodeChannel = 'sms' | 'email';

const hashCode = (pepper: string, id: string, code: string) =>
  createHmac('sha256', pepper).update(`${id}:${code}`).digest('hex');

/** When code entry for this subject and purpose is closed by the daily cap, until when. */
export async function closedUntil(tx: Tx, subject: string, purpose: string, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - CODE_WRONG_WINDOW_MS);
  const [row] = await tx
    .select({ n: count(), last: max(codeFailures.at) })
    .from(codeFailures)
    .where(
      and(eq(codeFailures.subject, subject), eq(codeFailures.purpose, purpose), gt(codeFailures.at, since)),
    );
  return closedAfter(row?.n ?? 0, row?.last ?? null, now);
}

/** Code entry closes for an hour after the daily cap of wrong codes is reached. */
function closedAfter(failures: number, last: Date | string | null, now: Date): Date | null {
  if (failures < CODE_WRONG_DAILY_CAP || !last) return null;
  const until = new Date(new Date(last).getTime() + CODE_CLOSED_MS);
  return until > now ? until : null;
}

export interface IssuedCode {
  id: string;
  /** null when a code sent moments ago is still valid and was reused (it is already on its way). */
  code: string | null;
  expiresAt: Date;
}

/**
 * Issues a new 6-digit code, closing any earlier one for the same subject and purpose. Refuses
 * resends sooner than 60 s, more than 3 resends in 10 minutes, and any code while entry is
 * closed by the daily cap of wrong codes.
 */
export async function issueCode(
  tx: Tx,
  input: {
    subject: string;
    purpose: string;
    channel: CodeChannel;
    destination: string;
    pepper: string;
    reuseRecent?: boolean;
  },
  now = new Date(),
): Promise<IssuedCode> {
  // The daily cap of wrong codes and the recent codes to this destination, in one round trip.
  const since = new Date(now.getTime() - CODE_WRONG_WINDOW_MS);
  const failures = tx
    .select({ n: count().as('n'), last: max(codeFailures.at).as('last') })
    .from(codeFailures)
    .where(
      and(
        eq(codeFailures.subject, input.subject),
        eq(codeFailures.purpose, input.purpose),
        gt(codeFailures.at, since),
      ),
    )
    .as('failures');
  const rows = await tx
    .select({
      failures: failures.n,
      lastFailure: failures.last,
      code: {
        id: oneTimeCodes.id,
        createdAt: oneTimeCodes.createdAt,
        expiresAt: oneTimeCodes.expiresAt,
        closedAt: oneTimeCodes.closedAt,
      },
    })
    .from(failures)
    .leftJoin(
      oneTimeCodes,
      and(
        eq(oneTimeCodes.subject, input.subject),
        eq(oneTimeCodes.purpose, input.purpose),
        // Resend limits count per destination: switching from SMS to e-mail is not a resend.
        eq(oneTimeCodes.destination, input.destination),
        gt(oneTimeCodes.createdAt, new Date(now.getTime() - CODE_RESEND_WINDOW_MS)),
      ),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .prepare('kabinet_recent_codes')
    .execute();
  const closed = closedAfter(Number(rows[0]?.failures ?? 0), rows[0]?.lastFailure ?? null, now);
  if (closed) {
    throw new HttpProblem(
      429,
      `Слишком много неверных кодов. Ввод кода закрыт до ${formatTimeMoscow(closed)}.`,
      undefined,
      'about:blank',
      {
        'retry-after': String(Math.ceil((closed.getTime() - now.getTime()) / 1000)),
      },
    );
  }
  const recent = rows.flatMap((r) => (r.code ? [r.code] : []));
  const last = recent[0];
  const fresh = last && now.getTime() - last.createdAt.getTime() < CODE_RESEND_GAP_MS;
  // Starting a login again moments later keeps the code already sent, instead of refusing.
  if (fresh && input.reuseRecent && !last.closedAt && last.expiresAt > now) {
    return { id: last.id, code: null, expiresAt: last.expiresAt };
  }
  if (last && fresh) {
    const wait = Math.ceil((CODE_RESEND_GAP_MS - (now.getTime() - last.createdAt.getTime())) / 1000);
    throw new HttpProblem(
      429,
      `Новый код можно запросить через ${wait} ${secondsWord(wait)}.`,
      undefined,
      'about:blank',
      {
        'retry-after': String(wait),
      },
    );
  }
  if (recent.length > CODE_RESENDS_PER_WINDOW) {
    const oldest = recent[recent.length - 1]!.createdAt;
    const wait = Math.ceil((oldest.getTime() + CODE_RESEND_WINDOW_MS - now.getTime()) / 1000);
    throw new HttpProblem(
      429,
      `Код уже отправлялся несколько раз. Новый можно запросить в ${formatTimeMoscow(new Date(now.getTime() + wait * 1000))}.`,
      undefined,
      'about:blank',
      {
        'retry-after': String(wait),
      },
    );
  }
  await tx
    .update(oneTimeCodes)
    .set({ closedAt: now })
    .where(
      and(
        eq(oneTimeCodes.subject, input.subject),
        eq(oneTimeCodes.purpose, input.purpose),
        isNull(oneTimeCodes.closedAt),
      ),
    );
  const id = randomUUID();
  const code = String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await tx.insert(oneTimeCodes).values({
    id,
    subject: input.subject,
    purpose: input.purpose,
    channel: input.channel,
    destination: input.destination,
    codeHash: hashCode(input.pepper, id, code),
    createdAt: now,
    expiresAt,
  });
  return { id, code, expiresAt };
}

/** Closed-entry problem, shared by SMS codes, authenticator codes and backup codes. */
export const closedProblem = (until: Date) =>
  new HttpProblem(429, `Слишком много неверных кодов. Ввод кода закрыт до ${formatTimeMoscow(until)}.`);

/** A wrong authenticator or backup code counts toward the same daily cap as a wrong SMS code. */
export async function recordCodeFailure(
  tx: Tx,
  subject: string,
  purpose: string,
  now = new Date(),
): Promise<Date | null> {
  await tx.insert(codeFailures).values({ subject, purpose, at: now });
  return closedUntil(tx, subject, purpose, now);
}

export type CodeCheck =
  | { ok: true; destination: string; channel: CodeChannel }
  | { ok: false; problem: HttpProblem; countsAsFailure: boolean };

/**
 * Checks a code. A wrong code counts against the code (3 tries) and the daily cap (10 a day per
 * subject and purpose); a right code is consumed and can never be used again. The caller must
 * commit the transaction even when the check fails, so that the failure is remembered.
 */
export async function checkCode(
  tx: Tx,
  input: { subject: string; purpose: string; code: string; pepper: string },
  now = new Date(),
): Promise<CodeCheck> {
  const closed = await closedUntil(tx, input.subject, input.purpose, now);
  if (closed) {
    return {
      ok: false,
      countsAsFailure: false,
      problem: new HttpProblem(
        429,
        `Слишком много неверных кодов. Ввод кода закрыт до ${formatTimeMoscow(closed)}.`,
      ),
    };
  }
  const [row] = await tx
    .select()
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.subject, input.subject),
        eq(oneTimeCodes.purpose, input.purpose),
        isNull(oneTimeCodes.closedAt),
      ),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1)
    .for('update');
  if (!row) {
    return {
      ok: false,
      countsAsFailure: false,
      problem: new HttpProblem(400, 'Код не действует. Запросите новый код.', [
        { field: 'code', message: 'Запросите новый код' },
      ]),
    };
  }
  if (row.expiresAt <= now) {
    await tx.update(oneTimeCodes).set({ closedAt: now }).where(eq(oneTimeCodes.id, row.id));
    return {
      ok: false,
      countsAsFailure: false,
      problem: new HttpProblem(400, 'Срок действия кода истёк. Запросите новый код.', [
        { field: 'code', message: 'Код устарел' },
      ]),
    };
  }
  const expected = Buffer.from(row.codeHash, 'hex');
  const given = Buffer.from(hashCode(input.pepper, row.id, input.code), 'hex');
  if (/^\d{6}$/.test(input.code) && timingSafeEqual(expected, given)) {
    await tx.update(oneTimeCodes).set({ consumedAt: now, closedAt: now }).where(eq(oneTimeCodes.id, row.id));
    return { ok: true, destination: row.destination, channel: row.channel };
  }
  const wrong = row.wrongAttempts + 1;
  await tx
    .update(oneTimeCodes)
    .set({ wrongAttempts: wrong, closedAt: wrong >= CODE_MAX_WRONG ? now : null })
    .where(eq(oneTimeCodes.id, row.id));
  await tx.insert(codeFailures).values({ subject: input.subject, purpose: input.purpose, at: now });
  const nowClosed = await closedUntil(tx, input.subject, input.purpose, now);
  if (nowClosed) {
    return {
      ok: false,
      countsAsFailure: true,
      problem: new HttpProblem(
        429,
        `Слишком много неверных кодов. Ввод кода закрыт до ${formatTimeMoscow(nowClosed)}.`,
      ),
    };
  }
  const left = CODE_MAX_WRONG - wrong;
  return {
    ok: false,
    countsAsFailure: true,
    problem:
      left > 0
        ? new HttpProblem(400, `Неверный код. Осталось попыток: ${left}.`, [
            { field: 'code', message: 'Неверный код' },
          ])
        : new HttpProblem(400, 'Неверный код введён 3 раза. Запросите новый код.', [
            { field: 'code', message: 'Запросите новый код' },
          ]),
  };
}

/**
 * Issues a code and hands it to the delivery channel in the caller's transaction — unless a code
 * sent moments ago is still valid and `reuseRecent` keeps it.
 */
export async function sendCode(
  tx: Tx,
  deliver: (input: { channel: CodeChannel; to: string; code: string; purpose: string }) => Promise<void>,
  input: {
    subject: string;
    purpose: string;
    channel: CodeChannel;
    to: string;
    pepper: string;
    reuseRecent?: boolean;
  },
): Promise<IssuedCode> {
  const issued = await issueCode(tx, {
    subject: input.subject,
    purpose: input.purpose,
    channel: input.channel,
    destination: input.to,
    pepper: input.pepper,
    reuseRecent: input.reuseRecent,
  });
  if (issued.code)
    await deliver({ channel: input.channel, to: input.to, code: issued.code, purpose: input.purpose });
  return issued;
}
