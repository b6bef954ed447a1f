import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../platform/config';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import {
  findByCredentialId,
  listPasskeys,
  MAX_PASSKEYS,
  PASSKEY_CHALLENGE_MS,
  saveRegistrationChallenge,
  takeRegistrationChallenge,
  type Passkey,
} from './passkey-store';
import { passkeys } from './schema';
import { shortName } from './queries';
import type { User } from './login';

// WebAuthn ceremonies (@simplewebauthn/server) for passkeys and security keys: registration from
// the security settings, and assertions at login — usernameless, or as the second factor.

/** The relying party: the domain passkeys are bound to and the page origins accepted. */
export interface RelyingParty {
  id: string;
  origins: string[];
}

/**
 * From the configuration (WEBAUTHN_RP_ID / WEBAUTHN_ORIGINS, else PUBLIC_URL). Without either —
 * development on localhost — the address the browser used for this request.
 */
export function relyingParty(config: Config, request: FastifyRequest): RelyingParty {
  const configured = config.publicUrl ? new URL(config.publicUrl) : null;
  let own: URL | null = null;
  if (!configured || !config.webauthnOrigins || !config.webauthnRpId) {
    try {
      own = new URL(`${request.protocol}://${request.host}`);
    } catch {
      throw new HttpProblem(400, 'Неверный адрес сайта в запросе. Откройте Кабинет по его обычному адресу.');
    }
  }
  const base = configured ?? own!;
  return {
    id: config.webauthnRpId ?? base.hostname,
    origins: config.webauthnOrigins ?? [base.origin],
  };
}

/* ------------------------------------------------------------ request bodies */

const b64url = (max: number) =>
  z
    .string()
    .min(1, 'Пустое значение')
    .max(max, 'Слишком длинное значение')
    .regex(/^[A-Za-z0-9_-]+$/, 'Ожидается base64url');

const KNOWN_TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
/** Browsers may report transports this code does not know yet: they are dropped, not refused. */
const transportsSchema = z.array(z.string().max(32)).max(10).optional();

