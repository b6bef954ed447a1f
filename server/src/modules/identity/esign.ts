// E-signature (X.509) login and identity confirmation: a qualified certificate of an accredited CA
// proves who the person is, and a signature over a server challenge proves that the private key
// is at hand. ГОСТ algorithms are not in WebCrypto: certificates with ECDSA P-256 keys are accepted.
import 'reflect-metadata';
import { createHash, randomBytes, timingSafeEqual, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { validateSnils } from '@kabinet/shared';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { userCertificates, users } from './schema';
import type { User } from './login';

x509.cryptoProvider.set(webcrypto as never);
const subtle = webcrypto.subtle;

/** Russian qualified certificates of a natural person (Приказ ФСБ России № 795). */
export const OID_SNILS = '1.2.643.100.3';
export const OID_INN = '1.2.643.3.131.1.1';
const OID_SURNAME = '2.5.4.4';
const OID_GIVEN_NAME = '2.5.4.42';

/** A challenge is signed within this time, once. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const CERTIFICATE_MAX = 16_384;
export const CRL_MAX_BYTES = 1024 * 1024;

/** 'recover': completing a contacts-lost recovery request (recovery-request.ts). */
export type EsignPurpose = 'login' | 'confirm' | 'recover';
/** What the browser signs: WebAuthn-style client data naming the purpose, the challenge and its origin. */
export const clientDataType = (purpose: EsignPurpose) => `kabinet.esign.${purpose}`;

export interface StoredChallenge {
  challenge: string;
  purpose: EsignPurpose;
  origin: string;
  expiresAt: string;
}

export const newChallenge = (purpose: EsignPurpose, origin: string, now = new Date()): StoredChallenge => ({
  challenge: randomBytes(32).toString('base64url'),
  purpose,
  origin,
  expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString(),
});

/** The certificate facts Kabinet relies on, once verified. */
export interface VerifiedCertificate {
  certificate: x509.X509Certificate;
  pem: string;
  fingerprint: string;
  serial: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  snils: string;
  inn: string | null;
  lastName: string | null;
  /** «Имя Отчество» as GIVENNAME holds it. */
  givenName: string | null;
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown';
export type RevocationCheck = (
  certificate: x509.X509Certificate,
  issuer: x509.X509Certificate,
  now: Date,
) => Promise<RevocationStatus>;

const refuse = (status: number, detail: string, field = 'certificate') =>
  new HttpProblem(status, detail, [{ field, message: detail }]);
const day = (d: Date) =>
  d.toLocaleDateString('ru-RU', {
    timeZone: 'Europe/Moscow',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

export const MALFORMED_CERTIFICATE =
  'Не удалось прочитать сертификат: пришлите его в формате PEM или Base64 (DER).';

/** A certificate from PEM or Base64 DER; anything else is refused. */
export function parseCertificate(input: string): x509.X509Certificate {
  const text = input.trim();
  if (!text || text.length > CERTIFICATE_MAX) throw refuse(400, MALFORMED_CERTIFICATE);
  try {
    if (text.startsWith('-----BEGIN CERTIFICATE-----')) return new x509.X509Certificate(text);
    if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) throw new Error('not base64');
    return new x509.X509Certificate(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
  } catch {
    throw refuse(400, MALFORMED_CERTIFICATE);
  }
}

const isP256 = (cert: x509.X509Certificate) => {
  const alg = cert.publicKey.algorithm as webcrypto.EcKeyAlgorithm;
  return alg.name === 'ECDSA' && alg.namedCurve === 'P-256';
};

/**
 * Verifies a person's certificate: issued and signed by a trusted (accredited) CA that is itself
 * valid, within its validity dates, meant for signing (key usage digitalSignature), carrying a
 * valid СНИЛС, and not revoked. Throws an HttpProblem with a Russian reason otherwise.
 */
export async function verifyCertificate(
  input: string,
  options: { trusted: readonly string[]; now?: Date; revocation: RevocationCheck },
): Promise<VerifiedCertificate> {
  const now = options.now ?? new Date();
  const cert = parseCertificate(input);
  if (!isP256(cert))
    throw refuse(
      400,
      'Сертификат с ключом этого типа не поддерживается: Кабинет принимает ключи ECDSA P-256.',
    );
  let issuer: x509.X509Certificate | null = null;
  for (const pem of options.trusted) {
    const ca = new x509.X509Certificate(pem);
    if (ca.subject !== cert.issuer) continue;
    const isCa = ca.getExtension(x509.BasicConstraintsExtension)?.ca === true;
    if (isCa && (await cert.verify({ publicKey: ca, signatureOnly: true }).catch(() => false))) {
      issuer = ca;
      break;
    }
  }
  if (!issuer)
    throw refuse(
      403,
      'Сертификат выдан удостоверяющим центром, которому Кабинет не доверяет. Нужен квалифицированный сертификат аккредитованного удостоверяющего центра.',
    );
  if (now < issuer.notBefore || now > issuer.notAfter)
    throw refuse(403, 'Истёк срок действия сертификата удостоверяющего центра, выдавшего ваш сертификат.');
  if (now < cert.notBefore)
    throw refuse(403, `Сертификат ещё не действует: срок его действия начинается ${day(cert.notBefore)}.`);
  if (now > cert.notAfter)
    throw refuse(
      403,
      `Срок действия сертификата истёк ${day(cert.notAfter)}. Получите новый сертификат в удостоверяющем центре.`,
    );
  const usage = cert.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  if (!(usage & x509.KeyUsageFlags.digitalSignature))
    throw refuse(
      403,
      'Сертификат не предназначен для электронной подписи: в нём нет назначения «цифровая подпись».',
    );
  const snils = cert.subjectName.getField(OID_SNILS)[0]?.replace(/\D/g, '') ?? '';
  if (!validateSnils(snils).ok)
    throw refuse(
      403,
      'В сертификате нет СНИЛС владельца: это не квалифицированный сертификат физического лица.',
    );
  const status = await options.revocation(cert, issuer, now);
  if (status === 'revoked')
    throw refuse(403, 'Сертификат отозван удостоверяющим центром. Получите новый сертификат.');
  if (status === 'unknown')
    throw new HttpProblem(
      503,
      'Не удалось проверить, не отозван ли сертификат: список отзыва удостоверяющего центра недоступен. Попробуйте через несколько минут.',
    );
  return {
    certificate: cert,
    pem: cert.toString('pem'),
    fingerprint: createHash('sha256').update(new Uint8Array(cert.rawData)).digest('hex'),
    serial: cert.serialNumber.toLowerCase(),
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    snils,
    inn: cert.subjectName.getField(OID_INN)[0] ?? null,
    lastName: cert.subjectName.getField(OID_SURNAME)[0] ?? null,
    givenName: cert.subjectName.getField(OID_GIVEN_NAME)[0] ?? null,
  };
}

const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Checks what the browser signed: client data (base64url JSON {type, challenge, origin}) for this
 * purpose, this challenge and this origin, and an ECDSA P-256 / SHA-256 signature over its bytes
 * (IEEE P1363 r‖s, as WebCrypto produces) by the certificate's key.
 */
export async function verifySignedChallenge(
  cert: x509.X509Certificate,
  signed: { clientData: string; signature: string },
  expected: StoredChallenge,
) {
  const damaged = () => refuse(400, 'Подписанные данные повреждены. Начните заново.', 'clientData');
  if (!B64URL.test(signed.clientData)) throw damaged();
  if (!B64URL.test(signed.signature))
    throw refuse(400, 'Подпись повреждена: ожидается подпись ECDSA в Base64url.', 'signature');
  const data = Buffer.from(signed.clientData, 'base64url');
  const signature = Buffer.from(signed.signature, 'base64url');
  let client: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    client = JSON.parse(data.toString('utf8')) as typeof client;
  } catch {
    throw damaged();
  }
  if (!client || typeof client !== 'object') throw damaged();
  if (signature.length !== 64)
    throw refuse(400, 'Подпись повреждена: ожидается подпись ECDSA P-256 из 64 байт.', 'signature');
  const key = await subtle.importKey(
    'spki',
    new Uint8Array(cert.publicKey.rawData),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  const ok = await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data);
  if (!ok)
    throw refuse(
      403,
      'Подпись не соответствует сертификату: данные подписаны другим ключом или изменены после подписи.',
      'signature',
    );
  const same = (a: unknown, b: string) =>
    typeof a === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  if (client.type !== clientDataType(expected.purpose) || !same(client.challenge, expected.challenge))
    throw staleChallenge();
  if (client.origin !== expected.origin)
    throw refuse(
      403,
      'Подпись сделана для другого сайта. Подписывайте только на сайте Кабинета.',
      'clientData',
    );
}

export const staleChallenge = () =>
  new HttpProblem(409, 'Запрос на подпись уже использован или устарел. Начните заново.');

/** Takes the stored challenge out of the flow data: each one is checked once, whatever the result. */
export function takeChallenge(
  data: Record<string, unknown>,
  purpose: EsignPurpose,
  now = new Date(),
): { challenge: StoredChallenge; rest: Record<string, unknown> } {
  const { esign, ...rest } = data as { esign?: StoredChallenge };
  if (!esign || esign.purpose !== purpose || Date.parse(esign.expiresAt) <= now.getTime())
    throw staleChallenge();
  return { challenge: esign, rest };
}

/**
 * Revocation by the CA's CRL, from the certificate's CRL distribution point (only http/https):
 * the CRL must be signed by the issuer and current. Fetched at each check (no cache yet).
 */
export function crlRevocation(options: { timeoutMs: number; fetch?: typeof fetch }): RevocationCheck {
  return async (cert, issuer, now) => {
    const urls = (cert.getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints ?? [])
      .flatMap((p) => p.distributionPoint?.fullName ?? [])
      .map((n) => n.uniformResourceIdentifier)
      .filter((u): u is string => !!u && /^https?:\/\//.test(u));
    for (const url of urls) {
      try {
        const res = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs) });
        if (!res.ok) continue;
        const body = new Uint8Array(await res.arrayBuffer());
        if (body.byteLength > CRL_MAX_BYTES) continue;
        const crl = new x509.X509Crl(body);
        if (crl.issuer !== issuer.subject || !(await crl.verify({ publicKey: issuer }))) continue;
        if (crl.thisUpdate > new Date(now.getTime() + 5 * 60_000)) continue;
        if (crl.nextUpdate && crl.nextUpdate < now) continue;
        return crl.findRevoked(cert) ? 'revoked' : 'good';
      } catch {
        // An unreachable or damaged CRL is «unknown», never «good».
      }
    }
    return 'unknown';
  };
}

/** ФИО compared as registries do: case, «ё»/«е», hyphens and spaces do not matter. */
const norm = (s: string | null | undefined) =>
  (s ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[-\s]+/g, ' ')
    .trim();

/** Whether the certificate names this person: СНИЛС, surname and «имя отчество». */
export function samePerson(
  cert: Pick<VerifiedCertificate, 'snils' | 'lastName' | 'givenName'>,
  person: { snils: string; lastName: string; firstName: string; middleName: string | null },
) {
  return (
    cert.snils === person.snils.replace(/\D/g, '') &&
    norm(cert.lastName) === norm(person.lastName) &&
    norm(cert.givenName) === norm([person.firstName, person.middleName].filter(Boolean).join(' '))
  );
}

export const otherPersonProblem = () =>
  new HttpProblem(
    403,
    'Сертификат выдан другому человеку: ФИО или СНИЛС в нём не совпадают с подтверждёнными данными вашей учётной записи.',
    [{ field: 'certificate', message: 'Сертификат другого человека' }],
  );

export type UserCertificate = typeof userCertificates.$inferSelect;

export async function certificateByFingerprint(tx: Tx, fingerprint: string) {
  const [row] = await tx
    .select()
    .from(userCertificates)
    .where(eq(userCertificates.fingerprint, fingerprint))
    .limit(1);
  return row ?? null;
}

/**
 * The account a verified certificate logs in to: the one it is registered to, else the one whose
 * (registry-checked) СНИЛС it carries. A certificate its owner removed from the account logs in no more.
 */
export async function accountForCertificate(
  tx: Tx,
  cert: VerifiedCertificate,
): Promise<{ user: User; registered: UserCertificate | null } | { refused: HttpProblem }> {
  const registered = await certificateByFingerprint(tx, cert.fingerprint);
  if (registered?.revokedAt)
    return {
      refused: refuse(403, 'Этот сертификат удалён из учётной записи и для входа больше не подходит.'),
    };
  const [user] = registered
    ? await tx.select().from(users).where(eq(users.id, registered.userId)).limit(1)
    : await tx.select().from(users).where(eq(users.snils, cert.snils)).limit(1);
  if (!user)
    return {
      refused: new HttpProblem(
        404,
        'Учётная запись с СНИЛС из этого сертификата не найдена. Войдите другим способом и подтвердите личность электронной подписью — после этого можно входить с ней.',
      ),
    };
  return { user, registered };
}

/** Registers (or refreshes) a certificate for its owner; another account's certificate is refused. */
export async function registerCertificate(
  tx: Tx,
  userId: string,
  cert: VerifiedCertificate,
  now = new Date(),
) {
  const existing = await certificateByFingerprint(tx, cert.fingerprint);
  if (existing && existing.userId !== userId)
    throw new HttpProblem(409, 'Этот сертификат уже привязан к другой учётной записи.');
  if (existing) {
    await tx
      .update(userCertificates)
      .set({ lastUsedAt: now, revokedAt: null })
      .where(eq(userCertificates.id, existing.id));
    return existing.id;
  }
  const [row] = await tx
    .insert(userCertificates)
    .values({
      userId,
      fingerprint: cert.fingerprint,
      serial: cert.serial,
      subject: cert.subject,
      issuer: cert.issuer,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      snils: cert.snils,
      pem: cert.pem,
      createdAt: now,
      lastUsedAt: now,
    })
    .returning({ id: userCertificates.id });
  return row!.id;
}

export async function listCertificates(tx: Tx, userId: string) {
  return tx
    .select()
    .from(userCertificates)
    .where(eq(userCertificates.userId, userId))
    .orderBy(desc(userCertificates.createdAt));
}

/** Removes one of the caller's own certificates from login; false when there is none. */
export async function revokeUserCertificate(tx: Tx, userId: string, id: string, now = new Date()) {
  const rows = await tx
    .update(userCertificates)
    .set({ revokedAt: now })
    .where(
      and(
        eq(userCertificates.id, id),
        eq(userCertificates.userId, userId),
        isNull(userCertificates.revokedAt),
      ),
    )
    .returning({ id: userCertificates.id });
  return rows.length > 0;
}
