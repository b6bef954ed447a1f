import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../platform/config';

/**
 * Identity's window onto Russian Post: send a registered letter with sealed contents, and follow it
 * by its track number. This HTTP implementation talks to the post simulator
 * (server/src/simulators/post) or anything speaking its protocol; an adapter to the real Почта
 * России API would implement the same interface. Every method fails fast with a PostError.
 */
export interface PostAddress {
  index: string;
  region: string | null;
  city: string;
  street: string;
  house: string;
  flat: string | null;
}

export const trackingStatuses = ['accepted', 'in_transit', 'arrived', 'delivered', 'returned'] as const;
export type TrackingStatus = (typeof trackingStatuses)[number];

export interface TrackingEvent {
  status: TrackingStatus;
  at: string;
  place: string;
}

export interface PostGateway {
  /** Hands a letter to the post; the same requestId never sends a second one. */
  send(input: {
    requestId: string;
    sender: { name: string; index: string };
    recipient: { name: string; address: PostAddress };
    contents: string;
  }): Promise<{ trackNumber: string; acceptedAt: Date }>;
  /** Where the letter is: every tracking event so far, oldest first. */
  track(trackNumber: string): Promise<{ status: TrackingStatus; events: TrackingEvent[] }>;
}

export type PostErrorCode = 'unreachable' | 'timeout' | 'bad_status' | 'bad_signature' | 'bad_answer';

export class PostError extends Error {
  constructor(
    readonly code: PostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PostError';
  }
}

const SIGNATURE_HEADER = 'x-post-signature';
const TIMESTAMP_HEADER = 'x-post-timestamp';
const MAX_SKEW_MS = 5 * 60 * 1000;

const hmac = (secret: string, input: string) =>
  `v1=${createHmac('sha256', secret).update(input).digest('base64url')}`;

function sameSignature(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const trackNumber = z.string().regex(/^\d{14}$/);
const accepted = z.object({ requestId: z.string(), trackNumber, acceptedAt: z.iso.datetime() });
const event = z.object({
  status: z.enum(trackingStatuses),
  at: z.iso.datetime(),
  place: z.string().max(300),
});
const tracking = z.object({
  trackNumber,
  status: z.enum(trackingStatuses),
  events: z.array(event).min(1).max(50),
});

export interface HttpPostGatewayOptions {
  /** Read on every call: the simulator's address becomes known only once the app listens. */
  baseUrl: () => string;
  secret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export class HttpPostGateway implements PostGateway {
  constructor(private readonly options: HttpPostGatewayOptions) {}

  async send(input: Parameters<PostGateway['send']>[0]) {
    const data = await this.call('POST', '/letters', JSON.stringify(input), [200, 201]);
    const parsed = accepted.safeParse(data);
    if (!parsed.success || parsed.data.requestId !== input.requestId)
      throw new PostError('bad_answer', 'post: unexpected answer to a letter');
    return { trackNumber: parsed.data.trackNumber, acceptedAt: new Date(parsed.data.acceptedAt) };
  }

  async track(number: string) {
    const data = await this.call('GET', `/letters/${encodeURIComponent(number)}`, '', [200]);
    const parsed = tracking.safeParse(data);
    // The answer must be about the letter asked for: a signed answer about another one is refused.
    if (!parsed.success || parsed.data.trackNumber !== number)
      throw new PostError('bad_answer', 'post: unexpected tracking answer');
    return { status: parsed.data.status, events: parsed.data.events };
  }

  private async call(method: 'GET' | 'POST', path: string, body: string, expected: number[]) {
    const url = new URL(this.options.baseUrl().replace(/\/+$/, '') + path);
    const timestamp = String(Date.now());
    let res: Response;
    try {
      res = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: {
          accept: 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: hmac(this.options.secret, `${timestamp}\n${method} ${url.pathname}\n${body}`),
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        body: method === 'POST' ? body : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new PostError(
        timedOut ? 'timeout' : 'unreachable',
        `post ${method} ${url.pathname}: ${(err as Error).message}`,
      );
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw new PostError('unreachable', `post ${method} ${url.pathname}: ${(err as Error).message}`);
    }
    if (!expected.includes(res.status))
      throw new PostError('bad_status', `post ${method} ${url.pathname}: HTTP ${res.status}`);
    // Trust nothing the signature does not cover: an unsigned, stale or altered answer is refused.
    const ts = res.headers.get(TIMESTAMP_HEADER);
    const sig = res.headers.get(SIGNATURE_HEADER);
    const fresh = !!ts && /^\d{10,16}$/.test(ts) && Math.abs(Date.now() - Number(ts)) <= MAX_SKEW_MS;
    if (!fresh || !sig || !sameSignature(sig, hmac(this.options.secret, `${ts}\n${text}`)))
      throw new PostError(
        'bad_signature',
        `post ${method} ${url.pathname}: the answer is not signed by the post`,
      );
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new PostError('bad_answer', `post ${method} ${url.pathname}: the answer is not JSON`);
    }
  }
}

export const POST_PATH = '/sim/post';

/** The gateway the configuration describes: POST_URL, or this app's own simulator. */
export function postGateway(config: Config): PostGateway {
  return new HttpPostGateway({
    baseUrl: () => config.postUrl ?? `http://127.0.0.1:${config.port}${POST_PATH}`,
    secret: config.postSecret,
    timeoutMs: config.postTimeoutMs,
  });
}
