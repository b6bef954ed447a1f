import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db';
import { loginHistory } from './schema';
import { locate } from '../../platform/geoip';
import { describeDevice, networkOf } from './device';
import { LOGIN_HISTORY_DAYS } from './policy';

export type LoginRecord = typeof loginHistory.$inferSelect;

export const loginMethods: Record<string, string> = {
  password: 'Пароль',
  sms: 'Код из SMS',
  email: 'Код из письма',
  totp: 'Приложение-аутентификатор',
  backup: 'Резервный код',
  passkey: 'Ключ доступа',
  passkey_uv: 'Биометрия или PIN-код на устройстве',
  push: 'Подтверждение на устройстве',
  bank: 'Через банк',
  bank_mfa: 'Двухфакторный вход в банке',
  signature: 'Электронная подпись',
  esign: 'Электронная подпись',
  registration: 'Регистрация',
  recovery: 'Восстановление доступа',
  recovery_request: 'Запрос на восстановление доступа',
  activation: 'Активация учётной записи',
};

export const loginResults: Record<string, string> = {
  succeeded: 'Успешно',
  failed: 'Неверные данные',
  locked: 'Учётная запись заблокирована',
  second_factor_required: 'Пароль верный, запрошен второй фактор',
  second_factor_failed: 'Неверный второй фактор',
  factor_required: 'Ключ доступа принят, запрошен ещё один фактор',
  blocked_source: 'Адрес временно заблокирован',
  impossible_travel: 'Отклонён: невозможное перемещение',
  password_reset: 'Пароль восстановлен',
  recovered: 'Доступ восстановлен: новый телефон и пароль',
};

export interface AttemptInput {
  userId: string | null;
  ip?: string;
  userAgent?: string;
  method: string;
  result: keyof typeof loginResults | string;
  reason?: string;
  newDevice?: boolean;
}

/** The login-history columns of an attempt: the device from the User-Agent, the place from the address. */
export function attemptRow(input: AttemptInput, now = new Date()) {
  const device = describeDevice(input.userAgent);
  const place = locate(input.ip);
  return {
    country: place?.country ?? null,
    city: place?.city ?? null,
    latitude: place?.latitude ?? null,
    longitude: place?.longitude ?? null,
    userId: input.userId,
    at: now,
    ip: input.ip,
    os: device.os,
    browser: device.browser,
    deviceType: device.deviceType,
    method: input.method,
    result: input.result,
    reason: input.reason,
    newDevice: input.newDevice ?? false,
  };
}

export async function recordAttempt(tx: Tx, input: AttemptInput, now = new Date()) {
  await tx.insert(loginHistory).values(attemptRow(input, now));
}

/**
 * The same record as a data-modifying CTE, written by the caller's next statement (`startFlow`
 * takes it): on the hot login path every round trip to the database counts.
 */
export const attemptCte = (tx: Tx, input: AttemptInput, now = new Date()) =>
  tx
    .$with('attempt')
    .as(tx.insert(loginHistory).values(attemptRow(input, now)).returning({ id: loginHistory.id }));
export type AttemptCte = ReturnType<typeof attemptCte>;

/**
 * Whether this browser and network have signed in to the account before: a login from a new
 * device or a new network always asks the second factor and tells the owner.
 */
export async function isKnownDevice(
  tx: Tx,
  userId: string,
  ip: string | undefined,
  userAgent: string | undefined,
): Promise<boolean> {
  const device = describeDevice(userAgent);
  const network = networkOf(ip);
  const rows = await tx
    .select({ ip: loginHistory.ip })
    .from(loginHistory)
    .where(
      and(
        eq(loginHistory.userId, userId),
        eq(loginHistory.result, 'succeeded'),
        eq(loginHistory.os, device.os),
        eq(loginHistory.browser, device.browser),
      ),
    )
    .orderBy(desc(loginHistory.at))
    .limit(50);
  return rows.some((r) => networkOf(r.ip ?? undefined) === network);
}

export interface HistoryFilter {
  from?: Date;
  to?: Date;
  /** An address or a CIDR range: 203.0.113.7, 203.0.113.0/24, 2001:db8::/32 */
  ip?: string;
  limit: number;
  offset: number;
}

/** The caller's own attempts; the user id comes from the session, never from the request. */
export async function listAttempts(db: Db, userId: string, filter: HistoryFilter) {
  const where = and(
    eq(loginHistory.userId, userId),
    filter.from ? gte(loginHistory.at, filter.from) : undefined,
    filter.to ? lte(loginHistory.at, filter.to) : undefined,
    filter.ip ? sql`${loginHistory.ip}::inet <<= ${filter.ip}::inet` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(loginHistory)
      .where(where)
      .orderBy(desc(loginHistory.at))
      .limit(filter.limit)
      .offset(filter.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(loginHistory)
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Retention: attempts older than 90 days are deleted. */
export async function purgeAttempts(db: Db, now = new Date()) {
  const cutoff = new Date(now.getTime() - LOGIN_HISTORY_DAYS * 24 * 3600_000);
  const gone = await db
    .delete(loginHistory)
    .where(lt(loginHistory.at, cutoff))
    .returning({ id: loginHistory.id });
  return gone.length;
}
