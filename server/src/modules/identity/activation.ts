// Activation of an account an МФЦ operator created (mfc.ts): the citizen opens the single-use link,
// enters the temporary password from the slip (a wrong one counts toward the account's password
// lock), chooses a password of their own and confirms the phone with an SMS code. Only then is the
// account usable and a session opened — password + SMS code, two factors.
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkPassword } from '@kabinet/shared/password';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { createSession } from '../../platform/sessions';
import { checkCode, sendCode } from './codes';
import { completeFlow, currentFlow, startFlow, updateFlow, type AuthFlow } from './flows';
import { recordAttempt } from './history';
import { confirmedContacts, lockedProblem, type Client } from './login';
import { maskDestination, userKey } from './login-id';
import { hashPassword, verifyPassword } from './passwords';
import { activationTokenHash } from './mfc';
import { accountActivations, users } from './schema';
import { lockedUntil, readThrottle, recordPasswordFailure, recordPasswordSuccess } from './throttle';
import type { IdentityEffects } from './effects';

type Activation = typeof accountActivations.$inferSelect;
type User = typeof users.$inferSelect;

interface ActivationFlowData {
  activationId: string;
  step: 'password' | 'code';
  /** argon2id of the chosen password, kept until the phone is confirmed. */
  passwordHash?: string;
}

const CODE_SUBJECT = (userId: string) => `activation:${userId}`;
const CODE_PURPOSE = 'contact';

const linkProblem = (status: number, detail: string) => new HttpProblem(status, detail);
const UNKNOWN = () =>
  linkProblem(
    404,
    'Ссылка для активации не найдена. Проверьте, что она открыта полностью, как в SMS. Если ссылка потерялась — обратитесь в МФЦ с паспортом за новой.',
  );

/** The activation behind a link, or the Russian reason it cannot be used. */
export async function activationByToken(
  tx: Tx,
  token: string,
  lock = false,
): Promise<{ activation: Activation; user: User }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw UNKNOWN();
  const q = tx
    .select()
    .from(accountActivations)
    .where(eq(accountActivations.tokenHash, activationTokenHash(token)))
    .limit(1);
  const [activation] = lock ? await q.for('update') : await q;
  if (!activation) throw UNKNOWN();
  const [user] = await tx.select().from(users).where(eq(users.id, activation.userId)).limit(1);
  if (!user) throw UNKNOWN();
  if (activation.usedAt || user.passwordHash)
    throw linkProblem(
      410,
      'Учётная запись по этой ссылке уже активирована. Войдите со своим паролем; если вы его не помните — восстановите доступ.',
    );
  if (activation.revokedAt)
    throw linkProblem(
      410,
      'Эта ссылка больше не действует: в МФЦ выдали новую. Откройте ссылку из последнего SMS и введите временный пароль с новой памятки.',
    );
  if (activation.expiresAt <= new Date())
    throw linkProblem(
      410,
      'Срок действия ссылки и временного пароля истёк (72 часа). Обратитесь в МФЦ с паспортом — вам выдадут новые.',
    );
  return { activation, user };
}

export async function describeActivation(ctx: AppContext, token: string) {
  const { activation, user } = await activationByToken(ctx.db, token);
  return {
    phone: maskDestination('sms', user.phone!),
    expiresAt: activation.expiresAt.toISOString(),
    /** 'recovery': access restored at the МФЦ (a contacts-lost request); 'registration': a new account. */
    purpose: activation.recoveryRequestId ? ('recovery' as const) : ('registration' as const),
  };
}

const wrongTemp = (left: number) =>
  new HttpProblem(
    401,
    left > 0
      ? `Неверный временный пароль. Осталось попыток до временной блокировки: ${left}.`
      : 'Неверный временный пароль.',
    [{ field: 'tempPassword', message: 'Сверьте с памяткой из МФЦ' }],
  );

/**
 * The link and the temporary password: opens the activation flow. Argon2 runs outside the
 * transaction; the lock is re-checked under the throttle row's lock, as in a password login.
 */
