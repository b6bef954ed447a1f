import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db';
import { passkeyChallenges, passkeys } from './schema';

// The passkeys table and pending registration challenges. Kept apart from the WebAuthn ceremony
// (passkeys.ts) so that login.ts can ask «has this account a passkey?» without a cycle.

export type Passkey = typeof passkeys.$inferSelect;

/** How long a registration challenge lives: the browser prompt times out after 5 minutes too. */
export const PASSKEY_CHALLENGE_MS = 5 * 60_000;
/** At most this many passkeys per account: enough for every device, no unbounded growth. */
export const MAX_PASSKEYS = 20;

export async function hasPasskey(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .limit(1);
  return !!row;
}

export function listPasskeys(db: Tx, userId: string) {
  return db
    .select()
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

/** The credential with this id, locked so that two assertions cannot both move its counter. */
export async function findByCredentialId(tx: Tx, credentialId: string): Promise<Passkey | null> {
  const [row] = await tx
    .select()
    .from(passkeys)
    .where(eq(passkeys.credentialId, credentialId))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** One of the caller's own passkeys; someone else's is «not found», exactly like a missing one. */
export async function ownPasskey(tx: Tx, userId: string, id: string): Promise<Passkey | null> {
  const [row] = await tx
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** Replaces the session's pending registration challenge (one at a time per session). */
export async function saveRegistrationChallenge(
  tx: Tx,
  userId: string,
  sessionId: string,
  challenge: string,
  now = new Date(),
) {
  await tx.delete(passkeyChallenges).where(eq(passkeyChallenges.sessionId, sessionId));
  await tx.insert(passkeyChallenges).values({
    userId,
    sessionId,
    challenge,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_MS),
  });
}

/**
 * Takes the session's registration challenge: deleted whatever happens next, so a response can be
 * tried once. Null when there is none, it expired, or it belongs to another account.
 */
export async function takeRegistrationChallenge(
  tx: Tx,
  userId: string,
  sessionId: string,
  now = new Date(),
): Promise<string | null> {
  const [row] = await tx
    .delete(passkeyChallenges)
    .where(eq(passkeyChallenges.sessionId, sessionId))
    .returning();
  if (!row || row.userId !== userId || row.expiresAt <= now) return null;
  return row.challenge;
}

export async function purgeRegistrationChallenges(db: Db, now = new Date()) {
  const gone = await db
    .delete(passkeyChallenges)
    .where(lt(passkeyChallenges.expiresAt, now))
    .returning({ id: passkeyChallenges.id });
  return gone.length;
}
