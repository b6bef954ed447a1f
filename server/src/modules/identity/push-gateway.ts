import webpush from 'web-push';
import type { Config } from '../../platform/config';

/**
 * Identity's window onto the browsers' push services: one encrypted message to one Web Push
 * subscription. web-push builds the request — RFC 8291 aes128gcm encryption to the subscription's
 * keys and an RFC 8292 VAPID token signed with this installation's key — and it goes out over
 * fetch, so that the push service simulator (server/src/simulators/push, plain HTTP in
 * development) and the vendors' services (FCM, Mozilla, WNS, Apple) are reached the same way.
 */
export interface PushSubscriptionData {
  endpoint: string;
  /** The browser's ECDH P-256 public key, base64url. */
  p256dh: string;
  /** The 16-byte authentication secret, base64url. */
  auth: string;
}

export interface PushMessageOptions {
  /** Seconds the push service may keep the message while the browser is offline. */
  ttl: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** A newer message with the same topic replaces a waiting one (RFC 8030 §5.4). */
  topic?: string;
}

/** delivered: the push service accepted it; gone: the subscription no longer exists (404/410). */
export type PushOutcome = { result: 'delivered' } | { result: 'gone' } | { result: 'failed'; reason: string };

export interface PushGateway {
  send(
    subscription: PushSubscriptionData,
    payload: string,
    options: PushMessageOptions,
  ): Promise<PushOutcome>;
}

export const PUSH_PATH = '/sim/push';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a subscription endpoint is not acceptable, in Russian, or null when it is. The server POSTs
 * to this address, so it must be a known push service over HTTPS (PUSH_SERVICE_HOSTS) — never an
 * arbitrary host of the caller's choosing — or, in development, this installation's own simulator.
 */
export function endpointProblem(config: Config, endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'Адрес подписки не похож на адрес в интернете.';
  }
  if (url.username || url.password) return 'В адресе подписки не должно быть имени и пароля.';
  const host = url.hostname.toLowerCase();
  if (config.pushSimulator && url.pathname.startsWith(`${PUSH_PATH}/`)) {
    // This app's own simulator: where it listens (any loopback name for it) or at PUBLIC_URL.
    const own = [config.pushSimulatorUrl, config.publicUrl].flatMap((u) => (u ? [new URL(u)] : []));
    const same = (o: URL) =>
      o.protocol === url.protocol &&
      o.port === url.port &&
      (o.hostname === host || (LOOPBACK.has(o.hostname) && LOOPBACK.has(host)));
    if (own.some(same)) return null;
  }
  if (url.protocol !== 'https:') return 'Служба push-уведомлений должна работать по HTTPS.';
  if (url.port && url.port !== '443')
    return 'Служба push-уведомлений должна работать на стандартном порту HTTPS.';
  const known = config.pushServiceHosts.some((pattern) =>
    pattern.startsWith('*.')
      ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
      : host === pattern,
  );
  return known ? null : 'Служба push-уведомлений этого браузера не поддерживается.';
}

export interface WebPushGatewayOptions {
  vapid: Config['vapid'];
  timeoutMs: number;
  /** Checked again before every request (a list that shrank since the subscription was stored). */
  allowed: (endpoint: string) => boolean;
  fetch?: typeof fetch;
}

export class WebPushGateway implements PushGateway {
  constructor(private readonly options: WebPushGatewayOptions) {}

  async send(
    subscription: PushSubscriptionData,
    payload: string,
    options: PushMessageOptions,
  ): Promise<PushOutcome> {
    if (!this.options.allowed(subscription.endpoint))
      return { result: 'failed', reason: 'endpoint not allowed' };
    let details: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        payload,
        {
          vapidDetails: {
            subject: this.options.vapid.subject,
            publicKey: this.options.vapid.publicKey,
            privateKey: this.options.vapid.privateKey,
          },
          TTL: options.ttl,
          urgency: options.urgency,
          contentEncoding: 'aes128gcm',
          ...(options.topic ? { topic: options.topic } : {}),
        },
      );
    } catch (err) {
      // Keys the browser gave that cannot be encrypted to: nothing a retry would change.
      return { result: 'failed', reason: `cannot encrypt: ${(err as Error).message}` };
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(details.headers)) {
      if (k.toLowerCase() !== 'content-length') headers[k] = String(v);
    }
    let status: number;
    try {
      const res = await (this.options.fetch ?? fetch)(details.endpoint, {
        method: 'POST',
        headers,
        body: details.body ?? undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      return { result: 'failed', reason: (err as Error).message };
    }
    if (status >= 200 && status < 300) return { result: 'delivered' };
    // RFC 8030 §7.3: the subscription expired or never existed — stop using it.
    if (status === 404 || status === 410) return { result: 'gone' };
    return { result: 'failed', reason: `HTTP ${status}` };
  }
}

/** The gateway the configuration describes. */
export function pushGateway(config: Config): PushGateway {
  return new WebPushGateway({
    vapid: config.vapid,
    timeoutMs: config.pushTimeoutMs,
    allowed: (endpoint) => endpointProblem(config, endpoint) === null,
  });
}