export async function startActivation(
  ctx: AppContext,
  effects: IdentityEffects,
  reply: FastifyReply,
  token: string,
  tempPassword: string,
  client: Client,
) {
  const secure = ctx.config.cookieSecure;
  const { activation, user } = await activationByToken(ctx.db, token);
  const key = userKey(user.id);
  const early = lockedUntil(await readThrottle(ctx.db, key, false));
  if (early) throw lockedProblem(early);
  const matches = await verifyPassword(activation.tempPasswordHash, tempPassword, ctx.config.secrets.pepper);
  const problem = await ctx.db.transaction(async (tx) => {
    const again = await activationByToken(tx, token, true);
    const throttle = await readThrottle(tx, key, true);
    const lock = lockedUntil(throttle);
    if (lock) return lockedProblem(lock);
    if (!matches) {
      const state = await recordPasswordFailure(tx, key);
      await recordAttempt(tx, { userId: user.id, ...client, method: 'activation', result: 'failed' });
      if (state.justLocked && state.lockedUntil) {
        await effects.audit(tx, {
          action: 'identity.account.locked',
          subjectUserId: user.id,
          ...client,
          details: { until: state.lockedUntil.toISOString(), during: 'activation' },
        });
        return lockedProblem(state.lockedUntil);
      }
      return wrongTemp(state.failuresLeft);
    }
    if (throttle && throttle.failures > 0) await recordPasswordSuccess(tx, key);
    await startFlow(tx, reply, secure, {
      kind: 'registration',
      method: 'activation',
      userId: user.id,
      proven: ['temp_password'],
      data: { activationId: again.activation.id, step: 'password' } satisfies ActivationFlowData,
      ...client,
    });
    return null;
  });
  if (problem) throw problem;
  return { phone: maskDestination('sms', user.phone!) };
}

/** This browser's activation in progress (locked), with its still-usable activation and account. */
async function activationFlow(ctx: AppContext, tx: Tx, request: FastifyRequest) {
  let flow: AuthFlow;
  try {
    flow = await currentFlow(tx, request, ctx.config.cookieSecure, 'registration');
  } catch (err) {
    if (!(err instanceof HttpProblem)) throw err;
    flow = null as unknown as AuthFlow;
  }
  if (!flow || flow.method !== 'activation' || !flow.userId)
    throw new HttpProblem(
      409,
      'Время на активацию истекло. Откройте ссылку из SMS ещё раз и введите временный пароль с памятки.',
    );
  const data = flow.data as unknown as ActivationFlowData;
  const [activation] = await tx
    .select()
    .from(accountActivations)
    .where(
      and(
        eq(accountActivations.id, data.activationId),
        isNull(accountActivations.usedAt),
        isNull(accountActivations.revokedAt),
      ),
    )
    .limit(1)
    .for('update');
  const [user] = await tx.select().from(users).where(eq(users.id, flow.userId)).limit(1);
  if (!activation || !user || user.passwordHash || activation.expiresAt <= new Date())
    throw new HttpProblem(
      410,
      'Эта ссылка больше не действует. Если учётная запись уже активирована — войдите; иначе обратитесь в МФЦ за новой ссылкой.',
    );
  return { flow, data, activation, user };
}

async function sendActivationCode(
  ctx: AppContext,
  effects: IdentityEffects,
  tx: Tx,
  user: User,
  reuse: boolean,
) {
  const issued = await sendCode(tx, (d) => effects.deliverCode(tx, d), {
    subject: CODE_SUBJECT(user.id),
    purpose: CODE_PURPOSE,
    channel: 'sms',
    to: user.phone!,
    pepper: ctx.config.secrets.pepper,
    reuseRecent: reuse,
  });
  return { destination: maskDestination('sms', user.phone!), expiresAt: issued.expiresAt.toISOString() };
}

