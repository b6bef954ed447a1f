import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../platform/config';

/**
 * Identity's window onto the state registries: ФМС/МВД (is the passport valid), СФР (is the СНИЛС
 * this person's), ФНС (is the ИНН this person's). The exchange is asynchronous, as in СМЭВ: a request
 * is submitted under an idempotency key and its answer polled for. This HTTP implementation talks to
 * the registries simulator (server/src/simulators/registries) or anything speaking its protocol; a
 * production adapter to the real СМЭВ would implement the same interface. Retries belong to the
 * caller's job: every method fails fast with a RegistryError.
 */
export type RegistryKind = 'passport' | 'snils' | 'inn';

export interface RegistryPerson {
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** YYYY-MM-DD */
  birthDate: string;
  passport?: { series: string; number: string; issuedAt: string; issuerCode: string };
  snils?: string;
  inn?: string;
}

export type RegistryAnswer =
  { status: 'pending' } | { status: 'done'; result: 'valid' | 'invalid'; reason?: string };

export interface RegistriesGateway {
  /** Sends a request; sending the same requestId again never creates a second one. */
  submit(kind: RegistryKind, requestId: string, person: RegistryPerson): Promise<void>;
  /** The registry's answer so far; RegistryError with code 'unknown_request' when it has no such request. */
  poll(requestId: string): Promise<RegistryAnswer>;
}

export type RegistryErrorCode =
  'unreachable' | 'timeout' | 'bad_status' | 'bad_signature' | 'bad_answer' | 'unknown_request';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

const SIGNATURE_HEADER = 'x-registries-signature';
const TIMESTAMP_HEADER = 'x-registries-timestamp';
const MAX_SKEW_MS = 5 * 60 * 1000;

const hmac = (secret: string, input: string) =>
  `v1=${createHmac('sha256', secret).update(input).digest('base64url')}`;

function sameSignature(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const accepted = z.object({ requestId: z.string(), status: z.literal('accepted') });
const answer = z.discriminatedUnion('status', [
  z.object({ requestId: z.string(), status: z.literal('pending') }),
  z.object({
    requestId: z.string(),
    status: z.literal('done'),
    result: z.enum(['valid', 'invalid']),
    reason: z.string().max(1000).optional(),
  }),
]);

/** Only what each registry needs: the МВД gets no СНИЛС, the СФР and the ФНС get no passport. */
function minimised(kind: RegistryKind, p: RegistryPerson) {
  const base = {
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    birthDate: p.birthDate,
  };
  if (kind === 'passport') return { ...base, passport: p.passport };
  if (kind === 'snils') return { ...base, snils: p.snils };
  return { ...base, inn: p.inn };
}

export interface HttpGatewayOptions {
  /** Read on every call: the simulator's address becomes known only once the app listens. */
  baseUrl: () => string;
  secret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export class HttpRegistriesGateway implements RegistriesGateway {
  constructor(private readonly options: HttpGatewayOptions) {}

  async submit(kind: RegistryKind, requestId: string, person: RegistryPerson): Promise<void> {
    const body = JSON.stringify({ requestId, kind, person: minimised(kind, person) });
    const data = await this.call('POST', '/requests', body, [202]);
    const parsed = accepted.safeParse(data.json);
    if (!parsed.success || parsed.data.requestId !== requestId)
      throw new RegistryError('bad_answer', 'registries: unexpected answer to a submission');
  }

  async poll(requestId: string): Promise<RegistryAnswer> {
    const data = await this.call('GET', `/requests/${encodeURIComponent(requestId)}`, '', [200, 404]);
    if (data.status === 404)
      throw new RegistryError('unknown_request', `registries: no request ${requestId}`);
    const parsed = answer.safeParse(data.json);
    // The answer must be about the request asked for: a signed answer to another one is refused too.
    if (!parsed.success || parsed.data.requestId !== requestId)
      throw new RegistryError('bad_answer', 'registries: unexpected answer to a poll');
    const a = parsed.data;
    return a.status === 'pending'
      ? { status: 'pending' }
      : { status: 'done', result: a.result, ...(a.reason ? { reason: a.reason } : {}) };
  }

  private async call(method: 'GET' | 'POST', path: string, body: string, expected: number[]) {
    const base = this.options.baseUrl().replace(/\/+$/, '');
    const url = new URL(base + path);
    const timestamp = String(Date.now());
    const signature = hmac(this.options.secret, `${timestamp}\n${method} ${url.pathname}\n${body}`);
    let res: Response;
    try {
      res = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: {
          accept: 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signature,
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        body: method === 'POST' ? body : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new RegistryError(
        timedOut ? 'timeout' : 'unreachable',
        `registries ${method} ${url.pathname}: ${(err as Error).message}`,
      );
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw new RegistryError(
        'unreachable',
        `registries ${method} ${url.pathname}: ${(err as Error).message}`,
      );
    }
    if (!expected.includes(res.status))
      throw new RegistryError('bad_status', `registries ${method} ${url.pathname}: HTTP ${res.status}`);
    if (res.status === 404) return { status: 404, json: null };
    // Trust nothing the signature does not cover: an unsigned, stale or altered answer is refused.
    const ts = res.headers.get(TIMESTAMP_HEADER);
    const sig = res.headers.get(SIGNATURE_HEADER);
    const fresh = !!ts && /^\d{10,16}$/.test(ts) && Math.abs(Date.now() - Number(ts)) <= MAX_SKEW_MS;
    if (!fresh || !sig || !sameSignature(sig, hmac(this.options.secret, `${ts}\n${text}`))) {
      throw new RegistryError(
        'bad_signature',
        `registries ${method} ${url.pathname}: the answer is not signed by the registries`,
      );
    }
    try {
      return { status: res.status, json: JSON.parse(text) as unknown };
    } catch {
      throw new RegistryError('bad_answer', `registries ${method} ${url.pathname}: the answer is not JSON`);
    }
  }
}

export const REGISTRIES_PATH = '/sim/registries';

/** The gateway the configuration describes: REGISTRIES_URL, or this app's own simulator. */
export function registriesGateway(config: Config): RegistriesGateway {
  return new HttpRegistriesGateway({
    baseUrl: () => config.registriesUrl ?? `http://127.0.0.1:${config.port}${REGISTRIES_PATH}`,
    secret: config.registriesSecret,
    timeoutMs: config.registriesTimeoutMs,
  });
}