export const registrationResponseSchema = z.object({
  id: b64url(1400),
  rawId: b64url(1400),
  type: z.literal('public-key', { error: 'Ожидается ответ ключа доступа (public-key)' }),
  response: z.object({
    clientDataJSON: b64url(8192),
    attestationObject: b64url(65536),
    authenticatorData: b64url(65536).optional(),
    transports: transportsSchema,
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(8192).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const authenticationResponseSchema = z.object({
  id: b64url(1400),
  rawId: b64url(1400),
  type: z.literal('public-key', { error: 'Ожидается ответ ключа доступа (public-key)' }),
  response: z.object({
    clientDataJSON: b64url(8192),
    authenticatorData: b64url(65536),
    signature: b64url(4096),
    userHandle: b64url(1024).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const labelSchema = z
  .string()
  .trim()
  .min(1, 'Введите название ключа')
  .max(60, 'Не длиннее 60 символов')
  .refine((v) => !/\p{Cc}/u.test(v), 'Название содержит недопустимые символы');

const knownTransports = (list: readonly string[] | undefined) =>
  (list ?? []).filter((t) => KNOWN_TRANSPORTS.has(t)) as AuthenticatorTransport[];

/* --------------------------------------------------------------- registration */

export async function registrationOptions(
  tx: Tx,
  rp: RelyingParty,
  user: User,
  sessionId: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await listPasskeys(tx, user.id);
  if (existing.length >= MAX_PASSKEYS)
    throw new HttpProblem(
      409,
      `Можно добавить не больше ${MAX_PASSKEYS} ключей доступа. Удалите ненужный и повторите.`,
    );
  const options = await generateRegistrationOptions({
    rpName: 'Кабинет',
    rpID: rp.id,
    userName: user.email ?? user.phone ?? user.id,
    // The user handle the authenticator keeps: the account id, checked again at login.
    userID: new TextEncoder().encode(user.id),
    userDisplayName: shortName(user),
    attestationType: 'none',
    // The same authenticator twice would only add a useless duplicate.
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: knownTransports(p.transports),
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: PASSKEY_CHALLENGE_MS,
  });
  await saveRegistrationChallenge(tx, user.id, sessionId, options.challenge);
  return options;
}

export const rejectedKey = () =>
  new HttpProblem(
    400,
    'Ключ доступа не прошёл проверку. Попробуйте ещё раз — на этом сайте, в том же браузере.',
  );

export type RegistrationResult = { ok: true; passkey: Passkey } | { ok: false; problem: HttpProblem };

/**
 * Verifies the browser's answer and stores the credential. The challenge is taken first and never
 * comes back, so the transaction must commit even when the answer is refused.
 */
export async function registerPasskey(
  tx: Tx,
  rp: RelyingParty,
  user: User,
  sessionId: string,
  response: z.infer<typeof registrationResponseSchema>,
  label: string | undefined,
): Promise<RegistrationResult> {
  const challenge = await takeRegistrationChallenge(tx, user.id, sessionId);
  if (!challenge)
    return {
      ok: false,
      problem: new HttpProblem(409, 'Время на добавление ключа истекло или он уже добавлен. Начните заново.'),
    };
  let info;
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      // 'preferred': a security key without a PIN is still a possession factor.
      requireUserVerification: false,
    });
    if (!result.verified) return { ok: false, problem: rejectedKey() };
    info = result.registrationInfo;
  } catch {
    return { ok: false, problem: rejectedKey() };
  }
  const credentialId = info.credential.id;
  const [taken] = await tx
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.credentialId, credentialId))
    .limit(1);
  if (taken)
    return {
      ok: false,
      problem: new HttpProblem(409, 'Этот ключ доступа уже добавлен. Выберите другое устройство или ключ.'),
    };
  const count = (await listPasskeys(tx, user.id)).length;
  const [row] = await tx
    .insert(passkeys)
    .values({
      userId: user.id,
      credentialId,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: knownTransports(info.credential.transports ?? response.response.transports),
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      label:
        label ??
        (response.authenticatorAttachment === 'cross-platform'
          ? `Электронный ключ ${count + 1}`
          : `Ключ доступа ${count + 1}`),
    })
    .returning();
  return { ok: true, passkey: row! };
}

/* ------------------------------------------------------------- authentication */

/** Options for navigator.credentials.get: any discoverable passkey, or one of `allow`. */
export function authenticationOptions(
  rp: RelyingParty,
  allow?: Passkey[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: allow?.map((p) => ({ id: p.credentialId, transports: knownTransports(p.transports) })),
    userVerification: 'preferred',
    timeout: PASSKEY_CHALLENGE_MS,
  });
}

export type AssertionResult =
  | { ok: true; passkey: Passkey; userVerified: boolean }
  | {
      ok: false;
      problem: HttpProblem;
      /** The account the refused key belongs to, when known (for history and audit). */
      userId: string | null;
      reason: 'unknown_credential' | 'wrong_account' | 'invalid' | 'counter';
    };

/**
 * Checks an assertion against a stored credential. The library is given counter 0 so that it
 * checks the signature first; the counter is compared here afterwards, so that a counter that went
 * backwards is known to come from a genuine signature — a cloned authenticator — before it is
 * reported as one.
 */
export async function verifyAssertion(
  tx: Tx,
  rp: RelyingParty,
  challenge: string,
  response: z.infer<typeof authenticationResponseSchema>,
  expectedUserId: string | null,
): Promise<AssertionResult> {
  const key = await findByCredentialId(tx, response.id);
  if (!key)
    return {
      ok: false,
      userId: expectedUserId,
      reason: 'unknown_credential',
      problem: new HttpProblem(
        400,
        'Этот ключ доступа не зарегистрирован в Кабинете или был удалён. Войдите другим способом.',
      ),
    };
  const handle = response.response.userHandle
    ? Buffer.from(response.response.userHandle, 'base64url').toString('utf8')
    : null;
  if ((expectedUserId && key.userId !== expectedUserId) || (handle !== null && handle !== key.userId))
    return {
      ok: false,
      userId: expectedUserId ?? key.userId,
      reason: 'wrong_account',
      problem: new HttpProblem(400, 'Этот ключ доступа не подходит для этой учётной записи.'),
    };
  let info;
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: {
        id: key.credentialId,
        publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64url')),
        counter: 0,
        transports: knownTransports(key.transports),
      },
      requireUserVerification: false,
    });
    if (!result.verified) throw new Error('not verified');
    info = result.authenticationInfo;
  } catch {
    return { ok: false, userId: key.userId, reason: 'invalid', problem: rejectedKey() };
  }
  const counter = info.newCounter;
  if ((counter > 0 || key.counter > 0) && counter <= key.counter)
    return {
      ok: false,
      userId: key.userId,
      reason: 'counter',
      problem: new HttpProblem(
        400,
        'Ключ доступа отклонён: похоже, существует его копия. Войдите другим способом и проверьте ключи доступа в настройках безопасности.',
      ),
    };
  const [updated] = await tx
    .update(passkeys)
    .set({ counter, backedUp: info.credentialBackedUp, lastUsedAt: new Date() })
    .where(eq(passkeys.id, key.id))
    .returning();
  return { ok: true, passkey: updated!, userVerified: info.userVerified };
}
