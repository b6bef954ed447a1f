import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { simPushMessages, simPushSubscriptions } from './schema';
import { parseVapidHeader, verifyVapid } from './vapid';

export { parseVapidHeader, verifyVapid } from './vapid';

/**
 * The push service simulator: the smallest RFC 8030 push service a browser vendor runs, so that the
 * portal's Web Push adapter (web-push: RFC 8291 aes128gcm encryption, RFC 8292 VAPID) talks to a
 * real HTTP endpoint here. It accepts `POST <prefix>/<subscription>` with TTL, Urgency, Topic,
 * Content-Encoding: aes128gcm and «Authorization: vapid t=…, k=…», checks the VAPID token and the
 * key the subscription is restricted to, and keeps the encrypted message until the subscribed
 * «browser» (the development routes, dev-routes.ts) reads it. Protocol and answers: README.md.
 */
export interface PushSimulatorOptions {
  db: Db;
  now?: () => Date;
}

/** RFC 8291 §4: push services must accept at least 4096 octets of payload; this one accepts exactly that. */
export const MAX_MESSAGE_BYTES = 4096;
/** How long a message may wait for its browser: four weeks, as real push services keep them at most. */
export const MAX_TTL_SECONDS = 28 * 24 * 3600;
const URGENCIES = ['very-low', 'low', 'normal', 'high'] as const;

/** A new subscription id, the last segment of its endpoint. */
export const newSubscriptionId = () => randomBytes(16).toString('base64url');
export const subscriptionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Неверный идентификатор подписки');

/** scheme://host[:port] this service was reached at: what `aud` of a VAPID token must name. */
export const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export const pushSimulator: FastifyPluginAsync<PushSimulatorOptions> = async (plugin, options) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const now = options.now ?? (() => new Date());

  // A push message is an opaque encrypted body: taken as bytes whatever its type, up to the limit
  // (a larger one is refused with 413 before the handler runs).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_MESSAGE_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  const header = (request: FastifyRequest, name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };

  app.post(
    '/:subscription',
    {
      config: { access: 'public', csrf: false },
      schema: { hide: true, params: z.object({ subscription: z.string().max(200) }) },
    },
    async (request, reply) => {
      const id = subscriptionIdSchema.safeParse(request.params.subscription);
      if (!id.success) throw new HttpProblem(404, 'Такой подписки нет.');

      // RFC 8030 §5.2: TTL is required.
      const ttlHeader = header(request, 'ttl');
      if (ttlHeader === undefined || !/^\d{1,10}$/.test(ttlHeader.trim()))
        throw new HttpProblem(
          400,
          'Укажите заголовок TTL: сколько секунд хранить сообщение (целое число ≥ 0).',
        );
      const ttl = Math.min(Number(ttlHeader.trim()), MAX_TTL_SECONDS);
      const urgency = (header(request, 'urgency') ?? 'normal').trim().toLowerCase();
      if (!(URGENCIES as readonly string[]).includes(urgency))
        throw new HttpProblem(400, 'Заголовок Urgency: very-low, low, normal или high.');
      const topic = header(request, 'topic')?.trim() || null;
      if (topic !== null && !/^[A-Za-z0-9_-]{1,32}$/.test(topic))
        throw new HttpProblem(400, 'Заголовок Topic: до 32 символов base64url.');

      // RFC 8292: the sender identifies itself; a push service refuses anonymous or broken tokens.
      const vapid = parseVapidHeader(header(request, 'authorization'));
      if (!vapid)
        throw new HttpProblem(
          401,
          'Нужен заголовок Authorization: vapid t=<JWT>, k=<открытый ключ>.',
          undefined,
          'about:blank',
          { 'www-authenticate': 'vapid' },
        );
      const check = verifyVapid(vapid.token, vapid.key, originOf(request), now().getTime());
      if (!check.ok)
        throw new HttpProblem(401, `Токен VAPID отклонён: ${check.reason}.`, undefined, 'about:blank', {
          'www-authenticate': 'vapid',
        });

      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const encoding = header(request, 'content-encoding')?.trim().toLowerCase() ?? null;
      if (body.length > 0) {
        if (encoding !== 'aes128gcm')
          throw new HttpProblem(
            400,
            'Тело сообщения должно быть зашифровано: Content-Encoding: aes128gcm (RFC 8291).',
          );
        // RFC 8188 §2.1: salt (16) + record size (4) + key id length (1) + key id, then at least a tag.
        const idLength = body.length >= 21 ? body[20]! : 0;
        if (body.length < 21 + idLength + 17)
          throw new HttpProblem(400, 'Тело не похоже на запись aes128gcm: заголовок неполный.');
      }

      const at = now();
      const stored = await options.db.transaction(async (tx) => {
        const [subscription] = await tx
          .select()
          .from(simPushSubscriptions)
          .where(eq(simPushSubscriptions.id, id.data))
          .limit(1);
        if (!subscription) throw new HttpProblem(404, 'Такой подписки нет.');
        if (subscription.expiredAt)
          throw new HttpProblem(410, 'Подписка больше не действует: браузер отписался.');
        // RFC 8292 §4.2: a subscription made with an application server key takes messages signed by it only.
        if (subscription.applicationServerKey !== check.key)
          throw new HttpProblem(403, 'Ключ VAPID не тот, с которым браузер оформил подписку.');
        if (topic)
          await tx
            .delete(simPushMessages)
            .where(
              and(eq(simPushMessages.subscriptionId, subscription.id), eq(simPushMessages.topic, topic)),
            );
        const [row] = await tx
          .insert(simPushMessages)
          .values({
            subscriptionId: subscription.id,
            ttl,
            urgency,
            topic,
            contentEncoding: body.length ? encoding : null,
            body: body.toString('base64url'),
            sender: check.subject,
            receivedAt: at,
          })
          .returning({ id: simPushMessages.id });
        return row!;
      });
      // RFC 8030 §5: 201 Created, the push message resource in Location, the TTL actually kept.
      return reply
        .code(201)
        .header(
          'location',
          `${originOf(request)}${request.url.replace(/\/[^/]*$/, '')}/messages/${stored.id}`,
        )
        .header('ttl', String(ttl))
        .send();
    },
  );
};
