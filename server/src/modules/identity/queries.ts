import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import type { Principal } from '../../platform/access';
import type { Session } from '../../platform/sessions';
import { users } from './schema';

export type User = typeof users.$inferSelect;

export async function findUserById(db: Db, id: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** Turns a live session into the caller routes see (its roles and account level). */
export async function loadPrincipal(db: Db, session: Session): Promise<Principal | null> {
  const [row] = await db
    .select({ id: users.id, roles: users.roles, level: users.level })
    .from(users)
    .where(eq(users.id, session.userId))
    .limit(1);
  return row ? { userId: row.id, roles: row.roles, level: row.level, session } : null;
}

export function shortName(user: Pick<User, 'lastName' | 'firstName' | 'middleName' | 'phone' | 'email'>): string {
  if (user.firstName && user.lastName) {
    return `${user.firstName} ${user.lastName.charAt(0)}.`;
  }
  return user.firstName ?? user.email ?? user.phone ?? 'Пользователь';
}

export function fullName(user: Pick<User, 'lastName' | 'firstName' | 'middleName'>): string | null {
  const parts = [user.lastName, user.firstName, user.middleName].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}
