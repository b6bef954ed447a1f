import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { createSession } from '../../platform/sessions';
import { hashPassword, verifyPassword } from './passwords';
import { lookupLogin, maskDestination, parseLogin, userKey } from './login-id';
import { lockedUntil, readThrottle, recordPasswordFailure, recordPasswordSuccess } from './throttle';
import {
  checkCode,
  closedProblem,
  closedUntil,
  sendCode,
  recordCodeFailure,
  type CodeChannel,
} from './codes';
import { factorCounts, useBackupCode, verifyTotp } from './factors';
import { attemptCte, isKnownDevice, recordAttempt, type AttemptCte } from './history';
import {
  blockSource,
  blockedSourceProblem,
  impossibleTravel,
  noteSourceFailure,
  travelProblem,
  TRAVEL_BLOCK_MS,
} from './suspicious';
import { describeLocation } from '../../platform/geoip';
import { users } from './schema';
import type { IdentityEffects } from './effects';
import { updateFlow, type AuthFlow } from './flows';
import { formatTimeMoscow } from './words';

export type User = typeof users.$inferSelect;
export type SecondFactor = 'sms' | 'email' | 'totp' | 'backup';
/** A passkey is one possession factor; its user verification (biometrics, PIN), when reported, a second. */
export type FactorType =
  | SecondFactor
  | 'password'
  | 'passkey'
  | 'passkey_uv'
  | 'esign'
  // The bank's sign-in (bank.ts) — one factor; `bank_mfa` when the bank itself asked two.
  | 'bank'
  | 'bank_mfa'
  // A registered browser confirmed the login with its device key (push.ts): one possession factor.
  | 'push';
/**
 * A session needs two different factors, and not just two codes sent to the person's contacts:
 * password + SMS, SMS + authenticator app, password + backup code… A login that starts with an SMS
 * code asks next for something other than SMS (PRODUCT.md §1).
 */
const CONTACT_CODES = new Set(['sms', 'email']);
export const isComplete = (proven: readonly string[]) =>
  new Set(proven).size >= 2 && proven.some((p) => !CONTACT_CODES.has(p));

/** What a login that has proven `proven` may ask for next. */
export async function nextFactors(tx: Tx, user: User, proven: readonly string[]): Promise<FactorOption[]> {
  const options = (await secondFactors(tx, user)).filter(
    (f) =>
      !proven.includes(f.type) && !(CONTACT_CODES.has(f.type) && proven.some((p) => CONTACT_CODES.has(p))),
  );
  return proven.includes('password') || !user.passwordHash
    ? options
    : [{ type: 'password', destination: 'Пароль' }, ...options];
}

export interface Client {
  ip?: string;
  userAgent?: string;
}

export interface FactorOption {
  /**
   * What a login may ask next. An e-signature or the bank begins a login (esign-routes.ts,
   * bank-routes.ts) and a passkey's user verification comes with the passkey: never asked alone.
   */
  type: Exclude<FactorType, 'esign' | 'bank' | 'bank_mfa' | 'passkey_uv'>;
  destination: string;
}

/**
 * The second factors this account can use now, strongest first: a passkey, an authenticator app, a
 * registered browser (push), then the SMS code every account with a confirmed phone has, then backup codes.
 */
export async function secondFactors(tx: Tx, user: User): Promise<FactorOption[]> {
  const options: FactorOption[] = [];
  const counts = await factorCounts(tx, user.id);
  if (counts.passkey > 0) options.push({ type: 'passkey', destination: 'Ключ доступа' });
  if (counts.totp > 0) options.push({ type: 'totp', destination: 'Приложение-аутентификатор' });
  if (counts.push > 0)
    options.push({
      type: 'push',
      destination: `Подтверждение на устройстве: ${counts.pushLabel}${counts.push > 1 ? ` и ещё ${counts.push - 1}` : ''}`,
    });
  if (user.phone && user.phoneConfirmedAt)
    options.push({ type: 'sms', destination: maskDestination('sms', user.phone) });
  // An account without a confirmed phone proves possession of its confirmed e-mail instead.
  if (!user.phoneConfirmedAt && user.email && user.emailConfirmedAt)
    options.push({ type: 'email', destination: maskDestination('email', user.email) });
  if (options.length && counts.backup > 0)
    options.push({ type: 'backup', destination: `Резервный код (осталось ${counts.backup})` });
  return options;
}

/** Messages go only to contacts the owner has confirmed. */
export const confirmedContacts = (user: User) => ({
  phone: user.phoneConfirmedAt ? user.phone : null,
  email: user.emailConfirmedAt ? user.email : null,
});

let dummyHash: Promise<string> | null = null;
/** Verifying against a throwaway hash keeps the timing of «no such login» equal to a wrong password. */
const dummy = (pepper: string) => (dummyHash ??= hashPassword('kabinet-timing-equaliser', pepper));

