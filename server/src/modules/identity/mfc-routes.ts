import { z } from 'zod';
import type { Api, AppContext } from '../../platform/context';
import { HttpProblem } from '../../platform/errors';
import { setSessionCookie } from '../../platform/sessions';
import { accountLevels, recoveryMethods, recoveryRequestStatuses } from './schema';
import type { IdentityEffects } from './effects';
import { authRateLimit, clientOf } from './http';
import {
  citizenView,
  completeRecoveryAtDesk,
  confirmAtDesk,
  createWalkIn,
  lookupCitizen,
  lookupReasons,
  lookupRequestSchema,
  openLookup,
  passportCheckSchema,
  recoveryAtDeskSchema,
  reissueActivation,
  unlockAtDesk,
  walkInSchema,
} from './mfc';
import {
  choosePassword,
  completeActivation,
  describeActivation,
  resendActivationCode,
  startActivation,
} from './activation';

const OPERATOR = { roles: ['mfc_operator'] } as const;
/** Support staff may find a citizen and unlock, nothing else. */
const OPERATOR_OR_SUPPORT = { roles: ['mfc_operator', 'support'] } as const;

const citizenSchema = z.object({
  lookupId: z.string().uuid(),
  reasonKey: z.string(),
  reason: z.string(),
  openUntil: z.string(),
  fullName: z.string().nullable(),
  birthDate: z.string().nullable(),
  level: z.enum(accountLevels),
  levelLabel: z.string(),
  phone: z.string().nullable(),
  phoneConfirmed: z.boolean(),
  email: z.string().nullable(),
  emailConfirmed: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  activated: z.boolean(),
  activation: z.object({
    status: z.enum(['none', 'active', 'expired', 'used']),
    expiresAt: z.string().nullable(),
    purpose: z.enum(['registration', 'recovery']),
  }),
  check: z
    .object({
      status: z.enum(['none', 'pending', 'confirmed', 'rejected']),
      message: z.string(),
      checks: z.array(
        z.object({
          title: z.string(),
          registry: z.string(),
          status: z.enum(['pending', 'valid', 'invalid', 'no_answer']),
          reason: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  recovery: z
    .object({
      number: z.string(),
      status: z.enum(recoveryRequestStatuses),
      openedVia: z.enum(['online', 'mfc']),
      openedAt: z.string(),
      expiresAt: z.string(),
      completedAt: z.string().nullable(),
      completedBy: z.enum(recoveryMethods).nullable(),
    })
    .nullable(),
});

const slipSchema = z.object({
  fullName: z.string().nullable(),
  phone: z.string(),
  path: z.string(),
  link: z.string(),
  tempPassword: z.string(),
  expiresAt: z.string(),
});

const lookupParams = z.object({ id: z.string().uuid('Неверный идентификатор карточки') });
const tokenParams = z.object({ token: z.string().max(200, 'Ссылка для активации не найдена') });

/** The МФЦ operator console and the citizen's activation of an account created there. */
export function mfcRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;
  const limited = authRateLimit(ctx.config);

  app.get(
    '/api/operator/reasons',
    {
      config: { access: OPERATOR_OR_SUPPORT },
      schema: {
        tags: ['mfc'],
        summary: 'Цели обращения, из которых оператор выбирает причину поиска гражданина',
        response: { 200: z.object({ items: z.array(z.object({ value: z.string(), label: z.string() })) }) },
      },
    },
    async () => ({ items: Object.entries(lookupReasons).map(([value, label]) => ({ value, label })) }),
  );

  app.post(
    '/api/operator/lookups',
    {
      config: { access: OPERATOR_OR_SUPPORT, rateLimit: limited },
      schema: {
        tags: ['mfc'],
        summary: 'Найти гражданина по точному СНИЛС, телефону или паспорту (записывается в журнал)',
        security: [{ session: [], csrf: [] }],
        body: lookupRequestSchema,
        response: { 200: citizenSchema },
      },
    },
    async (request) => {
      const found = await lookupCitizen(ctx, effects, request.principal!, request.body, clientOf(request));
      if (!found)
        throw new HttpProblem(
          404,
          'Гражданин с такими данными не найден. Проверьте номер; если учётной записи нет — её можно создать.',
        );
      return found;
    },
  );

  app.get(
    '/api/operator/lookups/:id',
    {
      config: { access: OPERATOR_OR_SUPPORT },
      schema: {
        tags: ['mfc'],
        summary: 'Карточка найденного гражданина (только своя открытая карточка оператора)',
        params: lookupParams,
        response: { 200: citizenSchema },
      },
    },
    async (request) =>
      ctx.db.transaction(async (tx) => {
        const { lookup, user } = await openLookup(tx, request.principal!.userId, request.params.id);
        return citizenView(tx, lookup, user);
      }),
  );

  app.post(
    '/api/operator/lookups/:id/confirm',
    {
      config: { access: OPERATOR, rateLimit: limited },
      schema: {
        tags: ['mfc'],
        summary: 'Подтвердить личность по предъявленному паспорту (учётная запись становится подтверждённой)',
        security: [{ session: [], csrf: [] }],
        params: lookupParams,
        body: passportCheckSchema,
        response: {
          200: z.object({
            raised: z.boolean(),
            sessionsEnded: z.number().int(),
            slip: slipSchema.nullable(),
            citizen: citizenSchema,
          }),
        },
      },
    },
    async (request) =>
      confirmAtDesk(
        ctx,
        effects,
        request.principal!,
        request.params.id,
        request.body.passport,
        clientOf(request),
      ),
  );

  app.post(
    '/api/operator/lookups/:id/activation',
    {
      config: { access: OPERATOR, rateLimit: limited },
      schema: {
        tags: ['mfc'],
        summary: 'Выдать новую ссылку и временный пароль для активации (прежние перестают действовать)',
        security: [{ session: [], csrf: [] }],
        params: lookupParams,
        body: passportCheckSchema,
        response: { 200: z.object({ slip: slipSchema, citizen: citizenSchema }) },
      },
    },
    async (request) =>
      reissueActivation(
        ctx,
        effects,
        request.principal!,
        request.params.id,
        request.body.passport,
        clientOf(request),
      ),
  );

  app.post(
    '/api/operator/lookups/:id/unlock',
    {
      config: { access: OPERATOR_OR_SUPPORT, rateLimit: limited },
      schema: {
        tags: ['mfc'],
        summary: 'Разблокировать вход после проверки паспорта',
        security: [{ session: [], csrf: [] }],
        params: lookupParams,
        body: passportCheckSchema,
        response: { 200: z.object({ citizen: citizenSchema }) },
      },
    },
    async (request) =>
      unlockAtDesk(
        ctx,
        effects,
        request.principal!,
        request.params.id,
        request.body.passport,
        clientOf(request),
      ),
  );

  app.post(
    '/api/operator/lookups/:id/recovery',
    {
      config: { access: OPERATOR_OR_SUPPORT, rateLimit: limited },
      schema: {
        tags: ['mfc'],
        summary:
          'Восстановить доступ после проверки паспорта: запрос выполняется, на новый телефон уходит ссылка, временный пароль — на памятке',
        security: [{ session: [], csrf: [] }],
        params: lookupParams,
        body: recoveryAtDeskSchema,
        response: { 200: z.object({ slip: slipSchema, citizen: citizenSchema }) },
      },
    },
    async (request) =>
      completeRecoveryAtDesk(
        ctx,
        effects,
        request.principal!,
        request.params.id,
        request.body,
        clientOf(request),
      ),
  );

  app.post(
    '/api/operator/accounts',
    {
      config: { access: OPERATOR, rateLimit: limited },
      schema: {
        tags: ['mfc'],
        summary: 'Создать учётную запись гражданина в МФЦ; данные уходят на проверку в ведомства',
        security: [{ session: [], csrf: [] }],
        body: walkInSchema,
        response: { 201: citizenSchema },
      },
    },
    async (request, reply) => {
      const view = await createWalkIn(ctx, effects, request.principal!, request.body, clientOf(request));
      reply.code(201);
      return view;
    },
  );

  // ------------------------------------------------------------------ the citizen's activation

  app.get(
    '/api/activation/:token',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['identity'],
        summary: 'Ссылка для активации учётной записи, созданной в МФЦ: действует ли она',
        params: tokenParams,
        response: {
          200: z.object({
            phone: z.string(),
            expiresAt: z.string(),
            purpose: z.enum(['registration', 'recovery']),
          }),
        },
      },
    },
    async (request) => describeActivation(ctx, request.params.token),
  );

  app.post(
    '/api/activation/:token',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['identity'],
        summary: 'Начать активацию: временный пароль с памятки МФЦ',
        params: tokenParams,
        body: z.object({
          tempPassword: z
            .string()
            .trim()
            .min(1, 'Введите временный пароль с памятки')
            .max(64, 'Слишком длинно'),
        }),
        response: { 200: z.object({ phone: z.string() }) },
      },
    },
    async (request, reply) =>
      startActivation(
        ctx,
        effects,
        reply,
        request.params.token,
        request.body.tempPassword,
        clientOf(request),
      ),
  );

  const sent = z.object({ destination: z.string(), expiresAt: z.string() });

  app.post(
    '/api/activation/password',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['identity'],
        summary: 'Активация: задать свой пароль; на телефон придёт код',
        body: z.object({ password: z.string().min(1, 'Придумайте пароль').max(1024) }),
        response: { 200: sent },
      },
    },
    async (request) => choosePassword(ctx, effects, request, request.body.password),
  );

  app.post(
    '/api/activation/resend',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['identity'],
        summary: 'Активация: отправить код на телефон повторно',
        response: { 200: sent },
      },
    },
    async (request) => resendActivationCode(ctx, effects, request),
  );

  app.post(
    '/api/activation/verify',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['identity'],
        summary: 'Активация: подтвердить телефон кодом из SMS и войти',
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^\d{6}$/, 'Введите код из 6 цифр'),
        }),
        response: { 200: z.object({ status: z.literal('signed_in') }) },
      },
    },
    async (request, reply) => {
      const { token } = await completeActivation(
        ctx,
        effects,
        request,
        reply,
        request.body.code,
        clientOf(request),
      );
      setSessionCookie(reply, token, secure);
      return { status: 'signed_in' as const };
    },
  );
}
