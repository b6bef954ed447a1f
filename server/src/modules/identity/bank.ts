// «Войти через банк»: Kabinet as an OpenID Connect relying party of a bank (openid-client).
// The adapter half (discovery, the authorization URL with PKCE S256, state and nonce, the code
// exchange and userinfo) knows only the protocol; the domain half decides what a verified bank
// identity means for login, registration and identity confirmation.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { and, eq, inArray, or } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Config } from '../../platform/config';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import type { ConfirmedPerson } from './confirmation';
import { externalIdentities, identityVerifications, users } from './schema';

/** 'recover': the bank completes a contacts-lost recovery request (recovery-request.ts). */
export const bankPurposes = ['login', 'register', 'confirm', 'recover'] as const;
export type BankPurpose = (typeof bankPurposes)[number];

/** What each purpose asks the bank for: no more data than the purpose needs. */
const SCOPES: Record<BankPurpose, string> = {
  login: 'openid',
  register: 'openid profile email phone documents',
  confirm: 'openid profile documents',
  recover: 'openid profile documents',
};

/** What the bank reported about the customer, after the ID token and userinfo were verified. */
export interface BankIdentity {
  issuer: string;
  subject: string;
  amr: string[];
  acr: string | null;
  /** The bank itself asked two factors (amr contains «mfa»). */
  mfa: boolean;
  person: {
    lastName: string | null;
    firstName: string | null;
    middleName: string | null;
    birthDate: string | null;
    phone: string | null;
    email: string | null;
    emailVerified: boolean;
    /** Series and number, 10 digits. */
    passport: string | null;
    passportIssuedAt: string | null;
    passportIssuerCode: string | null;
    snils: string | null;
  };
}

/** The checks kept for the callback (in the auth flow, never in the browser). */
export interface BankChecks {
  state: string;
  nonce: string;
  verifier: string;
}

/** A failed exchange: `denied` — the customer refused at the bank; `failed` — anything else. */
export class BankError extends Error {
  constructor(
    readonly kind: 'denied' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** Kabinet's origin for the redirect URI: PUBLIC_URL, else localhost on the port the app listens on. */
export function portalOrigin(config: Config, listeningPort: number | null): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  return `http://localhost:${listeningPort ?? config.port}`;
}

export const bankIssuer = (config: Config, origin: string) => config.bankIssuer ?? `${origin}/sim/bank`;
export const redirectUri = (origin: string) => `${origin}/api/auth/bank/callback`;

/** Kabinet's client secret: BANK_CLIENT_SECRET, or one derived from the cookie key (same on every instance). */
export function clientSecret(config: Config): string {
  if (config.bankClientSecret) return config.bankClientSecret;
  if (config.env === 'production' && config.bankIssuer)
    throw new HttpProblem(503, 'Вход через банк не настроен: не задан BANK_CLIENT_SECRET.');
  return createHmac('sha256', config.secrets.cookie).update('kabinet bank client secret').digest('base64url');
}

// Discovery once per issuer (and again after a failure): metadata and keys rarely change.
const discovered = new Map<string, Promise<oidc.Configuration>>();

async function configuration(config: Config, issuer: string): Promise<oidc.Configuration> {
  const key = `${issuer}\n${config.bankClientId}\n${clientSecret(config)}`;
  let found = discovered.get(key);
  if (!found) {
    found = oidc.discovery(
      new URL(issuer),
      config.bankClientId,
      undefined,
      oidc.ClientSecretBasic(clientSecret(config)),
      {
        // Plain HTTP only for a simulator on this machine; a real bank is HTTPS.
        execute: issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      },
    );
    discovered.set(key, found);
    found.catch(() => discovered.delete(key));
  }
  return found;
}

/** The bank's authorization URL for this purpose, with fresh PKCE, state and nonce. */
export async function authorizationUrl(
  config: Config,
  origin: string,
  purpose: BankPurpose,
): Promise<{ url: string; checks: BankChecks }> {
  let cfg: oidc.Configuration;
  try {
    cfg = await configuration(config, bankIssuer(config, origin));
  } catch {
    throw new HttpProblem(503, 'Банк сейчас недоступен. Попробуйте позже или войдите другим способом.');
  }
  const checks = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
  };
  const url = oidc.buildAuthorizationUrl(cfg, {
    redirect_uri: redirectUri(origin),
    scope: SCOPES[purpose],
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
    // Every use is a fresh sign-in at the bank, never a silent one from an old bank session.
    prompt: 'login',
  });
  return { url: url.href, checks };
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * The callback: checks state, exchanges the code with the PKCE verifier, validates the ID token
 * (signature, issuer, audience, nonce, expiry) and fetches userinfo for the same subject.
 */
export async function completeAuthorization(
  config: Config,
  origin: string,
  query: string,
  checks: BankChecks,
): Promise<BankIdentity> {
  const issuer = bankIssuer(config, origin);
  let cfg: oidc.Configuration;
  try {
    cfg = await configuration(config, issuer);
  } catch {
    throw new BankError('failed', 'Банк не ответил. Попробуйте позже.');
  }
  const current = new URL(`${redirectUri(origin)}?${query}`);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(cfg, current, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    if (err instanceof oidc.AuthorizationResponseError && err.error === 'access_denied')
      throw new BankError('denied', 'Вы отказались передавать данные из банка. Ничего не изменилось.');
    throw new BankError('failed', 'Ответ банка не прошёл проверку. Начните заново.');
  }
  const claims = tokens.claims();
  if (!claims) throw new BankError('failed', 'Банк не прислал ID-токен. Начните заново.');
  let info: oidc.UserInfoResponse;
  try {
    info = await oidc.fetchUserInfo(cfg, tokens.access_token, claims.sub);
  } catch {
    throw new BankError('failed', 'Банк не передал данные. Попробуйте позже.');
  }
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  const passport =
    info.passport && typeof info.passport === 'object' ? (info.passport as Record<string, unknown>) : null;
  const series = str(passport?.series);
  const number = str(passport?.number);
  const phone = info.phone_number_verified === true ? str(info.phone_number) : null;
  return {
    issuer: cfg.serverMetadata().issuer,
    subject: claims.sub,
    amr,
    acr: str(claims.acr),
    mfa: amr.includes('mfa'),
    person: {
      lastName: str(info.family_name),
      firstName: str(info.given_name),
      middleName: str(info.middle_name),
      birthDate: str(info.birthdate),
      phone: phone && /^\+79\d{9}$/.test(phone) ? phone : null,
      email: str(info.email)?.toLowerCase() ?? null,
      emailVerified: info.email_verified === true,
      passport: series && number && /^\d{10}$/.test(series + number) ? series + number : null,
      passportIssuedAt: str(passport?.issued_at),
      passportIssuerCode: str(passport?.issuer_code),
      snils: str(info.snils)?.replace(/\D/g, '') ?? null,
    },
  };
}

// ——— the domain half ———

/** The account a bank subject signs in to, or null. */
export async function linkedAccount(tx: Tx, identity: Pick<BankIdentity, 'issuer' | 'subject'>) {
  const [row] = await tx
    .select()
    .from(externalIdentities)
    .where(
      and(eq(externalIdentities.issuer, identity.issuer), eq(externalIdentities.subject, identity.subject)),
    )
    .limit(1);
  return row ?? null;
}

export async function linkIdentity(
  tx: Tx,
  userId: string,
  identity: Pick<BankIdentity, 'issuer' | 'subject'>,
) {
  await tx
    .insert(externalIdentities)
    .values({ provider: 'bank', issuer: identity.issuer, subject: identity.subject, userId })
    .onConflictDoNothing();
}

/** The bank link of an account (its own only). */
export async function bankLinkOf(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ linkedAt: externalIdentities.linkedAt, lastLoginAt: externalIdentities.lastLoginAt })
    .from(externalIdentities)
    .where(and(eq(externalIdentities.userId, userId), eq(externalIdentities.provider, 'bank')))
    .limit(1);
  return row ?? null;
}

