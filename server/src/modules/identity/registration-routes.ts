import { z } from 'zod';
import { phoneSchema } from '@kabinet/shared';
import { checkPassword } from '@kabinet/shared/password';
import type { Api, AppContext } from '../../platform/context';
import { HttpProblem } from '../../platform/errors';
import { createSession, setSessionCookie } from '../../platform/sessions';
import { checkCode, sendCode } from './codes';
import { completeFlow, currentFlow, startFlow, updateFlow } from './flows';
import { findUserByLogin, maskDestination } from './login-id';
import { hashPassword } from './passwords';
import { recordAttempt } from './history';
import { users } from './schema';
import type { IdentityEffects } from './effects';
import { authRateLimit, clientOf } from './http';

/** The version of the user agreement and privacy policy a new account accepts. */
export const CONSENT_VERSION = '2026-11';

const nameSchema = z
  .string()
  .trim()
  .max(60, 'Не длиннее 60 символов')
  .regex(/^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' -]*$/, 'Только буквы, дефис, апостроф и пробел');

type RegistrationData = {
  channel: 'sms' | 'email';
  destination: string;
  consentVersion: string;
  existing?: boolean;
};

export function registrationRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;
  const pepper = ctx.config.secrets.pepper;
  const sentSchema = z.object({ destination: z.string(), expiresAt: z.string() });

  app.post(
    '/api/auth/register',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Регистрация: телефон или почта и согласие; на контакт придёт код',
        body: z
          .object({
            phone: phoneSchema.optional(),
            email: z
              .string()
              .trim()
              .toLowerCase()
              .email('Введите адрес почты, например ivanov@mail.ru')
              .max(254)
              .optional(),
            consent: z.boolean(),
          })
          .refine((b) => !!b.phone !== !!b.email, { message: 'Укажите телефон или почту', path: ['phone'] })
          .refine((b) => b.consent === true, {
            message:
              'Чтобы зарегистрироваться, примите пользовательское соглашение и политику конфиденциальности',
            path: ['consent'],
          }),
        response: { 200: sentSchema },
      },
    },
    async (request, reply) => {
      const channel = request.body.phone ? 'sms' : 'email';
      const destination = (request.body.phone ?? request.body.email)!;
      return ctx.db.transaction(async (tx) => {
        await startFlow(tx, reply, secure, {
          kind: 'registration',
          method: 'registration',
          data: { channel, destination, consentVersion: CONSENT_VERSION } satisfies RegistrationData,
          ...clientOf(request),
        });
        const issued = await sendCode(tx, (d) => effects.deliverCode(tx, d), {
          subject: `${channel}:${destination}`,
          purpose: 'register',
          channel,
          to: destination,
          pepper,
          reuseRecent: true,
        });
        return {
          destination: maskDestination(channel, destination),
          expiresAt: issued.expiresAt.toISOString(),
        };
      });
    },
  );

  app.post(
    '/api/auth/register/resend',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Отправить код регистрации повторно',
        response: { 200: sentSchema },
      },
    },
    async (request) =>
      ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'registration');
        const data = flow.data as RegistrationData;
        if (flow.proven.includes('contact'))
          throw new HttpProblem(409, 'Контакт уже подтверждён. Задайте пароль.');
        const issued = await sendCode(tx, (d) => effects.deliverCode(tx, d), {
          subject: `${data.channel}:${data.destination}`,
          purpose: 'register',
          channel: data.channel,
          to: data.destination,
          pepper,
        });
        return {
          destination: maskDestination(data.channel, data.destination),
          expiresAt: issued.expiresAt.toISOString(),
        };
      }),
  );

  app.post(
    '/api/auth/register/verify',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Подтвердить контакт кодом',
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^\d{6}$/, 'Введите код из 6 цифр'),
        }),
        response: { 200: z.object({ status: z.enum(['confirmed', 'exists']), message: z.string() }) },
      },
    },
    async (request) => {
      const result = await ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'registration');
        const data = flow.data as RegistrationData;
        const check = await checkCode(tx, {
          subject: `${data.channel}:${data.destination}`,
          purpose: 'register',
          code: request.body.code,
          pepper,
        });
        if (!check.ok) return { problem: check.problem };
        // Only now, with the contact proven, may we say that it already has an account.
        const existing = await findUserByLogin(tx, [
          { kind: data.channel === 'sms' ? 'phone' : 'email', value: data.destination },
        ]);
        await updateFlow(tx, flow.id, { proven: ['contact'], data: { ...data, existing: !!existing } });
        return { existing: !!existing, channel: data.channel };
      });
      if ('problem' in result) throw result.problem;
      if (result.existing) {
        return {
          status: 'exists' as const,
          message:
            result.channel === 'sms'
              ? 'Учётная запись с этим телефоном уже существует. Войдите или восстановите пароль.'
              : 'Учётная запись с этой почтой уже существует. Войдите или восстановите пароль.',
        };
      }
      return { status: 'confirmed' as const, message: 'Контакт подтверждён. Задайте пароль.' };
    },
  );

  app.post(
    '/api/auth/register/complete',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Задать пароль и создать учётную запись (упрощённая)',
        body: z.object({
          password: z.string().max(1024),
          lastName: nameSchema.optional(),
          firstName: nameSchema.optional(),
          middleName: nameSchema.optional(),
        }),
        response: { 200: z.object({ status: z.literal('registered'), userId: z.string().uuid() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const client = clientOf(request);
      // Read the flow first: the slow password hash must not run inside a transaction.
      const flow = await ctx.db.transaction((tx) => currentFlow(tx, request, secure, 'registration'));
      const data = flow.data as RegistrationData;
      if (!flow.proven.includes('contact'))
        throw new HttpProblem(409, 'Сначала подтвердите телефон или почту кодом.');
      if (data.existing)
        throw new HttpProblem(
          409,
          'Учётная запись с этим контактом уже существует. Войдите или восстановите пароль.',
        );
      const verdict = checkPassword(body.password, [
        data.destination,
        body.lastName,
        body.firstName,
        body.middleName,
      ]);
      if (!verdict.ok)
        throw new HttpProblem(400, verdict.message!, [{ field: 'password', message: verdict.message! }]);
      const passwordHash = await hashPassword(body.password, pepper);

      const created = await ctx.db.transaction(async (tx) => {
        const again = await currentFlow(tx, request, secure, 'registration');
        const now = new Date();
        const existing = await findUserByLogin(tx, [
          { kind: data.channel === 'sms' ? 'phone' : 'email', value: data.destination },
        ]);
        if (existing) return null;
        const [user] = await tx
          .insert(users)
          .values({
            phone: data.channel === 'sms' ? data.destination : null,
            phoneConfirmedAt: data.channel === 'sms' ? now : null,
            email: data.channel === 'email' ? data.destination : null,
            emailConfirmedAt: data.channel === 'email' ? now : null,
            passwordHash,
            passwordChangedAt: now,
            level: 'simplified',
            lastName: body.lastName || null,
            firstName: body.firstName || null,
            middleName: body.middleName || null,
            consentVersion: data.consentVersion,
            consentAcceptedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: users.id });
        if (!user) return null;
        // The contact was proven by its code and the password chosen now: two factors.
        const { token } = await createSession(tx, {
          userId: user.id,
          method: 'registration',
          assurance: 2,
          ...client,
        });
        await recordAttempt(tx, { userId: user.id, ...client, method: 'registration', result: 'succeeded' });
        await effects.audit(tx, {
          action: 'identity.registered',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...client,
          details: { channel: data.channel, consentVersion: data.consentVersion },
        });
        await completeFlow(tx, reply, secure, again.id);
        return { userId: user.id, token };
      });
      if (!created)
        throw new HttpProblem(
          409,
          'Учётная запись с этим контактом уже существует. Войдите или восстановите пароль.',
        );
      setSessionCookie(reply, created.token, secure);
      return { status: 'registered' as const, userId: created.userId };
    },
  );
}
