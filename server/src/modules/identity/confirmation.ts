import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import type { IdentityEffects } from './effects';
import { confirmedContacts, type Client } from './login';
import { identityConfirmations, identityVerifications, users, type ConfirmationMethod } from './schema';

/** The identity a confirmation is checked against: what the registries confirmed for the standard level. */
export interface ConfirmedPerson {
  userId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** YYYY-MM-DD */
  birthDate: string;
  /** Series and number, 10 digits. */
  passport: string;
  passportIssuedAt: string;
  passportIssuerCode: string;
  /** 11 digits. */
  snils: string;
  inn: string | null;
}

/**
 * The person behind a standard or confirmed account, as the registries confirmed it; null for a
 * simplified account (nothing has been checked yet). Scoped to one account.
 */
export async function confirmedPerson(tx: Tx, userId: string): Promise<ConfirmedPerson | null> {
  const v = identityVerifications;
  const [row] = await tx
    .select()
    .from(v)
    .where(and(eq(v.userId, userId), eq(v.status, 'confirmed')))
    .orderBy(desc(v.completedAt))
    .limit(1);
  if (!row) return null;
  return {
    userId,
    lastName: row.lastName,
    firstName: row.firstName,
    middleName: row.middleName,
    birthDate: row.birthDate,
    passport: row.passport,
    passportIssuedAt: row.passportIssuedAt,
    passportIssuerCode: row.passportIssuerCode,
    snils: row.snils,
    inn: row.inn,
  };
}

const methodWords: Record<ConfirmationMethod, string> = {
  bank: 'через банк',
  mfc: 'в МФЦ по паспорту',
  post: 'кодом из письма Почты России',
  esign: 'квалифицированной электронной подписью',
};

export const notStandardProblem = () =>
  new HttpProblem(
    409,
    'Подтвердить личность можно только для стандартной учётной записи: сначала укажите паспорт и СНИЛС и дождитесь их проверки.',
  );

/**
 * Records that the person's identity was confirmed by `method` and raises a standard account to
 * подтверждённая, in the caller's transaction: the account row is locked, the owner is told on
 * every confirmed contact and the audit log gets the entry. A simplified account is refused
 * (PRODUCT.md §1: the confirmed level builds on the registry-checked data). Confirming an already
 * confirmed account is recorded too (another method, or a repeated check) but changes no level.
 * Returns whether the level was raised: the route renews the caller's session when it was.
 */
export async function confirmIdentity(
  tx: Tx,
  effects: IdentityEffects,
  input: {
    userId: string;
    method: ConfirmationMethod;
    /** The operator who checked the passport, for МФЦ. */
    actorUserId?: string;
    actorRole?: string;
    details?: Record<string, unknown>;
    client?: Client;
  },
): Promise<{ raised: boolean; confirmationId: string }> {
  const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for('update');
  if (!user) throw new HttpProblem(404, 'Учётная запись не найдена.');
  if (user.level === 'simplified') throw notStandardProblem();
  const raised = user.level === 'standard';
  const now = new Date();
  const [row] = await tx
    .insert(identityConfirmations)
    .values({
      userId: user.id,
      method: input.method,
      actorUserId: input.actorUserId ?? null,
      details: input.details ?? {},
      createdAt: now,
    })
    .returning({ id: identityConfirmations.id });
  if (raised) {
    await tx.update(users).set({ level: 'confirmed', updatedAt: now }).where(eq(users.id, user.id));
    await effects.notifyOwner(tx, confirmedContacts(user), {
      kind: 'identity.confirmed',
      subject: 'Личность подтверждена',
      text: `Ваша личность подтверждена ${methodWords[input.method]}. Теперь учётная запись — подтверждённая: доступны все услуги, электронная подпись и доверенности. Если это были не вы — обратитесь в поддержку.`,
    });
  }
  await effects.audit(tx, {
    action: 'identity.confirmed',
    actorUserId: input.actorUserId ?? user.id,
    actorRole: input.actorRole ?? (input.actorUserId ? undefined : 'citizen'),
    subjectUserId: user.id,
    objectType: 'identity_confirmation',
    objectId: row!.id,
    ip: input.client?.ip,
    userAgent: input.client?.userAgent,
    details: { method: input.method, from: user.level, to: 'confirmed', ...(input.details ?? {}) },
  });
  return { raised, confirmationId: row!.id };
}

/** How the account was confirmed, newest first (for the profile and the operator console). */
export async function listConfirmations(tx: Tx, userId: string) {
  return tx
    .select({
      id: identityConfirmations.id,
      method: identityConfirmations.method,
      createdAt: identityConfirmations.createdAt,
    })
    .from(identityConfirmations)
    .where(eq(identityConfirmations.userId, userId))
    .orderBy(desc(identityConfirmations.createdAt));
}
