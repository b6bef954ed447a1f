import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, like, lt, ne, or, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db';
import { sessions } from './schema';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, TOUCH_EVERY_MS } from './policy';

export type Session = typeof sessions.$inferSelect;

export const SESSION_COOKIE_SECURE = '__Host-kabinet';
export const SESSION_COOKIE_PLAIN = 'kabinet';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  userId: string;
  method: string;
  assurance: 1 | 2;
  ip?: string;
  userAgent?: string;
}

/** Opens a session and returns the cookie token (never stored; only its hash is). */
export async function createSession(
  db: Tx,
  input: NewSession,
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString('base64url');
  const [session] = await db
    .insert(sessions)
    .values({
      id: hashToken(token),
      userId: input.userId,
      method: input.method,
      assurance: input.assurance,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512),
      createdAt: now,
      lastSeenAt: now,
      authenticatedAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      context: { kind: 'personal' },
    })
    .returning();
  return { token, session: session! };
}

/**
 * Gives a live session a new random id (and cookie token) and ends the old one, keeping everything
 * else: the user, the proofs (method, assurance, authenticatedAt), the context and the absolute
 * end — renewal never extends a session. PRODUCT.md §1: ids are renewed at every level change.
 */
export async function renewSession(
  db: Tx,
  session: Session,
  reason = 'renewed',
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString('base64url');
  const [renewed] = await db
    .insert(sessions)
    .values({
      id: hashToken(token),
      userId: session.userId,
      method: session.method,
      assurance: session.assurance,
      ip: session.ip,
      userAgent: session.userAgent,
      createdAt: now,
      lastSeenAt: now,
      authenticatedAt: session.authenticatedAt,
      expiresAt: session.expiresAt,
      context: session.context,
    })
    .returning();
  await revokeSession(db, session.id, reason, now);
  return { token, session: renewed! };
}

// Prepared once per database: this lookup runs on every authenticated request.
const bySessionId = new WeakMap<Db, ReturnType<typeof prepareBySessionId>>();
const prepareBySessionId = (db: Db) =>
  db
    .select()
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('kabinet_session_by_id');

/** The live session behind a cookie token, or null when it is unknown, revoked, idle or expired. */
export async function findLiveSession(db: Db, token: string, now = new Date()): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  let prepared = bySessionId.get(db);
  if (!prepared) bySessionId.set(db, (prepared = prepareBySessionId(db)));
  const [row] = await prepared.execute({ id: hashToken(token) });
  if (!row || row.revokedAt) return null;
  if (row.expiresAt.getTime() <= now.getTime()) return null;
  if (row.lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime()) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
    row.lastSeenAt = now;
  }
  return row;
}

export async function revokeSession(db: Tx, sessionId: string, reason: string, now = new Date()) {
  await db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Records a fresh proof of identity in the session (step-up), for the next 15 minutes of critical actions. */
export async function markReauthenticated(db: Tx, sessionId: string, now = new Date()) {
  await db.update(sessions).set({ authenticatedAt: now }).where(eq(sessions.id, sessionId));
}

/** Ends one session of a user named by the public prefix of its id; false when it is not theirs. */
export async function revokeUserSessionByHandle(
  db: Tx,
  userId: string,
  handle: string,
  reason: string,
  now = new Date(),
) {
  if (!/^[0-9a-f]{16}$/.test(handle)) return false;
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), like(sessions.id, `${handle}%`)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** Ends every session of a user, optionally keeping the current one. Returns how many ended. */
export async function revokeUserSessions(
  db: Tx,
  userId: string,
  reason: string,
  keepSessionId?: string,
  now = new Date(),
) {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** Retention: sessions that ended more than 30 days ago are no longer shown anywhere. */
export async function purgeEndedSessions(db: Db, now = new Date()) {
  const cutoff = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const gone = await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, cutoff),
        lt(sessions.revokedAt, cutoff),
        lt(sessions.lastSeenAt, sql`${cutoff}::timestamptz - interval '1 day'`),
      ),
    )
    .returning({ id: sessions.id });
  return gone.length;
}

export function sessionCookieName(secure: boolean) {
  return secure ? SESSION_COOKIE_SECURE : SESSION_COOKIE_PLAIN;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(sessionCookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'lax' });
}

export function readSessionToken(request: FastifyRequest, secure: boolean): string | undefined {
  return request.cookies[sessionCookieName(secure)];
}