export const lockedProblem = (until: Date) =>
  new HttpProblem(
    423,
    `Вход временно заблокирован из-за неверных паролей. Попробуйте после ${formatTimeMoscow(until)} или восстановите доступ — это разблокирует учётную запись сразу.`,
    undefined,
    'about:blank',
    { 'retry-after': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) },
  );

export const wrongCredentials = (left: number) =>
  new HttpProblem(
    401,
    left > 0
      ? `Неверный логин или пароль. Осталось попыток до временной блокировки: ${left}.`
      : 'Неверный логин или пароль.',
    [{ field: 'password', message: 'Проверьте логин и пароль' }],
  );

export type PasswordStep<T> =
  { ok: true; user: User; factors: FactorOption[]; then: T } | { ok: false; problem: HttpProblem };

/**
 * The password step. Argon2id runs outside any transaction (PGlite serialises transactions, and a
 * 50 ms hash inside one would serialise every login); the throttle is then re-checked under a row
 * lock, so an attempt that raced a lock is still refused, even with the right password. On success
 * `then` runs in the same transaction (the route opens the login flow and sends the code there).
 */
export async function passwordStep<T>(
  ctx: AppContext,
  effects: IdentityEffects,
  login: string,
  password: string,
  client: Client,
  /** Opens the login flow; it must write `attempt` (the history record of this step) with it. */
  then: (tx: Tx, user: User, factors: FactorOption[], attempt: AttemptCte) => Promise<T>,
): Promise<PasswordStep<T>> {
  const pepper = ctx.config.secrets.pepper;
  const ids = parseLogin(login);
  if (!ids.length) {
    return {
      ok: false,
      problem: new HttpProblem(400, 'Введите телефон, электронную почту или СНИЛС.', [
        { field: 'login', message: 'Телефон (+7 …), почта или СНИЛС из 11 цифр' },
      ]),
    };
  }
  const {
    user,
    key,
    throttle: early,
    sourceBlockedUntil: sourceBlock,
  } = await lookupLogin(ctx.db, ids, client.ip, pepper);
  if (sourceBlock) {
    await recordAttempt(ctx.db, {
      userId: user?.id ?? null,
      ...client,
      method: 'password',
      result: 'blocked_source',
    });
    return { ok: false, problem: blockedSourceProblem(sourceBlock) };
  }
  // A locked account costs no hashing: refused before argon2 runs.
  const earlyLock = lockedUntil(early);
  if (earlyLock) {
    await recordAttempt(ctx.db, {
      userId: user?.id ?? null,
      ...client,
      method: 'password',
      result: 'locked',
    });
    return { ok: false, problem: lockedProblem(earlyLock) };
  }
  const matches = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password, pepper)
    : (await verifyPassword(await dummy(pepper), password, pepper), false);

  return ctx.db.transaction(async (tx): Promise<PasswordStep<T>> => {
    const throttle = await readThrottle(tx, key, true);
    const lock = lockedUntil(throttle);
    if (lock) {
      await recordAttempt(tx, { userId: user?.id ?? null, ...client, method: 'password', result: 'locked' });
      return { ok: false, problem: lockedProblem(lock) };
    }
    if (!matches || !user) {
      const state = await recordPasswordFailure(tx, key);
      await recordAttempt(tx, { userId: user?.id ?? null, ...client, method: 'password', result: 'failed' });
      const blocked = await noteSourceFailure(tx, client.ip);
      if (blocked) {
        await effects.audit(tx, {
          action: 'identity.source.blocked',
          ...client,
          details: { failures: blocked.failures, until: blocked.until.toISOString() },
        });
      }
      if (user)
        await effects.audit(tx, {
          action: 'identity.login.password_failed',
          subjectUserId: user.id,
          ...client,
        });
      if (state.justLocked && state.lockedUntil) {
        if (user) {
          await effects.audit(tx, {
            action: 'identity.account.locked',
            subjectUserId: user.id,
            ...client,
            details: { until: state.lockedUntil.toISOString() },
          });
          await effects.notifyOwner(tx, confirmedContacts(user), {
            kind: 'security.locked',
            subject: 'Вход в Кабинет заблокирован',
            text: `Трижды введён неверный пароль, вход заблокирован до ${formatTimeMoscow(state.lockedUntil)}. Если это были не вы — восстановите доступ и смените пароль.`,
          });
        }
        return { ok: false, problem: lockedProblem(state.lockedUntil) };
      }
      return { ok: false, problem: wrongCredentials(state.failuresLeft) };
    }
    if (throttle && throttle.failures > 0) await recordPasswordSuccess(tx, key);
    const factors = await secondFactors(tx, user);
    if (!factors.length) {
      // No confirmed contact: the account cannot prove a second factor, so it cannot sign in by password.
      await recordAttempt(tx, {
        userId: user.id,
        ...client,
        method: 'password',
        result: 'failed',
        reason: 'no_second_factor',
      });
      return {
        ok: false,
        problem: new HttpProblem(
          403,
          'У учётной записи нет подтверждённого телефона или почты для второго фактора. Обратитесь в поддержку или в МФЦ.',
        ),
      };
    }
    const attempt = attemptCte(tx, {
      userId: user.id,
      ...client,
      method: 'password',
      result: 'second_factor_required',
    });
    return { ok: true, user, factors, then: await then(tx, user, factors, attempt) };
  });
}

