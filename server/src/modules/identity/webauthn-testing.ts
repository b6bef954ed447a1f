import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// A software WebAuthn authenticator for tests: a real EC P-256 key pair, authenticator data, a
// CBOR attestation object (format 'none') and ES256 assertions — exactly the bytes a browser
// would hand to the server, so the server's WebAuthn library is exercised, not mocked.

/** The smallest CBOR encoder (RFC 8949) the WebAuthn structures need. */
export function cbor(value: unknown): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map) {
    const parts: Buffer[] = [head(5, value.size)];
    for (const [k, v] of value) parts.push(cbor(k), cbor(v));
    return Buffer.concat(parts);
  }
  if (value && typeof value === 'object') return cbor(new Map(Object.entries(value)));
  throw new Error(`cbor: cannot encode ${typeof value}`);
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  userHandle: string;
  rpId: string;
  counter: number;
}

/** What a test may change in one ceremony to play an attacker or a broken authenticator. */
export interface Tweaks {
  origin?: string;
  rpId?: string;
  userVerified?: boolean;
  /** The signature counter to report (assertions). */
  counter?: number;
  type?: string;
  challenge?: string;
}

interface CreationOptions {
  challenge: string;
  rp: { id?: string };
  user: { id: string };
  excludeCredentials?: { id: string }[];
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];

  constructor(
    /** The page origin the browser reports in clientDataJSON. */
    readonly origin: string,
    readonly options: { userVerified?: boolean; aaguid?: Buffer } = {},
  ) {}

  private clientData(type: string, challenge: string, t: Tweaks) {
    return Buffer.from(
      JSON.stringify({
        type: t.type ?? type,
        challenge: t.challenge ?? challenge,
        origin: t.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
  }

  private flags(t: Tweaks) {
    const uv = t.userVerified ?? this.options.userVerified ?? true;
    return FLAG_UP | (uv ? FLAG_UV : 0);
  }

  /** navigator.credentials.create(): a new resident credential, as RegistrationResponseJSON. */
  create(options: CreationOptions, t: Tweaks = {}) {
    const excluded = new Set((options.excludeCredentials ?? []).map((c) => c.id));
    if (this.credentials.some((c) => excluded.has(b64url(c.id))))
      throw new Error('InvalidStateError: this authenticator is already registered');
    const rpId = t.rpId ?? options.rp.id!;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    // COSE_Key: kty EC2, alg ES256, crv P-256, x, y.
    const cose = cbor(
      new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const id = randomBytes(32);
    const counterBytes = Buffer.alloc(4);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags(t) | FLAG_AT]),
      counterBytes,
      this.options.aaguid ?? Buffer.alloc(16),
      idLength,
      id,
      cose,
    ]);
    const userHandle = Buffer.from(options.user.id, 'base64url').toString('utf8');
    this.credentials.push({ id, privateKey, publicKey, userHandle, rpId, counter: 0 });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, t)),
        attestationObject: b64url(cbor({ fmt: 'none', attStmt: {}, authData })),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }

  /**
   * navigator.credentials.get(): an assertion by `credential` (default: the first allowed one, or
   * the first resident one when nothing is listed), as AuthenticationResponseJSON.
   */
  get(options: RequestOptions, t: Tweaks = {}, credential?: SoftCredential) {
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const cred =
      credential ??
      (allowed.size
        ? this.credentials.find((c) => allowed.has(b64url(c.id)))
        : this.credentials.find((c) => c.rpId === (options.rpId ?? c.rpId)));
    if (!cred) throw new Error('NotAllowedError: no credential for this request');
    cred.counter = t.counter ?? cred.counter + 1;
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(cred.counter);
    const authData = Buffer.concat([
      sha256(t.rpId ?? options.rpId ?? cred.rpId),
      Buffer.from([this.flags(t)]),
      counterBytes,
    ]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, t);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), cred.privateKey);
    return {
      id: b64url(cred.id),
      rawId: b64url(cred.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: b64url(Buffer.from(cred.userHandle, 'utf8')),
      },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }
}
