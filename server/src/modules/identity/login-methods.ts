import { and, eq, isNotNull, lte, or, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { users } from './schema';
import type { IdentityEffects } from './effects';
import type { User } from './login';

/*
 * The login methods an owner may switch off (PRODUCT.md §1: «the user chooses which methods are
 * enabled; several may be on at once»). The password with a second factor always stays: it is
 * the way back in. Passkeys and e-signature certificates are on while any is registered; their
 * owners remove them one by one.
 */
export const switchableMethods = ['sms', 'bank', 'esign'] as const;
export type SwitchableMethod = (typeof switchableMethods)[number];

export const switchableLabels: Record<SwitchableMethod, string> = {
  sms: 'по коду из SMS вместо пароля',
  bank: 'через банк',
  esign: 'по электронной подписи',
};

const property = { sms: 'smsLoginEnabled', bank: 'bankLoginEnabled', esign: 'esignLoginEnabled' } as const;

export const methodEnabled = (user: User, method: SwitchableMethod): boolean => user[property[method]];

/** Said to someone who proved the method (the bank, a certificate) on an account that switched it off. */
export const methodOffProblem = (method: SwitchableMethod) =>
  new HttpProblem(
    403,
    `Вход ${switchableLabels[method]} отключён в настройках этой учётной записи. Войдите по паролю — включить способ можно в разделе «Вход и безопасность».`,
  );

export async function setMethodEnabled(tx: Tx, userId: string, method: SwitchableMethod, enabled: boolean) {
  await tx
    .update(users)
    .set({ [property[method]]: enabled, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

// --- The password-change reminder ----------------------------------------------------------

/** How often an owner may ask to be reminded; never forced (NIST SP 800-63B, PRODUCT.md §1). */
export const reminderMonths = [3, 6, 12] as const;

export async function setPasswordReminder(tx: Tx, userId: string, months: number | null) {
  await tx
    .update(users)
    .set({ passwordReminderMonths: months, passwordReminderSentAt: null, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/** When the next reminder is due: the last change (or the account's creation) plus the period. */
export function reminderDue(user: Pick<User, 'passwordReminderMonths' | 'passwordChangedAt' | 'createdAt'>) {
  if (!user.passwordReminderMonths) return null;
  const due = new Date(user.passwordChangedAt ?? user.createdAt);
  due.setMonth(due.getMonth() + user.passwordReminderMonths);
  return due;
}

const REMINDERS_PER_RUN = 1000;

/**
 * Sends the reminders that are due, once per period: a reminder counts as sent for the period that
 * began with the last password change. E-mail where the owner has a confirmed address, else SMS.
 */
export async function sendPasswordReminders(
  db: Db,
  effects: IdentityEffects,
  now = new Date(),
): Promise<number> {
  const since = sql`coalesce(${users.passwordChangedAt}, ${users.createdAt})`;
  const dueAt = sql`${since} + make_interval(months => ${users.passwordReminderMonths})`;
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(users)
      .where(
        and(
          isNotNull(users.passwordReminderMonths),
          isNotNull(users.passwordHash),
          lte(dueAt, now),
          or(isNull(users.passwordReminderSentAt), sql`${users.passwordReminderSentAt} < ${dueAt}`),
        ),
      )
      .limit(REMINDERS_PER_RUN)
      .for('update', { skipLocked: true });
    for (const user of due) {
      const email = user.emailConfirmedAt ? user.email : null;
      const phone = !email && user.phoneConfirmedAt ? user.phone : null;
      await effects.notifyOwner(
        tx,
        { email, phone },
        {
          kind: 'security.password_reminder',
          subject: 'Напоминание о смене пароля',
          text: `Вы просили напоминать о смене пароля раз в ${user.passwordReminderMonths} мес. Сменить пароль можно в разделе «Вход и безопасность». Отключить напоминание можно там же.`,
        },
      );
      await tx.update(users).set({ passwordReminderSentAt: now }).where(eq(users.id, user.id));
    }
    return due.length;
  });
}