/**
 * The password as the second step of a login that began with an SMS code: the same argon2id
 * outside the transaction, the same lock and failure counting as the password-first step.
 */
export async function passwordInFlow(
  ctx: AppContext,
  effects: IdentityEffects,
  flow: AuthFlow,
  password: string,
  client: Client,
  then: (tx: Tx, user: User) => Promise<FactorResult>,
): Promise<FactorResult> {
  const pepper = ctx.config.secrets.pepper;
  const user = await loadUser(ctx.db, flow.userId!);
  const key = userKey(user.id);
  const early = lockedUntil(await readThrottle(ctx.db, key, false));
  if (early) return { done: false, problem: lockedProblem(early) };
  const matches = !!user.passwordHash && (await verifyPassword(user.passwordHash, password, pepper));
  return ctx.db.transaction(async (tx) => {
    const throttle = await readThrottle(tx, key, true);
    const lock = lockedUntil(throttle);
    if (lock) return { done: false, problem: lockedProblem(lock) };
    if (!matches) {
      const state = await recordPasswordFailure(tx, key);
      await recordAttempt(tx, { userId: user.id, ...client, method: 'password', result: 'failed' });
      if (state.justLocked && state.lockedUntil) {
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.locked',
          subject: 'Вход в Кабинет заблокирован',
          text: `Трижды введён неверный пароль, вход заблокирован до ${formatTimeMoscow(state.lockedUntil)}. Если это были не вы — восстановите доступ и смените пароль.`,
        });
        return { done: false, problem: lockedProblem(state.lockedUntil) };
      }
      return { done: false, problem: wrongCredentials(state.failuresLeft) };
    }
    if (throttle && throttle.failures > 0) await recordPasswordSuccess(tx, key);
    return then(tx, user);
  });
}

/** Sends a code for the chosen second factor of a login in progress. */
export async function sendFactorCode(
  ctx: AppContext,
  effects: IdentityEffects,
  tx: Tx,
  flow: AuthFlow,
  factor: CodeChannel,
  reuseRecent = false,
  known?: { user: User; factors: FactorOption[] },
) {
  const user = known?.user ?? (flow.userId ? await loadUser(tx, flow.userId) : null);
  const option = user
    ? (known?.factors ?? (await secondFactors(tx, user))).find((f) => f.type === factor)
    : undefined;
  if (!user || !option)
    throw new HttpProblem(400, 'Этот способ подтверждения недоступен для вашей учётной записи.', [
      { field: 'factor', message: 'Выберите другой способ' },
    ]);
  if (flow.proven.includes(factor))
    throw new HttpProblem(409, 'Этот способ уже подтверждён. Выберите другой.');
  const to = factor === 'sms' ? user.phone! : user.email!;
  const issued = await sendCode(tx, (d) => effects.deliverCode(tx, d), {
    subject: userKey(user.id),
    purpose: 'login',
    channel: factor,
    to,
    pepper: ctx.config.secrets.pepper,
    reuseRecent,
  });
  return { destination: option.destination, expiresAt: issued.expiresAt };
}

export type FactorResult =
  | { done: false; problem?: HttpProblem; next?: FactorOption[] }
  | { done: true; token: string; userId: string };

/**
 * Checks a second factor. When the flow holds one knowledge and one possession factor, a new
 * session is opened (a fresh random id: no session fixation) and the flow ends.
 */
export async function proveFactor(
  ctx: AppContext,
  effects: IdentityEffects,
  tx: Tx,
  flow: AuthFlow,
  factor: SecondFactor,
  code: string,
  client: Client,
): Promise<FactorResult> {
  // A login started for a number with no account answers exactly like a wrong code.
  if (!flow.userId)
    return {
      done: false,
      problem: new HttpProblem(400, 'Неверный код. Проверьте его или запросите новый.', [
        { field: 'code', message: 'Неверный код' },
      ]),
    };
  const user = await loadUser(tx, flow.userId);
  const problem = await checkFactor(ctx, tx, user, factor, code);
  if (problem) {
    await recordAttempt(tx, {
      userId: flow.userId,
      ...client,
      method: factor,
      result: 'second_factor_failed',
    });
    return { done: false, problem };
  }
  return completeLogin(ctx, effects, tx, flow, user, factor, client);
}