/** The citizen's own password (the policy of PRODUCT.md §1), then an SMS code to the phone. */
export async function choosePassword(
  ctx: AppContext,
  effects: IdentityEffects,
  request: FastifyRequest,
  password: string,
) {
  const pepper = ctx.config.secrets.pepper;
  const { data, activation, user } = await ctx.db.transaction((tx) => activationFlow(ctx, tx, request));
  if (data.step !== 'password' && data.step !== 'code')
    throw new HttpProblem(409, 'Начните активацию заново.');
  const verdict = checkPassword(password, [
    user.phone,
    user.email,
    user.lastName,
    user.firstName,
    user.middleName,
  ]);
  if (!verdict.ok)
    throw new HttpProblem(400, verdict.message!, [{ field: 'password', message: verdict.message! }]);
  if (await verifyPassword(activation.tempPasswordHash, password, pepper))
    throw new HttpProblem(400, 'Новый пароль должен отличаться от временного.', [
      { field: 'password', message: 'Придумайте свой пароль, не временный' },
    ]);
  const passwordHash = await hashPassword(password, pepper);
  return ctx.db.transaction(async (tx) => {
    const again = await activationFlow(ctx, tx, request);
    await updateFlow(tx, again.flow.id, {
      data: { ...again.data, step: 'code', passwordHash } satisfies ActivationFlowData,
    });
    return sendActivationCode(ctx, effects, tx, again.user, true);
  });
}

export async function resendActivationCode(
  ctx: AppContext,
  effects: IdentityEffects,
  request: FastifyRequest,
) {
  return ctx.db.transaction(async (tx) => {
    const { data, user } = await activationFlow(ctx, tx, request);
    if (data.step !== 'code') throw new HttpProblem(409, 'Сначала задайте новый пароль.');
    return sendActivationCode(ctx, effects, tx, user, false);
  });
}

/**
 * The SMS code proves the phone: the account gets its password and confirmed phone, the link is
 * spent, and a session opens (password + SMS code: two factors).
 */
export async function completeActivation(
  ctx: AppContext,
  effects: IdentityEffects,
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  client: Client,
) {
  const result = await ctx.db.transaction(async (tx) => {
    const { flow, data, activation, user } = await activationFlow(ctx, tx, request);
    if (data.step !== 'code' || !data.passwordHash)
      throw new HttpProblem(409, 'Сначала задайте новый пароль.');
    const check = await checkCode(tx, {
      subject: CODE_SUBJECT(user.id),
      purpose: CODE_PURPOSE,
      code,
      pepper: ctx.config.secrets.pepper,
    });
    if (!check.ok) return { problem: check.problem };
    const now = new Date();
    await tx
      .update(users)
      .set({
        passwordHash: data.passwordHash,
        passwordChangedAt: now,
        phoneConfirmedAt: now,
        updatedAt: now,
      })
      .where(and(eq(users.id, user.id), isNull(users.passwordHash)));
    await tx.update(accountActivations).set({ usedAt: now }).where(eq(accountActivations.id, activation.id));
    const { token } = await createSession(tx, {
      userId: user.id,
      method: 'activation',
      assurance: 2,
      ...client,
    });
    await recordAttempt(tx, { userId: user.id, ...client, method: 'activation', result: 'succeeded' });
    await effects.audit(tx, {
      action: 'identity.account.activated',
      actorUserId: user.id,
      subjectUserId: user.id,
      objectType: 'account_activation',
      objectId: activation.id,
      ...client,
    });
    await effects.notifyOwner(
      tx,
      confirmedContacts({ ...user, phoneConfirmedAt: now }),
      activation.recoveryRequestId
        ? {
            kind: 'identity.activated',
            subject: 'Доступ к учётной записи восстановлен',
            text: 'Вы задали новый пароль и подтвердили новый номер телефона. Вход — по паролю и коду из SMS. Если это были не вы — срочно обратитесь в МФЦ с паспортом.',
          }
        : {
            kind: 'identity.activated',
            subject: 'Учётная запись активирована',
            text: 'Вы задали пароль и подтвердили телефон. Вход — по паролю и коду из SMS; подключить приложение-аутентификатор можно в настройках безопасности. Если это были не вы — обратитесь в поддержку.',
          },
    );
    await completeFlow(tx, reply, ctx.config.cookieSecure, flow.id);
    return { token };
  });
  if ('problem' in result) throw result.problem;
  return result;
}
