import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import type { Principal } from '../../platform/access';
import type { Session } from '../../platform/sessions';
import { users } from './schema';

export type User = typeof users.$inferSelect;

export async function findUserById(db: Db, id: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** The account row read while resolving this request's session, so a route need not read it again. */
const accountOfSession = new WeakMap<Session, User>();

// Prepared once per database: this read runs on every authenticated request.
const byUserId = new WeakMap<Db, ReturnType<typeof prepareByUserId>>();
const prepareByUserId = (db: Db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .limit(1)
    .prepare('kabinet_user_by_id');

/** Turns a live session into the caller routes see (its roles and account level). */
export async function loadPrincipal(db: Db, session: Session): Promise<Principal | null> {
  let prepared = byUserId.get(db);
  if (!prepared) byUserId.set(db, (prepared = prepareByUserId(db)));
  const [row] = await prepared.execute({ id: session.userId });
  if (!row) return null;
  accountOfSession.set(session, row);
  return { userId: row.id, roles: row.roles, level: row.level, session };
}

/** The caller's account as read for this request (the same transaction-free snapshot). */
export async function callerAccount(db: Db, principal: Principal): Promise<User | null> {
  return accountOfSession.get(principal.session) ?? findUserById(db, principal.userId);
}

export function shortName(
  user: Pick<User, 'lastName' | 'firstName' | 'middleName' | 'phone' | 'email'>,
): string {
  if (user.firstName && user.lastName) {
    return `${user.firstName} ${user.lastName.charAt(0)}.`;
  }
  return user.firstName ?? user.email ?? user.phone ?? 'Пользователь';
}

export function fullName(user: Pick<User, 'lastName' | 'firstName' | 'middleName'>): string | null {
  const parts = [user.lastName, user.firstName, user.middleName].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}