/**
 * Adds a proven factor to the login. With two suitable factors a new session is opened (a fresh
 * random id: no session fixation); otherwise the flow remembers the factor and says what is next.
 */
export async function completeLogin(
  ctx: AppContext,
  effects: IdentityEffects,
  tx: Tx,
  flow: AuthFlow,
  user: User,
  factor: FactorType,
  client: Client,
): Promise<FactorResult> {
  const proven = [...new Set([...flow.proven, factor])];
  if (!isComplete(proven)) {
    await updateFlow(tx, flow.id, { proven });
    return { done: false, next: await nextFactors(tx, user, proven) };
  }
  const method = proven.join('+');
  const travel = await impossibleTravel(tx, user.id, client.ip);
  if (travel && client.ip) {
    const until = await blockSource(tx, client.ip, 'impossible_travel', TRAVEL_BLOCK_MS);
    // The flow ends here: the same browser cannot try another factor from this address.
    await updateFlow(tx, flow.id, { completedAt: new Date() });
    await recordAttempt(tx, { userId: user.id, ...client, method, result: 'impossible_travel' });
    await effects.audit(tx, {
      action: 'identity.login.impossible_travel',
      subjectUserId: user.id,
      ...client,
      details: {
        from: describeLocation(travel.from),
        fromAt: travel.from.at.toISOString(),
        to: describeLocation(travel.to),
        km: Math.round(travel.km),
        hours: Math.round(travel.hours * 100) / 100,
        blockedUntil: until.toISOString(),
      },
    });
    await effects.notifyOwner(tx, confirmedContacts(user), {
      kind: 'security.impossible_travel',
      subject: 'Подозрительный вход отклонён',
      text: `Кто-то ввёл верные данные для входа из места «${describeLocation(travel.to)}», хотя ваш прошлый вход был из «${describeLocation(travel.from) ?? 'другого места'}». Вход отклонён, адрес ${client.ip} заблокирован. Если это были не вы — смените пароль.`,
    });
    return { done: false, problem: travelProblem(until) };
  }
  const known = await isKnownDevice(tx, user.id, client.ip, client.userAgent);
  const { token } = await createSession(tx, {
    userId: user.id,
    method,
    assurance: 2,
    ip: client.ip,
    userAgent: client.userAgent,
  });
  await recordAttempt(tx, { userId: user.id, ...client, method, result: 'succeeded', newDevice: !known });
  await effects.audit(tx, {
    action: 'identity.login.succeeded',
    actorUserId: user.id,
    subjectUserId: user.id,
    ...client,
    details: { method, newDevice: !known },
  });
  if (!known) {
    await effects.notifyOwner(tx, confirmedContacts(user), {
      kind: 'security.new_device',
      subject: 'Вход с нового устройства',
      text: `Выполнен вход в Кабинет с нового устройства или из новой сети (IP ${client.ip ?? 'неизвестен'}). Если это были не вы — смените пароль и завершите чужие сеансы в настройках безопасности.`,
    });
  }
  return { done: true, token, userId: user.id };
}

/**
 * Checks one possession factor of a user; null when it is proven. Every wrong code of any kind
 * counts toward the same cap of 10 a day.
 */
export async function checkFactor(
  ctx: AppContext,
  tx: Tx,
  user: User,
  factor: SecondFactor,
  code: string,
  purpose = 'login',
): Promise<HttpProblem | null> {
  const pepper = ctx.config.secrets.pepper;
  const subject = userKey(user.id);
  if (factor === 'sms' || factor === 'email') {
    const check = await checkCode(tx, { subject, purpose, code, pepper });
    if (!check.ok) return check.problem;
    if (check.channel !== factor)
      return new HttpProblem(400, 'Код отправлен другим способом. Запросите код заново.');
    return null;
  }
  const closed = await closedUntil(tx, subject, purpose, new Date());
  if (closed) return closedProblem(closed);
  const ok =
    factor === 'totp'
      ? !!(await verifyTotp(tx, user.id, code.trim(), pepper))
      : await useBackupCode(tx, user.id, code, pepper);
  if (ok) return null;
  const nowClosed = await recordCodeFailure(tx, subject, purpose);
  if (nowClosed) return closedProblem(nowClosed);
  return factor === 'totp'
    ? new HttpProblem(
        400,
        'Неверный код из приложения. Проверьте, что время на телефоне точное, и введите новый код.',
        [{ field: 'code', message: 'Неверный код' }],
      )
    : new HttpProblem(400, 'Резервный код не подходит или уже использован.', [
        { field: 'code', message: 'Неверный резервный код' },
      ]);
}

export async function loadUser(tx: Tx, id: string): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  if (!user) throw new HttpProblem(404, 'Учётная запись не найдена.');
  return user;
}
