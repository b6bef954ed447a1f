import { and, count, desc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { distanceKm, locate, type GeoLocation } from '../../platform/geoip';
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

/**
 * Impossible travel: two logins of one account further apart than an airliner could fly in the
 * time between them. Nearby places are never compared — IP databases misplace addresses by
 * hundreds of kilometres — and the source of the second login is blocked for an hour.
 */
export const IMPOSSIBLE_SPEED_KMH = 1000;
export const IMPOSSIBLE_MIN_KM = 500;
export const TRAVEL_BLOCK_MS = 60 * 60 * 1000;

export interface Travel {
  from: { country: string | null; city: string | null; at: Date; ip: string | null };
  to: GeoLocation;
  km: number;
  hours: number;
}

/** The account's last successful login compared with a login from `ip` now; the travel if impossible. */
export async function impossibleTravel(
  tx: Tx,
  userId: string,
  ip: string | undefined,
  now = new Date(),
): Promise<Travel | null> {
  const here = locate(ip);
  if (!here) return null;
  const h = loginHistory;
  const [last] = await tx
    .select({
      at: h.at,
      ip: h.ip,
      country: h.country,
      city: h.city,
      latitude: h.latitude,
      longitude: h.longitude,
    })
    .from(h)
    .where(
      and(eq(h.userId, userId), eq(h.result, 'succeeded'), isNotNull(h.latitude), isNotNull(h.longitude)),
    )
    .orderBy(desc(h.at))
    .limit(1);
  if (!last || last.latitude === null || last.longitude === null) return null;
  const km = distanceKm({ latitude: last.latitude, longitude: last.longitude }, here);
  if (km < IMPOSSIBLE_MIN_KM) return null;
  // At least a minute, so that two logins in the same second do not divide by zero.
  const hours = Math.max((now.getTime() - last.at.getTime()) / 3_600_000, 1 / 60);
  if (km / hours <= IMPOSSIBLE_SPEED_KMH) return null;
  return { from: { country: last.country, city: last.city, at: last.at, ip: last.ip }, to: here, km, hours };
}

/** Blocks an address for a while (for impossible travel; failures across accounts use noteSourceFailure). */
export async function blockSource(tx: Tx, ip: string, reason: string, untilMs: number, now = new Date()) {
  const until = new Date(now.getTime() + untilMs);
  await tx.insert(blockedSources).values({ ip, reason, failures: 0, blockedAt: now, blockedUntil: until });
  return until;
}

export const travelProblem = (until: Date) =>
  new HttpProblem(
    403,
    `Вход отклонён: он выполняется из места, куда невозможно добраться со времени вашего прошлого входа. Вход с этого адреса ограничен до ${formatTimeMoscow(until)}. Если это были вы (например, через VPN) — отключите VPN и попробуйте позже или обратитесь в поддержку.`,
  );

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
