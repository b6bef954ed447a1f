import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db';
import { revokeUserSessions } from '../../platform/sessions';
import { userKey } from './login-id';
import { RESET_FREEZE_MS } from './policy';
import { users } from './schema';
import { unlock } from './throttle';

/**
 * What every reset of access does (PRODUCT.md §1 «Recovery»), in the caller's transaction: the new
 * credentials (`set`) are written, contacts and second factors are frozen for 24 hours, the
 * wrong-password lock is lifted and every session of the account ends. Returns how many ended.
 * «Забыли пароль?» (recovery-routes.ts) and the contacts-lost request (recovery-request.ts) both
 * come through here.
 */
export async function applyReset(
  tx: Tx,
  userId: string,
  set: Partial<typeof users.$inferInsert>,
  reason: string,
  now = new Date(),
): Promise<{ endedSessions: number; frozenUntil: Date }> {
  const frozenUntil = new Date(now.getTime() + RESET_FREEZE_MS);
  await tx
    .update(users)
    .set({ ...set, updatedAt: now, frozenUntil })
    .where(eq(users.id, userId));
  await unlock(tx, userKey(userId));
  const endedSessions = await revokeUserSessions(tx, userId, reason, undefined, now);
  return { endedSessions, frozenUntil };
}
