import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../platform/access';
import type { Api, AppContext } from '../../platform/context';
import { defineJob } from '../../platform/jobs';
import type { Tx } from '../../platform/db';
import { HttpProblem, notFound } from '../../platform/errors';
import { setSessionCookie } from '../../platform/sessions';
import type { IdentityEffects } from './effects';
import { completeFlow, currentFlow, startFlow, updateFlow, type AuthFlow } from './flows';
import { recordAttempt } from './history';
import { authRateLimit, clientOf, stepResultSchema } from './http';
import {
  completeLogin,
  confirmedContacts,
  loadUser,
  type Client,
  type FactorResult,
  type User,
} from './login';
import {
  authenticationOptions,
  authenticationResponseSchema,
  labelSchema,
  registerPasskey,
  registrationOptions,
  registrationResponseSchema,
  relyingParty,
  verifyAssertion,
} from './passkeys';
import { listPasskeys, ownPasskey, purgeRegistrationChallenges } from './passkey-store';
import { passkeys } from './schema';
import { changeFactors } from './security-routes';
import { blockedSourceProblem, noteSourceFailure, sourceBlockedUntil } from './suspicious';

/** The login flow keeps the challenge of the passkey prompt it issued, until one answer uses it. */
const CHALLENGE_KEY = 'passkeyChallenge';

