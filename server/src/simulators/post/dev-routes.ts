import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { simPostLetters } from './schema';
import { validateTrackNumber } from './track';
import { collectable, trackingEvents } from './tracking';

const trackSchema = z.string().superRefine((v, c) => {
  const r = validateTrackNumber(v);
  if (!r.ok) c.addIssue({ code: 'custom', message: r.message });
});

/**
 * The development «mailbox»: the letter's text (with its code) once it has reached the recipient's
 * post office — reading it plays the recipient collecting it there, so tracking then shows
 * «Вручено адресату». Before that the letter is on its way; after 30 simulated days it went back.
 *
 * SECURITY: `access: 'public'` is acceptable only because this route exists only when DEV_TOOLS is
 * on and NODE_ENV is not production (simulators/index.ts), exactly like /api/dev/sms; it reveals
 * the code of any letter whose track number is known. Left out of the OpenAPI document.
 */
export function devPostRoutes(app: FastifyInstance, db: Db, now: () => Date = () => new Date()) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/dev/post',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        tags: ['dev'],
        summary: 'Разработка: письмо Почты России в почтовом ящике получателя',
        querystring: z.object({ track: trackSchema }),
      },
    },
    async (request) => {
      const track = validateTrackNumber(request.query.track);
      const number = track.ok ? track.value : '';
      const [letter] = await db
        .select()
        .from(simPostLetters)
        .where(eq(simPostLetters.trackNumber, number))
        .limit(1);
      if (!letter) throw new HttpProblem(404, 'Письма с таким трек-номером нет.');
      const at = now();
      if (collectable(letter, at)) {
        await db
          .update(simPostLetters)
          .set({ collectedAt: at })
          .where(and(eq(simPostLetters.trackNumber, number), isNull(simPostLetters.collectedAt)));
        letter.collectedAt = at;
      }
      const events = trackingEvents(letter, at);
      const status = events[events.length - 1]!.status;
      if (status !== 'delivered')
        throw new HttpProblem(
          409,
          status === 'returned'
            ? 'Письмо не забрали за 30 дней, и оно вернулось отправителю.'
            : 'Письмо ещё в пути: оно будет в отделении через несколько дней.',
        );
      return {
        trackNumber: letter.trackNumber,
        status,
        from: letter.senderName,
        to: letter.recipientName,
        address: letter.recipientAddress,
        text: letter.contents,
        collectedAt: letter.collectedAt!.toISOString(),
      };
    },
  );
}
