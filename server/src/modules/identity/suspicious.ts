import { and, count, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { blockedSources, loginHistory } from './schema';
import { formatTimeMoscow } from './words';

/**
 * Every account locks after 3 wrong passwords, so this many failures from one address within the
 * window can only be an attack on many accounts: the address is blocked for an hour.
 */
export const SOURCE_FAILURES = 30;
export const SOURCE_WINDOW_MS = 15 * 60 * 1000;
export const SOURCE_BLOCK_MS = 60 * 60 * 1000;

export async function sourceBlockedUntil(
  db: Tx,
  ip: string | undefined,
  now = new Date(),
): Promise<Date | null> {
  if (!ip) return null;
  const [row] = await db
    .select({ until: blockedSources.blockedUntil })
    .from(blockedSources)
    .where(
      and(eq(blockedSources.ip, ip), gt(blockedSources.blockedUntil, now), isNull(blockedSources.liftedAt)),
    )
    .orderBy(desc(blockedSources.blockedUntil))
    .limit(1);
  return row?.until ?? null;
}

export const blockedSourceProblem = (until: Date) =>
  new HttpProblem(
    429,
    `С вашего адреса было слишком много неудачных попыток входа, поэтому вход с него ограничен до ${formatTimeMoscow(until)}. Если вы в общей сети (офис, кафе), попробуйте войти через мобильный интернет или обратитесь в поддержку.`,
  );

/** After a failed attempt: blocks the address when it crosses the threshold. Returns the new block, if any. */
export async function noteSourceFailure(
  tx: Tx,
  ip: string | undefined,
  now = new Date(),
): Promise<{ until: Date; failures: number } | null> {
  if (!ip) return null;
  const [row] = await tx
    .select({ n: count() })
    .from(loginHistory)
    .where(
      and(
        eq(loginHistory.ip, ip),
        gt(loginHistory.at, new Date(now.getTime() - SOURCE_WINDOW_MS)),
        inArray(loginHistory.result, ['failed', 'locked', 'second_factor_failed']),
      ),
    );
  const failures = row?.n ?? 0;
  if (failures < SOURCE_FAILURES || (await sourceBlockedUntil(tx, ip, now))) return null;
  const until = new Date(now.getTime() + SOURCE_BLOCK_MS);
  await tx
    .insert(blockedSources)
    .values({ ip, reason: 'many_failed_logins', failures, blockedAt: now, blockedUntil: until });
  return { until, failures };
}

export async function listBlockedSources(db: Db, now = new Date()) {
  return db
    .select()
    .from(blockedSources)
    .where(and(gt(blockedSources.blockedUntil, new Date(now.getTime() - 24 * 3600_000))))
    .orderBy(desc(blockedSources.blockedAt))
    .limit(200);
}

export async function liftBlock(
  tx: Tx,
  id: string,
  by: string,
  now = new Date(),
): Promise<typeof blockedSources.$inferSelect | null> {
  const [row] = await tx
    .update(blockedSources)
    .set({ liftedAt: now, liftedBy: by })
    .where(and(eq(blockedSources.id, id), isNull(blockedSources.liftedAt)))
    .returning();
  return row ?? null;
}
