import { z } from 'zod';
import { phoneSchema } from '@kabinet/shared';
import type { Api, AppContext } from '../context';
import { latestMail, latestSms } from './queries';

const limitSchema = z.coerce
  .number({ error: 'Укажите число сообщений от 1 до 100' })
  .int('Укажите число сообщений от 1 до 100')
  .min(1, 'Укажите число сообщений от 1 до 100')
  .max(100, 'Укажите число сообщений от 1 до 100')
  .default(20);

const emailQuerySchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Введите адрес электронной почты, например ivanov@example.ru' }));

const smsSchema = z.object({
  id: z.string(),
  to: z.string(),
  text: z.string(),
  purpose: z.string(),
  createdAt: z.string(),
  sentAt: z.string(),
});

const mailSchema = z.object({
  id: z.string(),
  messageId: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string(),
  subject: z.string().nullable(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  size: z.number().int(),
  receivedAt: z.string(),
});

/**
 * The development read API: the SMS a phone would show and the e-mail a mailbox would hold, for
 * developers and browser tests reading one-time codes exactly as a person does.
 *
 * SECURITY: `access: 'public'` is acceptable here only because these routes do not exist in
 * production — messagingModule registers them only when config.devTools is on and NODE_ENV is not
 * production. They reveal every code sent. They are left out of the OpenAPI document (which
 * describes the production API).
 */
export function devMessagingRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/dev/sms',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        tags: ['dev'],
        summary: 'Разработка: доставленные SMS, новые первыми',
        querystring: z.object({ to: phoneSchema.optional(), limit: limitSchema }),
        response: { 200: z.object({ messages: z.array(smsSchema) }) },
      },
    },
    async (request) => {
      const messages = await latestSms(ctx.db, { to: request.query.to, limit: request.query.limit });
      return {
        messages: messages.map((m) => ({
          id: m.id,
          to: m.to,
          text: m.text,
          purpose: m.purpose,
          createdAt: m.createdAt.toISOString(),
          sentAt: m.sentAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/dev/mail',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        tags: ['dev'],
        summary: 'Разработка: письма, принятые встроенным почтовым сервером, новые первыми',
        querystring: z.object({ to: emailQuerySchema.optional(), limit: limitSchema }),
        response: { 200: z.object({ messages: z.array(mailSchema) }) },
      },
    },
    async (request) => {
      const messages = await latestMail(ctx.db, { to: request.query.to, limit: request.query.limit });
      return { messages: messages.map((m) => ({ ...m, receivedAt: m.receivedAt.toISOString() })) };
    },
  );
}
