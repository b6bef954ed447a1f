import { z } from 'zod';
import { checkPassword } from '@kabinet/shared/password';
import type { Api, AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { sendCode } from './codes';
import { completeFlow, currentFlow, startFlow, updateFlow, type AuthFlow } from './flows';
import { factorCounts } from './factors';
import { recordAttempt } from './history';
import { authRateLimit, clientOf } from './http';
import { checkFactor, confirmedContacts, loadUser, type User } from './login';
import { findUserByLogin, maskDestination, parseLogin, userKey } from './login-id';
import { hashPassword } from './passwords';
import { applyReset } from './reset';
import { lockedUntil, readThrottle } from './throttle';
import type { IdentityEffects } from './effects';
import { formatTimeMoscow } from './words';
import {
  authenticationOptions,
  authenticationResponseSchema,
  relyingParty,
  verifyAssertion,
} from './passkeys';
import { listPasskeys } from './passkey-store';

type Channel = 'sms' | 'email';
type RecoveryData = { channel?: Channel; need?: string[] };
/** The recovery flow keeps the passkey challenge it asked for, until it is answered. */
const PASSKEY_CHALLENGE = 'passkeyChallenge';

const SENT_MESSAGE = 'Если учётная запись с такими данными есть, мы отправили код на её телефон или почту.';

/**
 * What else must be proven after the first code, so that one stolen phone (or mailbox) never
 * takes an account over: a stronger factor — a passkey, an authenticator app — or a backup code
 * where the account has one, otherwise the code from the other contact where there are two.
 */
async function secondProofs(tx: Tx, user: User, first: Channel): Promise<string[]> {
  const counts = await factorCounts(tx, user.id);
  const strong = [...(counts.passkey > 0 ? ['passkey'] : []), ...(counts.totp > 0 ? ['totp'] : [])];
  if (strong.length) return [...strong, ...(counts.backup > 0 ? ['backup'] : [])];
  const contacts = confirmedContacts(user);
  if (contacts.phone && contacts.email)
    return [first === 'sms' ? 'email' : 'sms', ...(counts.backup > 0 ? ['backup'] : [])];
  return [];
}

const proofComplete = (flow: AuthFlow) => {
  const data = flow.data as RecoveryData;
  return (
    flow.proven.includes('contact') && (!data.need?.length || data.need.some((f) => flow.proven.includes(f)))
  );
};

export function recoveryRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;
  const pepper = ctx.config.secrets.pepper;
  const limit = authRateLimit(ctx.config);
  const statusSchema = z.object({
    status: z.enum(['second_proof', 'ready']),
    factors: z.array(z.object({ type: z.string(), destination: z.string() })),
    lockedUntil: z.string().nullable(),
    message: z.string(),
  });

  app.post(
    '/api/auth/recovery',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Восстановление доступа: код на телефон или почту учётной записи',
        body: z.object({ login: z.string().trim().min(1, 'Введите телефон, почту или СНИЛС').max(254) }),
        response: { 200: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const ids = parseLogin(request.body.login);
      if (!ids.length)
        throw new HttpProblem(400, 'Введите телефон, электронную почту или СНИЛС.', [
          { field: 'login', message: 'Телефон (+7 …), почта или СНИЛС' },
        ]);
      await ctx.db.transaction(async (tx) => {
        const user = await findUserByLogin(tx, ids);
        const contacts = user ? confirmedContacts(user) : { phone: null, email: null };
        // The code goes to the kind of contact the person typed, when the account has it confirmed.
        const channel: Channel | null =
          ids[0]!.kind === 'email' && contacts.email
            ? 'email'
            : contacts.phone
              ? 'sms'
              : contacts.email
                ? 'email'
                : null;
        await startFlow(tx, reply, secure, {
          kind: 'recovery',
          method: 'recovery',
          userId: user?.id ?? null,
          data: { channel: channel ?? undefined },
          ...clientOf(request),
        });
        if (!user || !channel) return; // the same answer, and nothing sent
        const to = channel === 'sms' ? contacts.phone! : contacts.email!;
        await sendCode(tx, (d) => effects.deliverCode(tx, d), {
          subject: userKey(user.id),
          purpose: 'recovery',
          channel,
          to,
          pepper,
          reuseRecent: true,
        });
      });
      return { message: SENT_MESSAGE };
    },
  );

  app.post(
    '/api/auth/recovery/verify',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Подтвердить код восстановления; узнать, нужен ли второй способ',
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^\d{6}$/, 'Введите код из 6 цифр'),
        }),
        response: { 200: statusSchema },
      },
    },
    async (request) => {
      const result = await ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'recovery');
        const data = flow.data as RecoveryData;
        if (!flow.userId || !data.channel) {
          return {
            problem: new HttpProblem(400, 'Неверный код. Проверьте его или запросите новый.', [
              { field: 'code', message: 'Неверный код' },
            ]),
          };
        }
        const user = await loadUser(tx, flow.userId);
        const problem = await checkFactor(ctx, tx, user, data.channel, request.body.code, 'recovery');
        if (problem) return { problem };
        const need = await secondProofs(tx, user, data.channel);
        await updateFlow(tx, flow.id, { proven: ['contact'], data: { ...data, need } });
        const lock = lockedUntil(await readThrottle(tx, userKey(user.id), false));
        const contacts = confirmedContacts(user);
        const factors = need.map((type) => ({
          type,
          destination:
            type === 'sms'
              ? maskDestination('sms', contacts.phone!)
              : type === 'email'
                ? maskDestination('email', contacts.email!)
                : type === 'totp'
                  ? 'Приложение-аутентификатор'
                  : type === 'passkey'
                    ? 'Ключ доступа'
                    : 'Резервный код',
        }));
        return { need, factors, lock };
      });
      if ('problem' in result) throw result.problem;
      const lockNote = result.lock
        ? `Вход заблокирован до ${formatTimeMoscow(result.lock)}; новый пароль снимет блокировку. `
        : '';
      return {
        status: result.need.length ? ('second_proof' as const) : ('ready' as const),
        factors: result.factors,
        lockedUntil: result.lock?.toISOString() ?? null,
        message: result.need.length
          ? `${lockNote}Код подтверждён. Чтобы защитить учётную запись, подтвердите восстановление ещё одним способом.`
          : `${lockNote}Код подтверждён. Задайте новый пароль.`,
      };
    },
  );

  app.post(
    '/api/auth/recovery/send',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Отправить код второго способа восстановления',
        body: z.object({ factor: z.enum(['sms', 'email']) }),
        response: { 200: z.object({ destination: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request) =>
      ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'recovery');
        const data = flow.data as RecoveryData;
        if (!flow.userId || !flow.proven.includes('contact') || !data.need?.includes(request.body.factor)) {
          throw new HttpProblem(409, 'Сначала подтвердите первый код восстановления.');
        }
        const user = await loadUser(tx, flow.userId);
        const contacts = confirmedContacts(user);
        const to = request.body.factor === 'sms' ? contacts.phone! : contacts.email!;
        const issued = await sendCode(tx, (d) => effects.deliverCode(tx, d), {
          subject: userKey(user.id),
          purpose: 'recovery',
          channel: request.body.factor,
          to,
          pepper,
          reuseRecent: true,
        });
        return {
          destination: maskDestination(request.body.factor, to),
          expiresAt: issued.expiresAt.toISOString(),
        };
      }),
  );

  app.post(
    '/api/auth/recovery/second',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Подтвердить второй способ восстановления',
        body: z.object({
          factor: z.enum(['sms', 'email', 'totp', 'backup']),
          code: z
            .string()
            .trim()
            .regex(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, 'Введите код из 6 цифр или резервный код'),
        }),
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async (request) => {
      const problem = await ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'recovery');
        const data = flow.data as RecoveryData;
        if (!flow.userId || !flow.proven.includes('contact') || !data.need?.includes(request.body.factor)) {
          return new HttpProblem(409, 'Этот способ не подходит для восстановления. Начните заново.');
        }
        const user = await loadUser(tx, flow.userId);
        const p = await checkFactor(
          ctx,
          tx,
          user,
          request.body.factor,
          request.body.code,
          'recovery',
          effects,
          clientOf(request),
        );
        if (!p) await updateFlow(tx, flow.id, { proven: [...flow.proven, request.body.factor] });
        return p;
      });
      if (problem) throw problem;
      return { status: 'ready' as const };
    },
  );

  // The passkey as the second proof: the browser's prompt instead of a code.
  app.post(
    '/api/auth/recovery/passkey/options',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Запрос ключа доступа для второго способа восстановления',
        response: { 200: z.object({ options: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const rp = relyingParty(ctx.config, request);
      return ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'recovery');
        const data = flow.data as RecoveryData;
        const keys =
          flow.userId && flow.proven.includes('contact') && data.need?.includes('passkey')
            ? await listPasskeys(tx, flow.userId)
            : [];
        if (!keys.length)
          throw new HttpProblem(409, 'Этот способ не подходит для восстановления. Начните заново.');
        const options = await authenticationOptions(rp, keys);
        await updateFlow(tx, flow.id, { data: { ...data, [PASSKEY_CHALLENGE]: options.challenge } });
        return { options: options as unknown as Record<string, unknown> };
      });
    },
  );

  app.post(
    '/api/auth/recovery/passkey',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Подтвердить восстановление ключом доступа (ответ navigator.credentials.get)',
        body: z.object({ response: authenticationResponseSchema }),
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async (request) => {
      const rp = relyingParty(ctx.config, request);
      const problem = await ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'recovery');
        const { [PASSKEY_CHALLENGE]: challenge, ...rest } = flow.data as RecoveryData &
          Record<string, unknown>;
        if (typeof challenge !== 'string' || !flow.userId || !rest.need?.includes('passkey'))
          return new HttpProblem(409, 'Запрос ключа доступа устарел или уже использован. Повторите.');
        // Single use: whatever the answer, this challenge is gone.
        await updateFlow(tx, flow.id, { data: rest });
        const check = await verifyAssertion(tx, rp, challenge, request.body.response, flow.userId);
        if (!check.ok) {
          await recordAttempt(tx, {
            userId: flow.userId,
            ...clientOf(request),
            method: 'passkey',
            result: 'second_factor_failed',
            reason: 'recovery',
          });
          return check.problem;
        }
        await updateFlow(tx, flow.id, { proven: [...flow.proven, 'passkey'], data: rest });
        return null;
      });
      if (problem) throw problem;
      return { status: 'ready' as const };
    },
  );

  app.post(
    '/api/auth/recovery/complete',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary:
          'Задать новый пароль; все сеансы завершаются, изменения способов входа замораживаются на 24 часа',
        body: z.object({ newPassword: z.string().max(1024) }),
        response: { 200: z.object({ status: z.literal('reset'), message: z.string() }) },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const flow = await ctx.db.transaction((tx) => currentFlow(tx, request, secure, 'recovery'));
      if (!flow.userId || !proofComplete(flow))
        throw new HttpProblem(409, 'Сначала подтвердите восстановление кодами.');
      const user = await loadUser(ctx.db, flow.userId);
      const verdict = checkPassword(request.body.newPassword, [
        user.phone,
        user.email,
        user.snils,
        user.lastName,
        user.firstName,
        user.middleName,
        user.birthDate,
      ]);
      if (!verdict.ok)
        throw new HttpProblem(400, verdict.message!, [{ field: 'newPassword', message: verdict.message! }]);
      const hash = await hashPassword(request.body.newPassword, pepper);
      await ctx.db.transaction(async (tx) => {
        const again = await currentFlow(tx, request, secure, 'recovery');
        const now = new Date();
        const { endedSessions: ended } = await applyReset(
          tx,
          user.id,
          { passwordHash: hash, passwordChangedAt: now },
          'password_reset',
          now,
        );
        await recordAttempt(tx, { userId: user.id, ...client, method: 'recovery', result: 'password_reset' });
        await effects.audit(tx, {
          action: 'identity.password.reset',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...client,
          details: { endedSessions: ended, proven: again.proven },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.password_reset',
          subject: 'Пароль восстановлен',
          text: 'Пароль от вашей учётной записи восстановлен, все сеансы завершены. Способы входа и контакты нельзя менять 24 часа. Если это были не вы — срочно обратитесь в поддержку или в МФЦ.',
        });
        await completeFlow(tx, reply, secure, again.id);
      });
      return { status: 'reset' as const, message: 'Пароль изменён. Войдите с новым паролем.' };
    },
  );
}
