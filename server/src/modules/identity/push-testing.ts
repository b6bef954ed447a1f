import { createECDH, generateKeyPairSync, randomBytes, sign, type ECDH, type KeyObject } from 'node:crypto';
import { decrypt } from 'http_ece';
import { answerMessage, pollMessage } from './push';

// Test doubles that speak the real formats: a browser's device key (ECDSA P-256, signatures in the
// IEEE P1363 r‖s form WebCrypto produces) and a browser's Web Push subscription (an ECDH P-256 key
// and an auth secret the push service never sees; messages decrypted with http_ece as a browser would).

export class SoftDevice {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The id the server gave at registration. */
  id = '';

  constructor() {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
    }));
  }

  /** The public key as crypto.subtle.exportKey('jwk', …) returns it. */
  get jwk() {
    return { ...this.publicKey.export({ format: 'jwk' }), ext: true, key_ops: ['verify'] };
  }

  sign(message: string): string {
    return sign('sha256', Buffer.from(message, 'utf8'), {
      key: this.privateKey,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
  }

  pollBody(nonce: string) {
    return { deviceId: this.id, nonce, signature: this.sign(pollMessage(this.id, nonce)) };
  }

  answerBody(challengeId: string, decision: 'approve' | 'deny', number: number | null) {
    return {
      deviceId: this.id,
      challengeId,
      decision,
      number,
      signature: this.sign(answerMessage(this.id, challengeId, decision, number)),
    };
  }
}

export class SoftSubscriber {
  readonly ecdh: ECDH = createECDH('prime256v1');
  readonly auth = randomBytes(16).toString('base64url');
  id = '';
  endpoint = '';

  constructor() {
    this.ecdh.generateKeys();
  }

  get keys() {
    return { p256dh: this.ecdh.getPublicKey().toString('base64url'), auth: this.auth };
  }

  /** Subscribes at the push service simulator of the app listening at `base`. */
  async subscribe(base: string, applicationServerKey: string) {
    const res = await fetch(`${base}/api/dev/push/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ applicationServerKey }),
    });
    if (res.status !== 201) throw new Error(`subscribe: HTTP ${res.status} ${await res.text()}`);
    ({ id: this.id, endpoint: this.endpoint } = (await res.json()) as { id: string; endpoint: string });
    return { endpoint: this.endpoint, keys: this.keys };
  }

  async messages(base: string) {
    const res = await fetch(`${base}/api/dev/push/subscriptions/${this.id}/messages`);
    if (res.status !== 200) throw new Error(`messages: HTTP ${res.status}`);
    return ((await res.json()) as { messages: SimMessage[] }).messages;
  }

  /** Waits for at least `n` messages. */
  async waitFor(base: string, n = 1, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = await this.messages(base);
      if (list.length >= n) return list;
      if (Date.now() > deadline) throw new Error('no push message arrived');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The plain text of a message, decrypted with the subscription's keys (RFC 8291). */
  decrypt(message: SimMessage): string {
    return decrypt(Buffer.from(message.body, 'base64url'), {
      version: 'aes128gcm',
      privateKey: this.ecdh,
      authSecret: this.auth,
    }).toString('utf8');
  }
}

export interface SimMessage {
  id: string;
  receivedAt: string;
  ttl: number;
  urgency: string;
  topic: string | null;
  contentEncoding: string | null;
  body: string;
  sender: string;
}