/** ФИО compared as people write them: case, «ё»/«е» and hyphens/spaces do not matter. */
const sameName = (a: string | null | undefined, b: string | null | undefined) => {
  const n = (s: string | null | undefined) =>
    (s ?? '')
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/[\s-]+/g, ' ')
      .trim();
  return n(a) === n(b);
};

/** Which of the bank's verified data differ from what the registries confirmed (Russian names). */
export function differences(person: ConfirmedPerson, bank: BankIdentity['person']): string[] {
  const out: string[] = [];
  if (
    !sameName(person.lastName, bank.lastName) ||
    !sameName(person.firstName, bank.firstName) ||
    !sameName(person.middleName, bank.middleName)
  )
    out.push('ФИО');
  if (person.birthDate !== bank.birthDate) out.push('дата рождения');
  if (person.passport !== bank.passport) out.push('паспорт');
  if (person.snils !== bank.snils) out.push('СНИЛС');
  return out;
}

/**
 * For a recovery request: ФИО and birth date must match, and every document the bank sent — the
 * passport, the СНИЛС or both; a bank that sent neither proves nothing (both are named).
 */
export function recoveryDifferences(person: ConfirmedPerson, bank: BankIdentity['person']): string[] {
  const sentOne = !!bank.passport || !!bank.snils;
  return differences(person, bank).filter(
    (f) => !sentOne || !((f === 'паспорт' && !bank.passport) || (f === 'СНИЛС' && !bank.snils)),
  );
}

/**
 * Whether an account already holds any of these data — phone, e-mail, СНИЛС or passport — without
 * saying which (PRODUCT.md §1: «учётная запись уже существует» never reveals whose).
 */
export async function accountExists(tx: Tx, p: BankIdentity['person']): Promise<boolean> {
  const byUser = [
    p.phone ? eq(users.phone, p.phone) : undefined,
    p.email ? eq(users.email, p.email) : undefined,
    p.snils ? eq(users.snils, p.snils) : undefined,
  ].filter((c) => c !== undefined);
  if (byUser.length) {
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(or(...byUser))
      .limit(1);
    if (u) return true;
  }
  const byDocs = [
    p.snils ? eq(identityVerifications.snils, p.snils) : undefined,
    p.passport ? eq(identityVerifications.passport, p.passport) : undefined,
  ].filter((c) => c !== undefined);
  if (!byDocs.length) return false;
  const [v] = await tx
    .select({ id: identityVerifications.id })
    .from(identityVerifications)
    .where(and(inArray(identityVerifications.status, ['pending', 'confirmed']), or(...byDocs)))
    .limit(1);
  return !!v;
}

// ——— the bank flow's browser binding ———

/** The bank flow's cookie: SameSite=Lax, because the bank's redirect back is a cross-site navigation. */
export const bankCookieName = (secureCookies: boolean) =>
  secureCookies ? '__Host-kabinet-bank' : 'kabinet-bank';
export const newFlowToken = () => randomBytes(32).toString('base64url');
/** auth_flows.id is the SHA-256 of the cookie token, as for every flow (flows.ts). */
export const flowIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
