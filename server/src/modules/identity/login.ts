import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { createSession } from '../../platform/sessions';
import { dummyHash, verifyPassword } from './passwords';
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
import { factorCounts, isReplayedTotp, useBackupCode, verifyTotp, type FactorCounts } from './factors';
import { attemptCte, attemptRow, isKnownDevice, recordAttempt } from './history';
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
import { insertFlow, newFlowToken, updateFlow, type AuthFlow } from './flows';
import { FLOW_TTL_MS } from './policy';
import { startLoginChallenge, type PushChallenge } from './push';
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
  const options = (await currentSecondFactors(tx, user)).filter(
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
export function secondFactors(user: User, counts: FactorCounts): FactorOption[] {
  const options: FactorOption[] = [];
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

/** The second factors of an account, read now. */
export const currentSecondFactors = async (tx: Tx, user: User) =>
  secondFactors(user, await factorCounts(tx, user.id));

/** Messages go only to contacts the owner has confirmed. */
export const confirmedContacts = (user: User) => ({
  phone: user.phoneConfirmedAt ? user.phone : null,
  email: user.emailConfirmedAt ? user.email : null,
});

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

export interface SentCode {
  factor: CodeChannel;
  destination: string;
  expiresAt: string;
}

export type PasswordStep =
  | {
      ok: true;
      user: User;
      factors: FactorOption[];
      /** The new login flow's token, for the browser's cookie (`setFlowCookie`). */
      flowToken: string;
      /** The code sent at once when the preferred factor is one; null when nothing had to be sent. */
      sent: SentCode | null;
      /** The request for the registered browsers when they come first; the caller delivers it after commit. */
      push: PushChallenge | null;
    }
  | { ok: false; problem: HttpProblem };

/**
 * The password step: opens a login flow that waits for the second factor. Argon2id runs outside
 * any transaction (PGlite serialises transactions, and a 50 ms hash inside one would serialise
 * every login); the throttle is then re-checked under a row lock, so an attempt that raced a lock
 * is still refused, even with the right password.
 */
export async function passwordStep(
  ctx: AppContext,
  effects: IdentityEffects,
  login: string,
  password: string,
  client: Client,
): Promise<PasswordStep> {
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
    factors: counts,
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
    : // A throwaway hash keeps the timing of «no such login» equal to a wrong password.
      (await verifyPassword(await dummyHash(pepper), password, pepper), false);

  // The usual case — right password, no failures to clear, a second factor that needs nothing
  // sent (an app, a key) — is one statement.
  if (matches && user && !early?.failures) {
    const factors = secondFactors(user, counts);
    if (factors.length && !sentAtOnce(factors[0]!.type)) {
      const flowToken = await openLoginFlowAtOnce(ctx, user.id, key, client);
      if (flowToken) return { ok: true, user, factors, flowToken, sent: null, push: null };
      // A failure or a lock came in while hashing: the transaction below sorts it out.
    }
  }

  return ctx.db.transaction(async (tx): Promise<PasswordStep> => {
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
    const factors = secondFactors(user, counts);
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
    const { token: flowToken, id } = newFlowToken();
    const attempt = attemptCte(tx, {
      userId: user.id,
      ...client,
      method: 'password',
      result: 'second_factor_required',
    });
    const flow = await insertFlow(
      tx,
      id,
      { kind: 'login', method: 'password', userId: user.id, proven: ['password'], ...client },
      undefined,
      attempt,
    );
    // The preferred factor goes out at once: a code we send, or a request to the registered
    // browsers; an app or a key needs nothing sent.
    const factor = factors[0]!.type;
    let sent: SentCode | null = null;
    let push: PushChallenge | null = null;
    try {
      if (factor === 'push') push = await startLoginChallenge(tx, flow, client);
      else if (isSentCode(factor)) {
        const result = await sendFactorCode(ctx, effects, tx, flow, factor, true, { user, factors });
        sent = { factor, destination: result.destination, expiresAt: result.expiresAt.toISOString() };
      }
    } catch (err) {
      // Too many codes or requests lately: the password step still succeeds; «resend» will say when.
      if (!(err instanceof HttpProblem && err.status === 429)) throw err;
    }
    return { ok: true, user, factors, flowToken, sent, push };
  });
}

const isSentCode = (factor: FactorOption['type']): factor is CodeChannel =>
  factor === 'sms' || factor === 'email';
/** A factor the password step itself sends something for: a code, or a request to the registered browsers. */
const sentAtOnce = (factor: FactorOption['type']) => isSentCode(factor) || factor === 'push';

/*
 * The usual successful password step as one statement, in one round trip: re-checks the
 * account's wrong-password counters under a row lock (so a lock that came in while argon2 ran
 * still refuses), then writes the login-history record and the login flow. Nothing is written
 * when the counters show a lock or failures to clear; the caller then takes the transaction path.
 * Written by hand: it is the hottest write of the portal (bench/), and the integration tests of
 * every login run through it on both drivers.
 */
const OPEN_LOGIN_FLOW = `
WITH throttle AS (
  SELECT failures, locked_until FROM password_throttle WHERE key = $1 FOR UPDATE
), verdict AS (
  SELECT NOT EXISTS (SELECT 1 FROM throttle WHERE failures > 0 OR locked_until > now()) AS clear
), attempt AS (
  INSERT INTO login_history (user_id, at, ip, os, browser, device_type, method, result, new_device,
                             country, city, latitude, longitude)
  SELECT $2::uuid, now(), $3, $4, $5, $6, 'password', 'second_factor_required', false, $7, $8, $9, $10
  FROM verdict WHERE clear
), flow AS (
  INSERT INTO auth_flows (id, kind, user_id, proven, method, data, ip, user_agent, created_at, expires_at)
  SELECT $11, 'login', $2::uuid, ARRAY['password'], 'password', '{}'::jsonb, $3, $12, now(),
         now() + $13::int * interval '1 millisecond'
  FROM verdict WHERE clear
)
SELECT clear FROM verdict`;

/** The flow's token, or null when nothing was written (see OPEN_LOGIN_FLOW). */
export async function openLoginFlowAtOnce(
  ctx: AppContext,
  userId: string,
  key: string,
  client: Client,
): Promise<string | null> {
  const { token, id } = newFlowToken();
  const row = attemptRow({ userId, ...client, method: 'password', result: 'second_factor_required' });
  const { rows } = await ctx.database.query<{ clear: boolean }>(
    OPEN_LOGIN_FLOW,
    [
      key,
      userId,
      client.ip ?? null,
      row.os,
      row.browser,
      row.deviceType,
      row.country,
      row.city,
      row.latitude,
      row.longitude,
      id,
      client.userAgent ?? null,
      FLOW_TTL_MS,
    ],
    'kabinet_open_login_flow',
  );
  return rows[0]?.clear ? token : null;
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
    ? (known?.factors ?? (await currentSecondFactors(tx, user))).find((f) => f.type === factor)
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
  const problem = await checkFactor(ctx, tx, user, factor, code, 'login', effects, client);
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
  /** Tells the owner and the audit log about a replayed authenticator code. */
  effects?: IdentityEffects,
  client: Client = {},
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
  if (factor === 'totp' && effects && (await isReplayedTotp(tx, user.id, code.trim(), pepper))) {
    await effects.audit(tx, {
      action: 'identity.totp.replayed',
      subjectUserId: user.id,
      ...client,
      details: { purpose },
    });
    await effects.notifyOwner(tx, confirmedContacts(user), {
      kind: 'security.totp_replayed',
      subject: 'Повторно введён код из приложения',
      text: `Кто-то ввёл код из вашего приложения-аутентификатора, который уже был использован (IP ${client.ip ?? 'неизвестен'}). Код отклонён. Если это были не вы — кто-то мог увидеть код и знает ваш пароль: смените пароль.`,
    });
  }
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
