import { z } from 'zod';
import { checkPassword } from '@kabinet/shared/password';
import { passportSchema, phoneSchema } from '@kabinet/shared';
import type { FastifyRequest } from 'fastify';
import type { Api, AppContext } from '../../platform/context';
import { HttpProblem, notFound } from '../../platform/errors';
import { checkCode, sendCode } from './codes';
import type { IdentityEffects } from './effects';
import { completeFlow, currentFlow, startFlow, updateFlow, type AuthFlow } from './flows';
import { authRateLimit, clientOf } from './http';
import { confirmedContacts, loadUser } from './login';
import { maskDestination } from './login-id';
import { hashPassword } from './passwords';
import {
  accountByPassport,
  browserRequest,
  cancelRequest,
  completeRecovery,
  openRequest,
  PHONE_TAKEN,
  phoneTaken,
  requestById,
  requestByNumber,
  requestNumberSchema,
  requestsOf,
  requestSummary,
  requireOpen,
  requireProof,
  type RecoveryRequest,
  type RequestFlowData,
} from './recovery-request';
import { recoveryMethods, recoveryRequestStatuses } from './schema';
import {
  ANSWER_MAX,
  answerKey,
  answerLock,
  answerMatches,
  decoyQuestion,
  loadSecurityQuestion,
  lockedAnswerProblem,
  settleAnswer,
} from './security-questions';
import { isUniqueViolation, todayInMoscow } from './standard';

const summarySchema = z.object({
  number: z.string(),
  status: z.enum(recoveryRequestStatuses),
  openedVia: z.enum(['online', 'mfc']),
  openedAt: z.string(),
  expiresAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.enum(recoveryMethods).nullable(),
});

/** The request as this browser sees it: where it stands and what this browser has proven. */
const requestView = summarySchema.extend({
  /** The bank or an e-signature proved who the person is; the new phone and password are due by `until`. */
  proof: z.object({ method: z.enum(['bank', 'esign']), until: z.string() }).nullable(),
  newPhone: z.string().nullable(),
  newPhoneConfirmed: z.boolean(),
});

const BIRTH_DATE = 'Укажите дату рождения, например 12.04.1985';
const birthDateSchema = z.string({ error: BIRTH_DATE }).superRefine((d, c) => {
  if (!z.iso.date().safeParse(d).success) c.addIssue({ code: 'custom', message: BIRTH_DATE });
  else if (d < '1900-01-01' || d > todayInMoscow())
    c.addIssue({ code: 'custom', message: 'Проверьте дату рождения' });
});

const codeBody = z.object({
  code: z
    .string({ error: 'Введите код из 6 цифр' })
    .trim()
    .regex(/^\d{6}$/, 'Введите код из 6 цифр'),
});
const sentSchema = z.object({ destination: z.string(), expiresAt: z.string() });

/** Codes to the new phone: before it belongs to the account, they are keyed by the account here. */
const CODE_SUBJECT = (userId: string) => `recovery-phone:${userId}`;
const CODE_PURPOSE = 'contact';
/** A uuid no account has: the decoy's answer is looked up like a real one, and finds nothing. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

const ANSWERED =
  'Ответ уже принят и запрос открыт. Обновите страницу, чтобы увидеть номер запроса и способы его завершить.';

function view(r: RecoveryRequest, data: RequestFlowData, now = new Date()): z.infer<typeof requestView> {
  const proof = data.proof && Date.parse(data.proof.until) > now.getTime() ? data.proof : null;
  return {
    ...requestSummary(r, now),
    proof: r.status === 'opened' ? proof : null,
    newPhone: data.newPhone ? maskDestination('sms', data.newPhone) : null,
    newPhoneConfirmed: !!data.newPhoneConfirmed,
  };
}

/**
 * «Нет доступа к телефону и почте»: the contacts-lost recovery request (recovery-request.ts) —
 * opened by the passport, the birth date and the security question; completed by the bank
 * (bank-routes.ts, purpose 'recover'), an e-signature (esign-routes.ts) or at the МФЦ (mfc.ts);
 * then, in this browser, a new phone confirmed by a code and a new password.
 */
