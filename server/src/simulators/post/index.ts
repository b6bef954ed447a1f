import { isDeepStrictEqual } from 'node:util';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { requestSigningInput, responseSigningInput, sign, signatureValid } from '../registries/signature';
import { simPostLetters, simPostSerials } from './schema';
import { makeTrackNumber, trackMonthCode, validateTrackNumber } from './track';
import { trackingEvents } from './tracking';

export { trackingEvents, collectable, STORAGE_DAYS, ARRIVED_AFTER_DAYS } from './tracking';
export { validateTrackNumber, makeTrackNumber, trackCheckDigit } from './track';

/** The signature headers of the Russian Post exchange (same scheme as the registries, its own key). */
export const POST_SIGNATURE_HEADER = 'x-post-signature';
export const POST_TIMESTAMP_HEADER = 'x-post-timestamp';

/**
 * The Russian Post simulator: accepts registered letters (заказные письма) over a signed HTTP API,
 * gives each a real-format 14-digit track number, and answers tracking requests with events that
 * advance with time. Protocol and rules: README.md beside this file.
 */
export interface PostSimulatorOptions {
  db: Db;
  /** The HMAC secret shared with the portal (POST_SECRET). */
  secret: string;
  /** One simulated day (POST_SIM_STEP_MS); read at each acceptance. */
  stepMs: () => number;
  now?: () => Date;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const index = z.string().regex(/^[1-9]\d{5}$/);
const submission = z.object({
  requestId: z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/),
  sender: z.object({ name: text(200), index }),
  recipient: z.object({
    name: text(200),
    address: z.object({
      index,
      region: z.string().trim().max(100).nullable(),
      city: text(100),
      street: text(150),
      house: text(20),
      flat: z.string().trim().max(20).nullable(),
    }),
  }),
  contents: text(5000),
});

const rawBodies = new WeakMap<FastifyRequest, string>();

export const postSimulator: FastifyPluginAsync<PostSimulatorOptions> = async (plugin, options) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const now = options.now ?? (() => new Date());

  // Signatures cover the body exactly as sent, so keep it before parsing.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(new HttpProblem(400, 'Тело запроса не является корректным JSON.'), undefined);
    }
  });

  app.addHook('preValidation', async (request) => {
    const input = requestSigningInput(
      String(request.headers[POST_TIMESTAMP_HEADER] ?? ''),
      request.method,
      request.url.split('?')[0]!,
      rawBodies.get(request) ?? '',
    );
    const ok = signatureValid(
      options.secret,
      input,
      request.headers[POST_SIGNATURE_HEADER] as string | undefined,
      request.headers[POST_TIMESTAMP_HEADER] as string | undefined,
      now().getTime(),
    );
    if (!ok) throw new HttpProblem(401, 'Запрос не подписан или подпись неверна.');
  });

  const sendSigned = (reply: FastifyReply, status: number, payload: object) => {
    const body = JSON.stringify(payload);
    const timestamp = String(now().getTime());
    return reply
      .code(status)
      .header(POST_TIMESTAMP_HEADER, timestamp)
      .header(POST_SIGNATURE_HEADER, sign(options.secret, responseSigningInput(timestamp, body)))
      .type('application/json; charset=utf-8')
      .send(body);
  };

  const routeConfig = { access: 'public' as const, csrf: false };

  app.post(
    '/letters',
    { config: routeConfig, schema: { hide: true, body: submission } },
    async (request, reply) => {
      const b = request.body;
      const at = now();
      const result = await options.db.transaction(async (tx) => {
        const [existing] = await tx
          .select()
          .from(simPostLetters)
          .where(eq(simPostLetters.requestId, b.requestId))
          .limit(1);
        if (existing) {
          // An idempotency key names one letter: the same key with another letter is the caller's error.
          const same =
            existing.senderName === b.sender.name &&
            existing.senderIndex === b.sender.index &&
            existing.recipientName === b.recipient.name &&
            existing.contents === b.contents &&
            isDeepStrictEqual(existing.recipientAddress, b.recipient.address);
          if (!same) throw new HttpProblem(409, 'Письмо с этим requestId уже принято с другими данными.');
          return { status: 200, letter: existing };
        }
        const prefix = b.sender.index + trackMonthCode(at);
        const [serial] = await tx
          .insert(simPostSerials)
          .values({ prefix, last: 1 })
          .onConflictDoUpdate({
            target: simPostSerials.prefix,
            set: { last: sql`${simPostSerials.last} + 1` },
          })
          .returning({ last: simPostSerials.last });
        if (serial!.last > 99_999)
          throw new HttpProblem(503, 'Отделение исчерпало номера отправлений на этот месяц.');
        const [letter] = await tx
          .insert(simPostLetters)
          .values({
            trackNumber: makeTrackNumber(b.sender.index, at, serial!.last),
            requestId: b.requestId,
            senderName: b.sender.name,
            senderIndex: b.sender.index,
            recipientName: b.recipient.name,
            recipientAddress: b.recipient.address,
            contents: b.contents,
            acceptedAt: at,
            stepMs: options.stepMs(),
          })
          .returning();
        return { status: 201, letter: letter! };
      });
      return sendSigned(reply, result.status, {
        requestId: b.requestId,
        trackNumber: result.letter.trackNumber,
        acceptedAt: result.letter.acceptedAt.toISOString(),
      });
    },
  );

  app.get(
    '/letters/:trackNumber',
    {
      config: routeConfig,
      schema: { hide: true, params: z.object({ trackNumber: z.string().max(40) }) },
    },
    async (request, reply) => {
      const checked = validateTrackNumber(request.params.trackNumber);
      if (!checked.ok) throw new HttpProblem(400, checked.message);
      const [letter] = await options.db
        .select()
        .from(simPostLetters)
        .where(eq(simPostLetters.trackNumber, checked.value))
        .limit(1);
      if (!letter) throw new HttpProblem(404, 'Отправление с таким трек-номером не найдено.');
      // The contents stay sealed: tracking tells where the letter is, never what is inside.
      const events = trackingEvents(letter, now());
      return sendSigned(reply, 200, {
        trackNumber: letter.trackNumber,
        status: events[events.length - 1]!.status,
        events,
      });
    },
  );
};
