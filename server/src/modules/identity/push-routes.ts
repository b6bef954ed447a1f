import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../platform/access';
import type { Api, AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { defineJob } from '../../platform/jobs';
import { HttpProblem, notFound } from '../../platform/errors';
import { markReauthenticated, setSessionCookie } from '../../platform/sessions';
import { deviceLabel } from './device';
import type { IdentityEffects } from './effects';
import { completeFlow, currentFlow, endedFlow } from './flows';
import { authRateLimit, clientOf, factorOptionSchema, pollRateLimit } from './http';
import { completeLogin, confirmedContacts, loadUser, type FactorResult, type User } from './login';
import { labelSchema } from './passkeys';
import {
  addPushDevice,
  answerChallenge,
  answerMessage,
  challengeState,
  deliverChallenge,
  deviceKeySchema,
  deviceKeySpki,
  issueNonce,
  latestChallenge,
  listPushDevices,
  nonceFresh,
  nonceSchema,
  ownPushDevice,
  pendingFor,
  pollMessage,
  purgeChallenges,
  signatureSchema,
  signedDevice,
  startChallenge,
  startLoginChallenge,
  LOGIN_CHALLENGE_KEY as CHALLENGE_KEY,
  useApproval,
  type PushChallenge,
  type PushDevice,
} from './push';
import { endpointProblem, pushGateway, type PushGateway } from './push-gateway';
import { pushDevices } from './schema';
import { changeFactors } from './security-routes';
import { blockedSourceProblem, sourceBlockedUntil } from './suspicious';

const deviceItem = z.object({
  id: z.string(),
  label: z.string(),
  browser: z.string(),
  os: z.string(),
  /** Whether requests also come as Web Push notifications (else only while a portal tab is open). */
  webPush: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
const toItem = (d: PushDevice) => ({
  id: d.id,
  label: d.label,
  browser: d.browser,
  os: d.os,
  webPush: !!d.pushEndpoint,
  createdAt: d.createdAt.toISOString(),
  lastUsedAt: d.lastUsedAt?.toISOString() ?? null,
});

const subscriptionSchema = z.object({
  endpoint: z
    .string()
    .min(1, 'Пустой адрес подписки')
    .max(2048, 'Адрес подписки длиннее 2048 символов')
    .refine((v) => URL.canParse(v), 'Адрес подписки должен быть полным адресом (https://…)'),
  keys: z.object({
    p256dh: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, 'Ключ p256dh подписки: 65 байт в base64url (открытый ключ P-256)'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Секрет auth подписки: 16 байт в base64url'),
  }),
});

const startResult = z.object({
  /** The number to show large: the device must pick it. */
  number: z.number().int(),
  expiresAt: z.string(),
  /** Registered browsers, and those of them sent a Web Push notification. */
  devices: z.number().int(),
  notified: z.number().int(),
});
const waiting = z.object({ status: z.literal('pending'), expiresAt: z.string() });
const denied = z.object({
  status: z.literal('denied'),
  reason: z.enum(['not_me', 'wrong_number']),
  message: z.string(),
});
const expired = z.object({ status: z.literal('expired'), message: z.string() });

const deviceIdSchema = z.string().uuid('Неверный идентификатор устройства');
const challengeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Неверный идентификатор запроса');
const idParams = z.object({ id: deviceIdSchema });

const pendingItem = z.object({
  id: z.string(),
  purpose: z.enum(['login', 'step_up']),
  createdAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  location: z.string().nullable(),
  browser: z.string(),
  os: z.string(),
  deviceType: z.string(),
  choices: z.array(z.number().int()),
});

/**
 * Push to a registered browser: registering browsers in the security settings, login and step-up
 * confirmations sent to them, and the signed endpoints the browsers themselves call.
 */
export function pushRoutes(
  app: Api,
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: PushGateway = pushGateway(ctx.config),
) {
  const secure = ctx.config.cookieSecure;
  const limit = authRateLimit(ctx.config);
  const polling = pollRateLimit(ctx.config);
  const nonceSecret = ctx.config.secrets.cookie;

  /** After the request is committed: Web Push to the owner's subscribed browsers, not awaited. */
  const deliver = (challenge: PushChallenge) =>
    void deliverChallenge(ctx, effects, gateway, challenge).catch((err: unknown) =>
      ctx.log.warn({ err, challenge: challenge.id }, 'web push delivery failed'),
    );

  async function started(tx: Tx, userId: string, challenge: PushChallenge) {
    const devices = await listPushDevices(tx, userId);
    return {
      number: challenge.number,
      expiresAt: challenge.expiresAt.toISOString(),
      devices: devices.length,
      notified: devices.filter((d) => d.pushEndpoint).length,
    };
  }

  /** Step-up, the post-reset freeze, then the change in one transaction. */
  const criticalChange = <T>(
    principal: Principal,
    run: (tx: Tx, user: User) => Promise<T>,
    frozenMatters = true,
  ) => changeFactors(ctx.db, principal, run, frozenMatters);

  /* ------------------------------------------------------------ settings */

  app.get(
    '/api/auth/push/devices',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Браузеры, зарегистрированные для подтверждения входа',
        response: {
          200: z.object({
            items: z.array(deviceItem),
            /** The application server key for PushManager.subscribe (VAPID, base64url). */
            vapidPublicKey: z.string(),
            /** «Chrome, Windows»: the name this browser gets unless another is given. */
            suggestedLabel: z.string(),
          }),
        },
      },
    },
    async (request) => ({
      items: (await listPushDevices(ctx.db, request.principal!.userId)).map(toItem),
      vapidPublicKey: ctx.config.vapid.publicKey,
      suggestedLabel: deviceLabel(clientOf(request).userAgent),
    }),
  );

  app.post(
    '/api/auth/push/devices',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary:
          'Зарегистрировать этот браузер для подтверждения входа (открытый ключ устройства и подписка Web Push)',
        body: z.object({
          publicKey: deviceKeySchema,
          label: labelSchema.optional(),
          subscription: subscriptionSchema.nullable().optional(),
        }),
        response: { 201: z.object({ device: deviceItem }) },
      },
    },
    async (request, reply) => {
      const { publicKey, subscription } = request.body;
      const spki = deviceKeySpki(publicKey);
      if (!spki)
        throw new HttpProblem(
          400,
          'Ключ устройства повреждён: это не точка кривой P-256. Обновите страницу.',
          [{ field: 'publicKey', message: 'Неверный ключ' }],
        );
      const unusable = subscription ? endpointProblem(ctx.config, subscription.endpoint) : null;
      if (unusable)
        throw new HttpProblem(400, unusable, [{ field: 'subscription.endpoint', message: unusable }]);
      const client = clientOf(request);
      const result = await criticalChange(request.principal!, async (tx, user) => {
        const label = request.body.label ?? deviceLabel(client.userAgent);
        const r = await addPushDevice(tx, {
          userId: user.id,
          label,
          publicKey: spki,
          userAgent: client.userAgent,
          subscription: subscription
            ? {
                endpoint: subscription.endpoint,
                p256dh: subscription.keys.p256dh,
                auth: subscription.keys.auth,
              }
            : null,
        });
        if (!r.ok) return r;
        await effects.audit(tx, {
          action: 'identity.factor.added',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...client,
          details: { type: 'push', id: r.device.id, webPush: !!subscription },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.factor_added',
          subject: 'Добавлено устройство для подтверждения входа',
          text: `Браузер «${r.device.label}» теперь подтверждает вход в вашу учётную запись. Если это были не вы — срочно смените пароль, удалите устройство в настройках безопасности и обратитесь в поддержку.`,
        });
        return r;
      });
      if (!result.ok) throw result.problem;
      return reply.code(201).send({ device: toItem(result.device) });
    },
  );

  app.patch(
    '/api/auth/push/devices/:id',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Переименовать браузер для подтверждения входа',
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
          const device = await ownPushDevice(tx, user.id, request.params.id);
          if (!device) throw notFound('Устройство не найдено');
          await tx
            .update(pushDevices)
            .set({ label: request.body.label })
            .where(eq(pushDevices.id, device.id));
          await effects.audit(tx, {
            action: 'identity.push.renamed',
            actorUserId: user.id,
            subjectUserId: user.id,
            ...client,
            details: { id: device.id },
          });
          await effects.notifyOwner(tx, confirmedContacts(user), {
            kind: 'security.factor_renamed',
            subject: 'Устройство для подтверждения входа переименовано',
            text: `Устройство «${device.label}» переименовано в «${request.body.label}». Если это были не вы — смените пароль и проверьте устройства в настройках безопасности.`,
          });
        },
        // A new name changes no way in: allowed during the post-reset freeze.
        false,
      );
      return { status: 'renamed' as const };
    },
  );

  app.delete(
    '/api/auth/push/devices/:id',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Удалить браузер из подтверждающих вход',
        params: idParams,
        response: { 200: z.object({ status: z.literal('removed') }) },
      },
    },
    async (request) => {
      const client = clientOf(request);
      await criticalChange(request.principal!, async (tx, user) => {
        const device = await ownPushDevice(tx, user.id, request.params.id);
        if (!device) throw notFound('Устройство не найдено');
        await tx.delete(pushDevices).where(eq(pushDevices.id, device.id));
        await effects.audit(tx, {
          action: 'identity.factor.removed',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...client,
          details: { type: 'push', id: device.id },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.factor_removed',
          subject: 'Удалено устройство для подтверждения входа',
          text: `Браузер «${device.label}» больше не подтверждает вход. Если это были не вы — срочно смените пароль.`,
        });
      });
      return { status: 'removed' as const };
    },
  );

  /* -------------------------------------------------- the device's endpoints */

  app.post(
    '/api/auth/push/device/nonce',
    {
      config: { access: 'public', rateLimit: polling },
      schema: {
        tags: ['identity'],
        summary: 'Одноразовое значение, которое устройство подписывает, чтобы узнать свои запросы',
        response: { 200: z.object({ nonce: z.string() }) },
      },
    },
    async () => ({ nonce: issueNonce(nonceSecret) }),
  );

  app.post(
    '/api/auth/push/device/pending',
    {
      config: { access: 'public', rateLimit: polling },
      schema: {
        tags: ['identity'],
        summary: 'Запросы на подтверждение, ждущие ответа этого устройства (подписано ключом устройства)',
        body: z.object({ deviceId: deviceIdSchema, nonce: nonceSchema, signature: signatureSchema }),
        response: { 200: z.object({ items: z.array(pendingItem), nonce: z.string() }) },
      },
    },
    async (request) => {
      const { deviceId, nonce, signature } = request.body;
      if (!nonceFresh(nonceSecret, nonce))
        throw new HttpProblem(409, 'Одноразовое значение устарело. Запросите новое и повторите.', [
          { field: 'nonce', message: 'Устарело' },
        ]);
      const signed = await signedDevice(ctx.db, deviceId, pollMessage(deviceId, nonce), signature);
      if (!signed.ok) throw signed.problem;
      return { items: await pendingFor(ctx.db, signed.device), nonce: issueNonce(nonceSecret) };
    },
  );

  app.post(
    '/api/auth/push/device/answer',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary:
          'Ответ устройства на запрос: «Это я» с выбранным числом или «Это не я» (подписано ключом устройства)',
        body: z
          .object({
            deviceId: deviceIdSchema,
            challengeId: challengeIdSchema,
            decision: z.enum(['approve', 'deny'], {
              error: 'Ответ: approve («Это я») или deny («Это не я»)',
            }),
            number: z.number().int().min(10, 'Число от 10 до 99').max(99, 'Число от 10 до 99').nullable(),
            signature: signatureSchema,
          })
          .refine((b) => b.decision === 'deny' || b.number !== null, {
            message: 'Выберите число, которое показано на странице входа',
            path: ['number'],
          }),
        response: { 200: z.object({ status: z.enum(['approved', 'denied']) }) },
      },
    },
    async (request) => {
      const { deviceId, challengeId, decision, number, signature } = request.body;
      const client = clientOf(request);
      const blocked = await sourceBlockedUntil(ctx.db, client.ip);
      if (blocked) throw blockedSourceProblem(blocked);
      const result = await ctx.db.transaction(async (tx) => {
        const signed = await signedDevice(
          tx,
          deviceId,
          answerMessage(deviceId, challengeId, decision, number),
          signature,
        );
        if (!signed.ok) {
          if (signed.device)
            await effects.audit(tx, {
              action: 'identity.push.bad_signature',
              subjectUserId: signed.device.userId,
              ...client,
              details: { deviceId, challengeId },
            });
          return { ok: false as const, problem: signed.problem };
        }
        return answerChallenge(tx, effects, {
          device: signed.device,
          challengeId,
          decision,
          number,
          client,
          contacts: async () => confirmedContacts(await loadUser(tx, signed.device.userId)),
        });
      });
      // A wrong number is committed (it counts toward the daily cap) and only then reported.
      if (!result.ok) throw result.problem;
      return { status: result.status };
    },
  );

  /* --------------------------------------------------------------- login */

  const unavailable = () =>
    new HttpProblem(400, 'Подтверждение на устройстве недоступно для этого входа. Выберите другой способ.', [
      { field: 'factor', message: 'Выберите другой способ' },
    ]);

  app.post(
    '/api/auth/login/push',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Подтверждение на устройстве как второй фактор входа: отправить запрос (и показать число)',
        response: { 200: startResult },
      },
    },
    async (request) => {
      const client = clientOf(request);
      const blocked = await sourceBlockedUntil(ctx.db, client.ip);
      if (blocked) throw blockedSourceProblem(blocked);
      const { challenge, answer } = await ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'login');
        // Never the first factor: a login for an unknown account (userId null) or with nothing
        // proven yet answers exactly like an account without registered browsers.
        if (!flow.userId || !flow.proven.length || flow.proven.includes('push')) throw unavailable();
        const c = await startLoginChallenge(tx, flow, client);
        if (!c) throw unavailable();
        return { challenge: c, answer: await started(tx, flow.userId, c) };
      });
      deliver(challenge);
      return answer;
    },
  );

  app.post(
    '/api/auth/login/push/status',
    {
      config: { access: 'public', rateLimit: polling },
      schema: {
        tags: ['identity'],
        summary: 'Ответило ли устройство; после «Это я» — вход выполнен',
        response: {
          200: z.union([
            waiting,
            denied,
            expired,
            z.object({ status: z.literal('signed_in') }),
            z.object({ status: z.literal('more'), factors: z.array(factorOptionSchema) }),
          ]),
        },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const result = await ctx.db.transaction(async (tx) => {
        // A login the owner refused has ended: its page is told why, not just «start again».
        const last = await endedFlow(tx, request, secure, 'login');
        const lastId = last?.data[CHALLENGE_KEY];
        if (last && typeof lastId === 'string' && (last.completedAt || last.expiresAt <= new Date())) {
          const c = await latestChallenge(tx, { purpose: 'login', flowId: last.id });
          const state = c && c.id === lastId ? challengeState(c) : null;
          if (state?.status === 'denied') return { state };
        }
        const flow = await currentFlow(tx, request, secure, 'login');
        const challenge = await latestChallenge(tx, { purpose: 'login', flowId: flow.id });
        if (!challenge || challenge.id !== flow.data[CHALLENGE_KEY] || !flow.userId)
          throw new HttpProblem(
            409,
            'Запрос на устройство не найден. Отправьте его снова или выберите другой способ.',
          );
        const state = challengeState(challenge);
        if (state.status !== 'approved') return { state };
        if (!(await useApproval(tx, challenge)))
          throw new HttpProblem(409, 'Это подтверждение уже использовано. Начните вход заново.');
        const user = await loadUser(tx, flow.userId);
        const r: FactorResult = await completeLogin(ctx, effects, tx, flow, user, 'push', client);
        if (r.done) await completeFlow(tx, reply, secure, flow.id);
        return { login: r };
      });
      if ('state' in result) return result.state;
      const r = result.login;
      if (!r.done && r.problem) throw r.problem;
      if (!r.done) return { status: 'more' as const, factors: r.next ?? [] };
      setSessionCookie(reply, r.token, secure);
      return { status: 'signed_in' as const };
    },
  );

  /* ------------------------------------------------------------- step-up */

  app.post(
    '/api/auth/step-up/push',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Подтвердить действие на устройстве: отправить запрос (и показать число)',
        response: { 200: startResult },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const client = clientOf(request);
      const { challenge, answer } = await ctx.db.transaction(async (tx) => {
        if (!(await listPushDevices(tx, principal.userId)).length)
          throw new HttpProblem(
            400,
            'Нет браузеров, зарегистрированных для подтверждения. Выберите другой способ.',
            [{ field: 'factor', message: 'Выберите другой способ' }],
          );
        const c = await startChallenge(tx, {
          userId: principal.userId,
          binding: { purpose: 'step_up', sessionId: principal.session.id },
          ...client,
        });
        return { challenge: c, answer: await started(tx, principal.userId, c) };
      });
      deliver(challenge);
      return answer;
    },
  );

  app.post(
    '/api/auth/step-up/push/status',
    {
      config: { access: 'user', rateLimit: polling },
      schema: {
        tags: ['security'],
        summary: 'Ответило ли устройство; после «Это я» действие подтверждено',
        response: { 200: z.union([waiting, denied, expired, z.object({ status: z.literal('confirmed') })]) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      return ctx.db.transaction(async (tx) => {
        const challenge = await latestChallenge(tx, { purpose: 'step_up', sessionId: principal.session.id });
        if (!challenge)
          throw new HttpProblem(
            409,
            'Запрос на устройство не найден. Отправьте его снова или выберите другой способ.',
          );
        const state = challengeState(challenge);
        if (state.status !== 'approved') return state;
        if (!(await useApproval(tx, challenge)))
          throw new HttpProblem(409, 'Это подтверждение уже использовано. Отправьте новый запрос.');
        await markReauthenticated(tx, principal.session.id);
        await effects.audit(tx, {
          action: 'identity.step_up.succeeded',
          actorUserId: principal.userId,
          subjectUserId: principal.userId,
          ...clientOf(request),
          details: { factor: 'push' },
        });
        return { status: 'confirmed' as const };
      });
    },
  );

  return { deliver };
}

/** Answered and expired requests are kept a day, then deleted by an hourly sweep. */
export const pushJobs = (ctx: AppContext) => [
  defineJob({
    name: 'identity.push_challenges.purge',
    schedule: '53 * * * *',
    handler: async () => void (await purgeChallenges(ctx.db)),
  }),
];
