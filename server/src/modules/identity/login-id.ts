import { createHmac } from 'node:crypto';
import { and, eq, gt, isNull, max, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { validatePhone, validateSnils } from '@kabinet/shared';
import type { Db, Tx } from '../../platform/db';
import { blockedSources, passwordThrottle, users } from './schema';
import { factorCountColumns, toFactorCounts } from './factors';

export type LoginId = { kind: 'phone' | 'email' | 'snils'; value: string };

const email = z.string().email();

/**
 * Reads what a person typed into «Телефон, почта или СНИЛС». Eleven bare digits starting with 7
 * or 8 may be either a phone or a СНИЛС, so the answer lists every reading, phone first.
 */
export function parseLogin(input: string): LoginId[] {
  const trimmed = input.trim();
  if (trimmed.includes('@')) {
    const lower = trimmed.toLowerCase();
    return email.safeParse(lower).success ? [{ kind: 'email', value: lower }] : [];
  }
  const found: LoginId[] = [];
  const looksLikeSnils = /^\d{3}-\d{3}-\d{3}[ -]?\d{2}$/.test(trimmed);
  const phone = validatePhone(trimmed);
  if (phone.ok && !looksLikeSnils) found.push({ kind: 'phone', value: phone.value });
  const snils = validateSnils(trimmed);
  if (snils.ok && !trimmed.startsWith('+')) found.push({ kind: 'snils', value: snils.value });
  return found;
}

export async function findUserByLogin(tx: Tx, logins: LoginId[]) {
  for (const login of logins) {
    const column = login.kind === 'phone' ? users.phone : login.kind === 'email' ? users.email : users.snils;
    const [row] = await tx.select().from(users).where(eq(column, login.value)).limit(1);
    if (row) return row;
  }
  return null;
}

const placeholder = (name: string) => sql.placeholder(name);

// One statement for the first step of every password login (prepared once per database):
// the account a login names (phone first, then e-mail, then СНИЛС), its wrong-password counters —
// or those of the unknown login, so that it locks alike — any block on the caller's address, and
// the account's second factors (so that the step after hashing needs no further read).
const prepareLookup = (db: Db) => {
  const rank = sql`CASE WHEN ${users.phone} = ${placeholder('phone')} THEN 0 WHEN ${users.email} = ${placeholder('email')} THEN 1 ELSE 2 END`;
  const blocked = db
    .select({ until: max(blockedSources.blockedUntil) })
    .from(blockedSources)
    .where(
      and(
        eq(blockedSources.ip, placeholder('ip')),
        gt(blockedSources.blockedUntil, sql`now()`),
        isNull(blockedSources.liftedAt),
      ),
    );
  return db
    .select({
      user: users,
      throttle: passwordThrottle,
      sourceBlockedUntil: sql<string | null>`(${blocked})`,
      factors: factorCountColumns(users.id),
    })
    .from(sql`(SELECT 1) AS one`)
    .leftJoin(
      users,
      or(
        eq(users.phone, placeholder('phone')),
        eq(users.email, placeholder('email')),
        eq(users.snils, placeholder('snils')),
      ),
    )
    .leftJoin(
      passwordThrottle,
      eq(passwordThrottle.key, sql`coalesce('user:' || ${users.id}::text, ${placeholder('unknownKey')})`),
    )
    .orderBy(rank)
    .limit(1)
    .prepare('kabinet_login_lookup');
};
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

/**
 * What the password step needs before hashing, in one round trip: the account (null when the
 * login names none), the wrong-password counters of its throttle key, until when the caller's
 * address is blocked, and the counts of the account's second factors. `key` is 'user:<id>', or
 * the HMAC of the unknown login.
 */
export async function lookupLogin(db: Db, logins: LoginId[], ip: string | undefined, pepper: string) {
  let prepared = lookups.get(db);
  if (!prepared) lookups.set(db, (prepared = prepareLookup(db)));
  const value = (kind: LoginId['kind']) => logins.find((l) => l.kind === kind)?.value ?? null;
  const unknownKey = unknownLoginKey(logins[0]!, pepper);
  const [row] = await prepared.execute({
    phone: value('phone'),
    email: value('email'),
    snils: value('snils'),
    ip: ip ?? null,
    unknownKey,
  });
  const user = row?.user ?? null;
  return {
    user,
    key: user ? userKey(user.id) : unknownKey,
    throttle: row?.throttle ?? null,
    sourceBlockedUntil: row?.sourceBlockedUntil ? new Date(row.sourceBlockedUntil) : null,
    factors: toFactorCounts(row?.factors),
  };
}

/** The throttle key of a login that matches no account (an HMAC, so the table holds no logins). */
export const unknownLoginKey = (login: LoginId, pepper: string) =>
  `login:${createHmac('sha256', pepper).update(`${login.kind}:${login.value}`).digest('hex')}`;

export const userKey = (userId: string) => `user:${userId}`;

/** «+7 900 ***-**-01», «i***@mail.ru»: enough to recognise one's own contact, not to learn it. */
export function maskDestination(channel: 'sms' | 'email', value: string): string {
  if (channel === 'sms') return `+7 ${value.slice(2, 5)} ***-**-${value.slice(-2)}`;
  const [name = '', domain = ''] = value.split('@');
  return `${name.charAt(0)}***@${domain}`;
}
