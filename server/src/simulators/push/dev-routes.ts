import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { newSubscriptionId, originOf, subscriptionIdSchema } from './index';
import { simPushMessages, simPushSubscriptions } from './schema';

/**
 * The development «browser» of the push service simulator: subscribe with an application server
 * key (what PushManager.subscribe does), read the messages waiting for a subscription, unsubscribe.
 * The encryption keys (p256dh, auth) never come here: the caller keeps them, exactly as a browser
 * keeps them from its push service, and decrypts what it reads.
 *
 * SECURITY: `access: 'public'` is acceptable only because these routes exist only when DEV_TOOLS is
 * on, NODE_ENV is not production and the simulator is mounted (simulators/index.ts); they reveal
 * nothing but ciphertext. Left out of the OpenAPI document.
 */
export function devPushRoutes(
  app: FastifyInstance,
  db: Db,
  prefix: string,
  now: () => Date = () => new Date(),
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'public' as const, csrf: false };
  const params = z.object({ id: subscriptionIdSchema });

  api.post(
    '/api/dev/push/subscriptions',
    {
      config,
      schema: {
        hide: true,
        tags: ['dev'],
        summary: 'Разработка: подписаться на push-сообщения (как PushManager.subscribe)',
        body: z.object({
          applicationServerKey: z
            .string()
            .regex(/^[A-Za-z0-9_-]{87}$/, 'Открытый ключ VAPID: 65 байт в base64url'),
        }),
      },
    },
    async (request, reply) => {
      const id = newSubscriptionId();
      await db
        .insert(simPushSubscriptions)
        .values({ id, applicationServerKey: request.body.applicationServerKey, createdAt: now() });
      return reply.code(201).send({ id, endpoint: `${originOf(request)}${prefix}/${id}` });
    },
  );

  api.get(
    '/api/dev/push/subscriptions/:id/messages',
    {
      config,
      schema: {
        hide: true,
        tags: ['dev'],
        summary: 'Разработка: сообщения, ждущие подписку (зашифрованные, как их получает браузер)',
        params,
      },
    },
    async (request) => {
      const [subscription] = await db
        .select()
        .from(simPushSubscriptions)
        .where(eq(simPushSubscriptions.id, request.params.id))
        .limit(1);
      if (!subscription) throw new HttpProblem(404, 'Такой подписки нет.');
      const rows = await db
        .select()
        .from(simPushMessages)
        .where(
          and(
            eq(simPushMessages.subscriptionId, subscription.id),
            // Kept no longer than their TTL.
            gt(sql`${simPushMessages.receivedAt} + make_interval(secs => ${simPushMessages.ttl})`, now()),
          ),
        )
        .orderBy(asc(simPushMessages.receivedAt));
      return {
        messages: rows.map((m) => ({
          id: m.id,
          receivedAt: m.receivedAt.toISOString(),
          ttl: m.ttl,
          urgency: m.urgency,
          topic: m.topic,
          contentEncoding: m.contentEncoding,
          body: m.body,
          sender: m.sender,
        })),
      };
    },
  );

  api.delete(
    '/api/dev/push/subscriptions/:id',
    {
      config,
      schema: {
        hide: true,
        tags: ['dev'],
        summary: 'Разработка: отписаться (дальше служба отвечает 410 Gone)',
        params,
      },
    },
    async (request) => {
      const gone = await db
        .update(simPushSubscriptions)
        .set({ expiredAt: now() })
        .where(and(eq(simPushSubscriptions.id, request.params.id), isNull(simPushSubscriptions.expiredAt)))
        .returning({ id: simPushSubscriptions.id });
      if (!gone.length) throw new HttpProblem(404, 'Такой действующей подписки нет.');
      await db.delete(simPushMessages).where(eq(simPushMessages.subscriptionId, request.params.id));
      return { status: 'unsubscribed' as const };
    },
  );
}
