import { isDeepStrictEqual } from 'node:util';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { checkRequest, type RegistryKind } from './registry';
import { acceptRequest, findRequest } from './store';
import {
  requestSigningInput,
  responseSigningInput,
  sign,
  signatureValid,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './signature';

export { ensureSimulatorStore } from './store';
export { REGISTERED_PEOPLE, VOID_PASSPORTS, UNISSUED_INN } from './registry';

/**
 * The state registries simulator: ФМС/МВД (passport validity), СФР (СНИЛС of this person) and ФНС
 * (ИНН of this person), spoken to over HTTP in the spirit of СМЭВ — an asynchronous request with
 * an idempotency key, polled for its answer, every message signed. Rules: README.md beside this file.
 */
export interface RegistriesSimulatorOptions {
  db: Db;
  /** The HMAC secret shared with the portal (REGISTRIES_SECRET). */
  secret: string;
  /** How long an answer stays «pending» (REGISTRIES_SIM_DELAY_MS); read at each request. */
  delayMs: number | (() => number);
  now?: () => Date;
}

const name = z.string().trim().min(1).max(100);
const isoDate = z.iso.date();
const base = {
  lastName: name,
  firstName: name,
  middleName: z.string().trim().max(100).nullish(),
  birthDate: isoDate,
};
const requestId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'requestId: 8–100 символов A–Z, a–z, 0–9, «.», «_», «:», «-»');

const submission = z.discriminatedUnion('kind', [
  z.object({
    requestId,
    kind: z.literal('passport'),
    person: z.object({
      ...base,
      passport: z.object({
        series: z.string().regex(/^\d{4}$/),
        number: z.string().regex(/^\d{6}$/),
        issuedAt: isoDate,
        issuerCode: z.string().regex(/^\d{3}-\d{3}$/),
      }),
    }),
  }),
  z.object({
    requestId,
    kind: z.literal('snils'),
    person: z.object({ ...base, snils: z.string().regex(/^\d{11}$/) }),
  }),
  z.object({
    requestId,
    kind: z.literal('inn'),
    person: z.object({ ...base, inn: z.string().regex(/^\d{12}$/) }),
  }),
]);

const moscowDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const rawBodies = new WeakMap<FastifyRequest, string>();

export const registriesSimulator: FastifyPluginAsync<RegistriesSimulatorOptions> = async (
  plugin,
  options,
) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const now = options.now ?? (() => new Date());
  const delayMs = typeof options.delayMs === 'function' ? options.delayMs : () => options.delayMs as number;

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

  // Every request must be signed by the portal; nothing unsigned reaches the registries.
  app.addHook('preValidation', async (request) => {
    const path = request.url.split('?')[0]!;
    const input = requestSigningInput(
      String(request.headers[TIMESTAMP_HEADER] ?? ''),
      request.method,
      path,
      rawBodies.get(request) ?? '',
    );
    const ok = signatureValid(
      options.secret,
      input,
      request.headers[SIGNATURE_HEADER] as string | undefined,
      request.headers[TIMESTAMP_HEADER] as string | undefined,
      now().getTime(),
    );
    if (!ok) throw new HttpProblem(401, 'Запрос не подписан или подпись неверна.');
  });

  /** Every answer is signed, so the portal can tell it from a forged or altered one. */
  const sendSigned = (reply: FastifyReply, status: number, payload: object) => {
    const body = JSON.stringify(payload);
    const timestamp = String(now().getTime());
    return reply
      .code(status)
      .header(TIMESTAMP_HEADER, timestamp)
      .header(SIGNATURE_HEADER, sign(options.secret, responseSigningInput(timestamp, body)))
      .type('application/json; charset=utf-8')
      .send(body);
  };

  const routeConfig = { access: 'public' as const, csrf: false };

  app.post(
    '/requests',
    { config: routeConfig, schema: { hide: true, body: submission } },
    async (request, reply) => {
      const { requestId: id, kind, person } = request.body;
      const at = now();
      const verdict = checkRequest(kind, person, moscowDay.format(at));
      const stored = await acceptRequest(options.db, {
        requestId: id,
        kind,
        person: person as Record<string, unknown>,
        result: verdict.result,
        reason: verdict.result === 'invalid' ? verdict.reason : null,
        readyAt: new Date(at.getTime() + delayMs()),
      });
      // An idempotency key names one request: the same key with other data is a caller's error.
      if (stored.kind !== kind || !isDeepStrictEqual(normalise(stored.person), normalise(person))) {
        throw new HttpProblem(409, 'Запрос с этим requestId уже принят с другими данными.');
      }
      return sendSigned(reply, 202, { requestId: id, status: 'accepted' });
    },
  );

  app.get(
    '/requests/:requestId',
    { config: routeConfig, schema: { hide: true, params: z.object({ requestId }) } },
    async (request, reply) => {
      const row = await findRequest(options.db, request.params.requestId);
      if (!row) throw new HttpProblem(404, 'Запрос с таким requestId не поступал.');
      if (row.readyAt.getTime() > now().getTime()) {
        return sendSigned(reply, 200, { requestId: row.requestId, kind: row.kind, status: 'pending' });
      }
      return sendSigned(reply, 200, {
        requestId: row.requestId,
        kind: row.kind as RegistryKind,
        status: 'done',
        result: row.result,
        ...(row.reason ? { reason: row.reason } : {}),
      });
    },
  );
};

/** JSON as PostgreSQL's jsonb gives it back: keys in any order, no undefined members. */
function normalise(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