const passkeyItem = z.object({
  id: z.string(),
  label: z.string(),
  deviceType: z.enum(['singleDevice', 'multiDevice']),
  backedUp: z.boolean(),
  transports: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
const webauthnOptions = z.record(z.string(), z.unknown());
const idParams = z.object({ id: z.string().uuid('Неверный идентификатор ключа') });

/** Passkeys (WebAuthn): added in the security settings, used to sign in or as the second factor. */
export function passkeyRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;
  const limit = authRateLimit(ctx.config);

  /** Step-up, the post-reset freeze, then the change in one transaction. */
  const criticalChange = <T>(
    principal: Principal,
    run: (tx: Tx, user: User) => Promise<T>,
    frozenMatters = true,
  ) => changeFactors(ctx.db, principal, run, frozenMatters);

  /* ------------------------------------------------------------ settings */

  app.get(
    '/api/auth/passkeys',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Ключи доступа (passkeys) учётной записи',
        response: { 200: z.object({ items: z.array(passkeyItem) }) },
      },
    },
    async (request) => {
      const rows = await listPasskeys(ctx.db, request.principal!.userId);
      return {
        items: rows.map((p) => ({
          id: p.id,
          label: p.label,
          deviceType: p.deviceType,
          backedUp: p.backedUp,
          transports: p.transports,
          createdAt: p.createdAt.toISOString(),
          lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/auth/passkeys/options',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Начать добавление ключа доступа: параметры для navigator.credentials.create',
        response: { 200: z.object({ options: webauthnOptions }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const rp = relyingParty(ctx.config, request);
      const options = await criticalChange(principal, (tx, user) =>
        registrationOptions(tx, rp, user, principal.session.id),
      );
      return { options: options as unknown as Record<string, unknown> };
    },
  );

  app.post(
    '/api/auth/passkeys',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Завершить добавление ключа доступа ответом браузера',
        body: z.object({ response: registrationResponseSchema, label: labelSchema.optional() }),
        response: { 200: z.object({ passkey: passkeyItem }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const rp = relyingParty(ctx.config, request);
      const client = clientOf(request);
      const result = await criticalChange(principal, async (tx, user) => {
        const r = await registerPasskey(
          tx,
          rp,
          user,
          principal.session.id,
          request.body.response,
          request.body.label,
        );
        if (!r.ok) {
          await effects.audit(tx, {
            action: 'identity.passkey.add_failed',
            actorUserId: user.id,
            subjectUserId: user.id,
            ...client,
          });
          return r;
        }
        await effects.audit(tx, {
          action: 'identity.factor.added',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...client,
          details: { type: 'passkey', id: r.passkey.id, aaguid: r.passkey.aaguid },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.factor_added',
          subject: 'Добавлен ключ доступа',
          text: `К вашей учётной записи добавлен ключ доступа «${r.passkey.label}». Если это были не вы — срочно смените пароль, удалите ключ в настройках безопасности и обратитесь в поддержку.`,
        });
        return r;
      });
      // A refused answer still used up its challenge: committed first, then reported.
      if (!result.ok) throw result.problem;
      const p = result.passkey;
      return {
        passkey: {
          id: p.id,
          label: p.label,
          deviceType: p.deviceType,
          backedUp: p.backedUp,
          transports: p.transports,
          createdAt: p.createdAt.toISOString(),
          lastUsedAt: null,
        },
      };
    },
  );

  app.patch(
    '/api/auth/passkeys/:id',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Переименовать ключ доступа',
        params: idParams,
        body: z.object({ label: labelSchema }),
        response: { 200: z.object({ status: z.literal('renamed') }) },
      },
    },
    async (request) => {
      const client = clientOf(request);
      await criticalChange(
        request.principal!,
        async (tx, user) => {
          const key = await ownPasskey(tx, user.id, request.params.id);
          if (!key) throw notFound('Ключ доступа не найден');
          await tx.update(passkeys).set({ label: request.body.label }).where(eq(passkeys.id, key.id));
          await effects.audit(tx, {
            action: 'identity.passkey.renamed',
            actorUserId: user.id,
            subjectUserId: user.id,
            ...client,
            details: { id: key.id },
          });
          await effects.notifyOwner(tx, confirmedContacts(user), {
            kind: 'security.factor_renamed',
            subject: 'Ключ доступа переименован',
            text: `Ключ доступа «${key.label}» переименован в «${request.body.label}». Если это были не вы — смените пароль и проверьте ключи доступа в настройках безопасности.`,
          });
        },
        // A new name changes no way in: allowed during the post-reset freeze.
        false,
      );
      return { status: 'renamed' as const };
    },
  );

  app.delete(
    '/api/auth/passkeys/:id',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Удалить ключ доступа',
        params: idParams,
        response: { 200: z.object({ status: z.literal('removed') }) },
      },
    },
    async (request) => {
      const client = clientOf(request);
      await criticalChange(request.principal!, async (tx, user) => {
        const key = await ownPasskey(tx, user.id, request.params.id);
        if (!key) throw notFound('Ключ доступа не найден');
        await tx.delete(passkeys).where(eq(passkeys.id, key.id));
        await effects.audit(tx, {
          action: 'identity.factor.removed',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...client,
          details: { type: 'passkey', id: key.id },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.factor_removed',
          subject: 'Удалён ключ доступа',
          text: `Ключ доступа «${key.label}» удалён, войти с ним больше нельзя. Если это были не вы — срочно смените пароль.`,
        });
      });
      return { status: 'removed' as const };
    },
  );

  /* --------------------------------------------------------------- login */

  app.post(
    '/api/auth/passkey/start',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Вход с ключом доступа: начать (любой ключ доступа этого сайта, без логина)',
        response: { 200: z.object({ options: webauthnOptions }) },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const blocked = await sourceBlockedUntil(ctx.db, client.ip);
      if (blocked) throw blockedSourceProblem(blocked);
      const rp = relyingParty(ctx.config, request);
      const options = await authenticationOptions(rp);
      await ctx.db.transaction((tx) =>
        startFlow(tx, reply, secure, {
          kind: 'login',
          method: 'passkey',
          data: { [CHALLENGE_KEY]: options.challenge },
          ...client,
        }),
      );
      return { options: options as unknown as Record<string, unknown> };
    },
  );

  app.post(
    '/api/auth/login/passkey/options',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Ключ доступа как второй фактор входа: параметры для navigator.credentials.get',
        response: { 200: z.object({ options: webauthnOptions }) },
      },
    },
    async (request) => {
      const rp = relyingParty(ctx.config, request);
      return ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'login');
        const keys = flow.userId && flow.proven.length ? await listPasskeys(tx, flow.userId) : [];
        // A flow for an unknown login (userId null) answers exactly like an account without keys.
        if (!keys.length || flow.proven.includes('passkey'))
          throw new HttpProblem(400, 'Ключ доступа недоступен для этого входа. Выберите другой способ.', [
            { field: 'factor', message: 'Выберите другой способ' },
          ]);
        const options = await authenticationOptions(rp, keys);
        await updateFlow(tx, flow.id, { data: { ...flow.data, [CHALLENGE_KEY]: options.challenge } });
        return { options: options as unknown as Record<string, unknown> };
      });
    },
  );

  app.post(
    '/api/auth/login/passkey',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Подтвердить вход ключом доступа (ответ navigator.credentials.get)',
        body: z.object({ response: authenticationResponseSchema }),
        response: { 200: stepResultSchema },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const rp = relyingParty(ctx.config, request);
      const blocked = await sourceBlockedUntil(ctx.db, client.ip);
      if (blocked) throw blockedSourceProblem(blocked);
      const result = await ctx.db.transaction(async (tx): Promise<FactorResult> => {
        const flow = await currentFlow(tx, request, secure, 'login');
        const challenge = flow.data[CHALLENGE_KEY];
        if (typeof challenge !== 'string')
          return {
            done: false,
            problem: new HttpProblem(
              409,
              'Запрос ключа доступа устарел или уже использован. Повторите вход.',
            ),
          };
        // Single use: whatever the answer, this challenge is gone.
        const { [CHALLENGE_KEY]: _used, ...rest } = flow.data;
        void _used;
        await updateFlow(tx, flow.id, { data: rest });
        const usernameless = !flow.userId && !flow.proven.length && flow.method === 'passkey';
        if (!usernameless && (!flow.userId || !flow.proven.length))
          return {
            done: false,
            problem: new HttpProblem(
              409,
              'Время на вход истекло или вход уже завершён. Начните вход заново.',
            ),
          };
        const check = await verifyAssertion(tx, rp, challenge, request.body.response, flow.userId);
        if (!check.ok) {
          await refused(tx, flow, client, check.userId, check.reason);
          return { done: false, problem: check.problem };
        }
        const user = await loadUser(tx, check.passkey.userId);
        let r: FactorResult;
        if (!usernameless) r = await completeLogin(ctx, effects, tx, flow, user, 'passkey', client);
        else {
          await updateFlow(tx, flow.id, { userId: user.id });
          const started: AuthFlow = { ...flow, userId: user.id, data: rest };
          if (check.userVerified) {
            // Verified by biometrics or a PIN on the device: the passkey is both factors (PRODUCT.md §1).
            const withKey = { ...started, proven: ['passkey'] };
            r = await completeLogin(ctx, effects, tx, withKey, user, 'passkey_uv', client);
          } else {
            await recordAttempt(tx, {
              userId: user.id,
              ...client,
              method: 'passkey',
              result: 'factor_required',
            });
            r = await completeLogin(ctx, effects, tx, started, user, 'passkey', client);
          }
        }
        if (r.done) await completeFlow(tx, reply, secure, flow.id);
        return r;
      });
      if (!result.done && result.problem) throw result.problem;
      if (!result.done) return { status: 'more' as const, factors: result.next ?? [] };
      setSessionCookie(reply, result.token, secure);
      return { status: 'signed_in' as const };
    },
  );

  /** A refused passkey: login history, the address's failure count, the audit — clone suspicions loudest. */
  async function refused(
    tx: Tx,
    flow: AuthFlow,
    client: Client,
    userId: string | null,
    reason: 'unknown_credential' | 'wrong_account' | 'invalid' | 'counter',
  ) {
    await recordAttempt(tx, {
      userId,
      ...client,
      method: 'passkey',
      result: flow.proven.length ? 'second_factor_failed' : 'failed',
      reason,
    });
    const blocked = await noteSourceFailure(tx, client.ip);
    if (blocked)
      await effects.audit(tx, {
        action: 'identity.source.blocked',
        ...client,
        details: { failures: blocked.failures, until: blocked.until.toISOString() },
      });
    if (!userId) return;
    await effects.audit(tx, {
      action: reason === 'counter' ? 'identity.passkey.clone_suspected' : 'identity.login.passkey_failed',
      subjectUserId: userId,
      ...client,
      details: { reason },
    });
    if (reason === 'counter') {
      const user = await loadUser(tx, userId);
      await effects.notifyOwner(tx, confirmedContacts(user), {
        kind: 'security.passkey_clone',
        subject: 'Возможная копия ключа доступа',
        text: 'При входе ключ доступа показал счётчик использований меньше прежнего — так бывает, если ключ скопировали. Вход отклонён. Проверьте ключи доступа в настройках безопасности и удалите подозрительный.',
      });
    }
  }
}

/** Pending registration challenges outlive their 5 minutes only until the next hourly sweep. */
export const passkeyJobs = (ctx: AppContext) => [
  defineJob({
    name: 'identity.passkey_challenges.purge',
    schedule: '47 * * * *',
    handler: async () => void (await purgeRegistrationChallenges(ctx.db)),
  }),
];
