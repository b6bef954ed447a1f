import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import { sessions } from '../../platform/sessions/schema';
import { describeDevice } from './device';
import { loginMethods } from './history';

/** The caller's active sessions (devices), newest activity first; scoped to the user in SQL. */
export async function listActiveSessions(db: Db, userId: string, currentSessionId: string, now = new Date()) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
  return rows
    .filter((s) => now.getTime() - s.lastSeenAt.getTime() < 30 * 60_000)
    .map((s) => {
      const device = describeDevice(s.userAgent ?? undefined);
      return {
        // The public handle of a session is a prefix of its hash: enough to name it, useless as a cookie.
        id: s.id.slice(0, 16),
        current: s.id === currentSessionId,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        ip: s.ip,
        os: device.os,
        browser: device.browser,
        deviceType: device.deviceType,
        method: s.method
          .split('+')
          .map((m) => loginMethods[m] ?? m)
          .join(' + '),
      };
    });
}