export function recoveryRequestRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;
  const pepper = ctx.config.secrets.pepper;
  const limit = authRateLimit(ctx.config);

  app.post(
    '/api/auth/recovery/request/question',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary:
          'Нет доступа к телефону и почте: паспорт и дата рождения — в ответ контрольный вопрос (для любых данных)',
        body: z.object({ passport: passportSchema, birthDate: birthDateSchema }),
        response: { 200: z.object({ question: z.string() }) },
      },
    },
    async (request, reply) => {
      const { passport, birthDate } = request.body;
      // The decoy is computed every time, so that both answers cost the same.
      const decoy = decoyQuestion(`${passport}:${birthDate}`, pepper);
      const question = await ctx.db.transaction(async (tx) => {
        const found = await accountByPassport(tx, passport, birthDate);
        const real = found?.questionText ? { userId: found.userId, text: found.questionText } : null;
        await startFlow(tx, reply, secure, {
          kind: 'recovery_request',
          method: 'recovery_request',
          userId: real?.userId ?? null,
          data: {
            stage: 'question',
            question: real?.text ?? decoy.text,
            key: real ? answerKey(real.userId) : decoy.key,
          } satisfies RequestFlowData,
          ...clientOf(request),
        });
        return real?.text ?? decoy.text;
      });
      return { question };
    },
  );

  app.post(
    '/api/auth/recovery/request/answer',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary:
          'Ответ на контрольный вопрос: верный открывает запрос на восстановление (сам по себе ничего не восстанавливает)',
        body: z.object({
          answer: z
            .string({ error: 'Введите ответ' })
            .trim()
            .min(1, 'Введите ответ')
            .max(1000, `Ответ — не длиннее ${ANSWER_MAX} символов`),
        }),
        response: { 200: requestView },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const flow = await ctx.db.transaction((tx) => currentFlow(tx, request, secure, 'recovery_request'));
      const data = flow.data as unknown as RequestFlowData;
      if (data.stage !== 'question' || !data.key) throw new HttpProblem(409, ANSWERED);
      // A locked question costs no hashing — for a decoy exactly as for an account.
      const early = await answerLock(ctx.db, data.key);
      if (early) throw lockedAnswerProblem(early);
      const stored = await loadSecurityQuestion(ctx.db, flow.userId ?? NOBODY);
      // Argon2 outside the transaction; a decoy is checked against a throwaway hash and never matches.
      const matches = await answerMatches(
        flow.userId ? (stored?.answerHash ?? null) : null,
        request.body.answer,
        pepper,
      );
      const result = await ctx.db.transaction(async (tx) => {
        const again = await currentFlow(tx, request, secure, 'recovery_request');
        const d = again.data as unknown as RequestFlowData;
        if (again.id !== flow.id || d.stage !== 'question' || !d.key)
          return { problem: new HttpProblem(409, ANSWERED) };
        const check = await settleAnswer(tx, d.key, matches && !!again.userId);
        if (!check.ok) {
          if (check.justLocked && again.userId) {
            const owner = await loadUser(tx, again.userId);
            await effects.audit(tx, {
              action: 'identity.security_question.locked',
              subjectUserId: owner.id,
              ...client,
              details: { until: check.lockedUntil?.toISOString(), during: 'recovery_request' },
            });
            await effects.notifyOwner(tx, confirmedContacts(owner), {
              kind: 'security.locked',
              subject: 'Неверные ответы на контрольный вопрос',
              text: 'Трижды введён неверный ответ на ваш контрольный вопрос при попытке открыть запрос на восстановление доступа. Ответы временно не принимаются. Если это были не вы — смените контрольный вопрос в настройках безопасности.',
            });
          }
          return { problem: check.problem };
        }
        const user = await loadUser(tx, again.userId!);
        const { request: opened } = await openRequest(tx, effects, { user, via: 'online', client });
        await updateFlow(tx, again.id, { completedAt: new Date() });
        // From here the browser holds the request itself, for as long as the request lives.
        const next = await startFlow(tx, reply, secure, {
          kind: 'recovery_request',
          method: 'recovery_request',
          userId: user.id,
          data: { stage: 'request', requestId: opened.id } satisfies RequestFlowData,
          expiresAt: opened.expiresAt,
          ...client,
        });
        return { view: view(opened, next.data as unknown as RequestFlowData) };
      });
      // Failures are committed (they count toward the lock) and only then reported.
      if ('problem' in result) throw result.problem;
      return result.view;
    },
  );

  app.get(
    '/api/auth/recovery/request',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Запрос на восстановление, открытый в этом браузере: этап, вопрос или состояние запроса',
        response: {
          200: z.object({
            stage: z.enum(['none', 'question', 'request']),
            question: z.string().nullable(),
            request: requestView.nullable(),
          }),
        },
      },
    },
    async (request) =>
      ctx.db.transaction(async (tx) => {
        let flow: AuthFlow;
        try {
          flow = await currentFlow(tx, request, secure, 'recovery_request');
        } catch (err) {
          if (err instanceof HttpProblem && err.status === 409)
            return { stage: 'none' as const, question: null, request: null };
          throw err;
        }
        const data = flow.data as unknown as RequestFlowData;
        if (data.stage === 'question')
          return { stage: 'question' as const, question: data.question ?? null, request: null };
        const found = data.requestId ? await requestById(tx, data.requestId) : null;
        if (!found || found.userId !== flow.userId)
          return { stage: 'none' as const, question: null, request: null };
        return { stage: 'request' as const, question: null, request: view(found, data) };
      }),
  );

  app.post(
    '/api/auth/recovery/request/cancel',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Отменить запрос на восстановление, открытый в этом браузере',
        response: { 200: z.object({ status: z.literal('cancelled'), message: z.string() }) },
      },
    },
    async (request, reply) => {
      const number = await ctx.db.transaction(async (tx) => {
        const found = await browserRequest(tx, request, secure);
        await cancelRequest(tx, effects, found.request, { actorUserId: null, client: clientOf(request) });
        await completeFlow(tx, reply, secure, found.flow.id);
        return found.request.number;
      });
      return { status: 'cancelled' as const, message: `Запрос № ${number} отменён.` };
    },
  );

  /** The new phone: the bank or an e-signature proved the person, and the number is no one else's. */
  const sendToNewPhone = (request: FastifyRequest, phone: string | null, resend: boolean) =>
    ctx.db.transaction(async (tx) => {
      const found = await browserRequest(tx, request, secure);
      requireOpen(found.request);
      requireProof(found.data);
      const to = phone ?? found.data.newPhone;
      if (!to) throw new HttpProblem(409, 'Сначала укажите новый номер телефона.');
      if (await phoneTaken(tx, to, found.request.userId))
        throw new HttpProblem(409, PHONE_TAKEN, [
          { field: 'phone', message: 'Номер занят другой учётной записью' },
        ]);
      const issued = await sendCode(tx, (d) => effects.deliverCode(tx, d), {
        subject: CODE_SUBJECT(found.request.userId),
        purpose: CODE_PURPOSE,
        channel: 'sms',
        to,
        pepper,
        reuseRecent: !resend && to === found.data.newPhone,
      });
      await updateFlow(tx, found.flow.id, {
        data: { ...found.data, newPhone: to, newPhoneConfirmed: false } as unknown as Record<string, unknown>,
      });
      return { destination: maskDestination('sms', to), expiresAt: issued.expiresAt.toISOString() };
    });

  app.post(
    '/api/auth/recovery/request/phone',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'После подтверждения личности: новый номер телефона — на него придёт код',
        body: z.object({ phone: phoneSchema }),
        response: { 200: sentSchema },
      },
    },
    async (request) => sendToNewPhone(request, request.body.phone, false),
  );

  app.post(
    '/api/auth/recovery/request/phone/resend',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Отправить код на новый номер ещё раз',
        response: { 200: sentSchema },
      },
    },
    async (request) => sendToNewPhone(request, null, true),
  );

  app.post(
    '/api/auth/recovery/request/phone/verify',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary: 'Подтвердить новый номер кодом из SMS',
        body: codeBody,
        response: { 200: requestView },
      },
    },
    async (request) => {
      const result = await ctx.db.transaction(async (tx) => {
        const found = await browserRequest(tx, request, secure);
        requireOpen(found.request);
        requireProof(found.data);
        if (!found.data.newPhone) throw new HttpProblem(409, 'Сначала укажите новый номер телефона.');
        const check = await checkCode(tx, {
          subject: CODE_SUBJECT(found.request.userId),
          purpose: CODE_PURPOSE,
          code: request.body.code,
          pepper,
        });
        if (!check.ok) return { problem: check.problem };
        if (check.destination !== found.data.newPhone)
          return { problem: new HttpProblem(400, 'Код отправлен на другой номер. Запросите новый код.') };
        const data = { ...found.data, newPhoneConfirmed: true };
        await updateFlow(tx, found.flow.id, { data: data as unknown as Record<string, unknown> });
        return { view: view(found.request, data) };
      });
      // A wrong code is committed (it counts toward the caps) and only then reported.
      if ('problem' in result) throw result.problem;
      return result.view;
    },
  );

  app.post(
    '/api/auth/recovery/request/complete',
    {
      config: { access: 'public', rateLimit: limit },
      schema: {
        tags: ['identity'],
        summary:
          'Новый пароль: запрос выполнен — сеансы завершаются, старые способы входа отключаются, изменения замораживаются на 24 часа',
        body: z.object({ newPassword: z.string({ error: 'Придумайте новый пароль' }).max(1024) }),
        response: { 200: z.object({ status: z.literal('completed'), message: z.string() }) },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const ready = (found: Awaited<ReturnType<typeof browserRequest>>) => {
        requireOpen(found.request);
        const proof = requireProof(found.data);
        if (!found.data.newPhone || !found.data.newPhoneConfirmed)
          throw new HttpProblem(409, 'Сначала подтвердите новый номер телефона кодом из SMS.');
        return { proof, phone: found.data.newPhone };
      };
      const first = await ctx.db.transaction((tx) => browserRequest(tx, request, secure));
      const { phone } = ready(first);
      const user = await loadUser(ctx.db, first.request.userId);
      const verdict = checkPassword(request.body.newPassword, [
        phone,
        user.email,
        user.snils,
        user.lastName,
        user.firstName,
        user.middleName,
        user.birthDate,
      ]);
      if (!verdict.ok)
        throw new HttpProblem(400, verdict.message!, [{ field: 'newPassword', message: verdict.message! }]);
      // Argon2 outside the transaction (login.ts).
      const hash = await hashPassword(request.body.newPassword, pepper);
      let number: string;
      try {
        number = await ctx.db.transaction(async (tx) => {
          const found = await browserRequest(tx, request, secure);
          const { proof, phone: newPhone } = ready(found);
          if (await phoneTaken(tx, newPhone, found.request.userId))
            throw new HttpProblem(409, PHONE_TAKEN, [
              { field: 'phone', message: 'Номер занят другой учётной записью' },
            ]);
          await completeRecovery(tx, effects, {
            request: found.request,
            user: await loadUser(tx, found.request.userId),
            method: proof.method,
            phone: newPhone,
            phoneConfirmed: true,
            passwordHash: hash,
            client,
          });
          await completeFlow(tx, reply, secure, found.flow.id);
          return found.request.number;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new HttpProblem(409, PHONE_TAKEN);
        throw err;
      }
      return {
        status: 'completed' as const,
        message: `Запрос № ${number} выполнен, доступ восстановлен. Войдите с новым номером телефона и паролем.`,
      };
    },
  );

  // ------------------------------------------------------------------ the signed-in owner

  app.get(
    '/api/auth/recovery/requests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Запросы на восстановление доступа к своей учётной записи',
        security: [{ session: [] }],
        response: { 200: z.object({ items: z.array(summarySchema) }) },
      },
    },
    async (request) => {
      const now = new Date();
      const rows = await requestsOf(ctx.db, request.principal!.userId);
      return { items: rows.map((r) => requestSummary(r, now)) };
    },
  );

  app.post(
    '/api/auth/recovery/requests/:number/cancel',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Отменить открытый запрос на восстановление доступа к своей учётной записи',
        security: [{ session: [], csrf: [] }],
        params: z.object({ number: requestNumberSchema }),
        response: { 200: z.object({ status: z.literal('cancelled') }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      await ctx.db.transaction(async (tx) => {
        const found = await requestByNumber(tx, request.params.number, true);
        // Someone else's request is «not found», exactly like a missing one.
        if (!found || found.userId !== principal.userId) throw notFound('Запрос не найден.');
        await cancelRequest(tx, effects, found, { actorUserId: principal.userId, client: clientOf(request) });
      });
      return { status: 'cancelled' as const };
    },
  );
}
