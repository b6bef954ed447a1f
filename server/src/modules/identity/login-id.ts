import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { validatePhone, validateSnils } from '@kabinet/shared';
import type { Tx } from '../../platform/db';
import { users } from './schema';

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
