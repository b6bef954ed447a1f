import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db';
import { passwordThrottle } from './schema';
import { LOCK_AFTER_FAILURES, LOCK_RESET_AFTER_MS, lockDuration } from './policy';

export interface ThrottleState {
  lockedUntil: Date | null;
  failuresLeft: number;
}

export type ThrottleRow = typeof passwordThrottle.$inferSelect;

/** The counters of a key; `lock` reads under a row lock so concurrent attempts count in order. */
export async function readThrottle(tx: Tx, key: string, lock: boolean): Promise<ThrottleRow | null> {
  const q = tx.select().from(passwordThrottle).where(eq(passwordThrottle.key, key)).limit(1);
  // Named: on the PostgreSQL server each connection parses and plans it once (every login runs it).
  const [row] = lock ? await q.for('update').prepare('kabinet_throttle_lock').execute() : await q;
  return row ?? null;
}

export const lockedUntil = (row: ThrottleRow | null, now = new Date()) =>
  row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;

/** The lock on a key now, if any. */
export async function currentLock(tx: Tx, key: string, now = new Date()): Promise<Date | null> {
  return lockedUntil(await readThrottle(tx, key, true), now);
}

/**
 * Counts a wrong password: the 3rd in a row locks for 15 minutes, each further lock doubles up to
 * 4 hours; after 24 hours without failures everything starts again.
 */
export async function recordPasswordFailure(
  tx: Tx,
  key: string,
  now = new Date(),
): Promise<ThrottleState & { justLocked: boolean }> {
  const [row] = await tx
    .select()
    .from(passwordThrottle)
    .where(eq(passwordThrottle.key, key))
    .limit(1)
    .for('update');
  const stale = !row?.lastFailureAt || now.getTime() - row.lastFailureAt.getTime() > LOCK_RESET_AFTER_MS;
  let failures = (stale ? 0 : row!.failures) + 1;
  let locks = stale ? 0 : row!.locks;
  let lockedUntil: Date | null = null;
  if (failures >= LOCK_AFTER_FAILURES) {
    locks += 1;
    lockedUntil = new Date(now.getTime() + lockDuration(locks));
    failures = 0;
  }
  await tx
    .insert(passwordThrottle)
    .values({ key, failures, locks, lockedUntil, lastFailureAt: now })
    .onConflictDoUpdate({
      target: passwordThrottle.key,
      set: { failures, locks, lockedUntil, lastFailureAt: now },
    });
  return { lockedUntil, failuresLeft: LOCK_AFTER_FAILURES - failures, justLocked: lockedUntil !== null };
}

/** A right password clears the run of failures (the lock count keeps doubling within 24 hours). */
export async function recordPasswordSuccess(tx: Tx, key: string) {
  await tx.update(passwordThrottle).set({ failures: 0 }).where(eq(passwordThrottle.key, key));
}

/** Recovery or an operator unlocks at once. */
export async function unlock(tx: Tx, key: string) {
  await tx
    .update(passwordThrottle)
    .set({ failures: 0, lockedUntil: null, locks: sql`${passwordThrottle.locks}` })
    .where(eq(passwordThrottle.key, key));
}
