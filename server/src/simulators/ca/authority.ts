import 'reflect-metadata';
// The simulated accredited certification authority: its root key and certificate, issuing
// qualified-style certificates from a PKCS#10 request, and its certificate revocation list.
// ГОСТ Р 34.10-2012 is not in WebCrypto, so the CA and its certificates use ECDSA P-256 (README.md).
import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as never);

/** СНИЛС and ИНН of a natural person in Russian qualified certificates (Приказ ФСБ № 795). */
export const OID_SNILS = '1.2.643.100.3';
export const OID_INN = '1.2.643.3.131.1.1';
export const EC_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
const subtle = webcrypto.subtle;

export interface Authority {
  privateKey: webcrypto.CryptoKey;
  certificate: x509.X509Certificate;
}

export interface Applicant {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  /** 11 digits */
  snils: string;
  /** 12 digits, optional */
  inn?: string | null;
}

const ROOT_NAME = 'CN=Удостоверяющий центр «Кабинет» (симулятор), O=Симулятор аккредитованного УЦ, C=RU';

/** A fresh authority (root key + self-signed certificate valid 10 years). */
export async function createAuthority(name = ROOT_NAME, now = new Date()): Promise<Authority> {
  const keys = (await subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { privateKey: keys.privateKey, certificate };
}

/**
 * The simulator's root is generated once and kept beside the other development secrets
 * (DATA_DIR/secrets.json, key `caSimulator`), so certificates issued yesterday still verify
 * today; without a file (tests) it lives as long as the process.
 */
export async function loadAuthority(file: string | null): Promise<Authority> {
  const stored =
    file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const saved = stored.caSimulator as { key: string; certificate: string } | undefined;
  if (saved) {
    const privateKey = await subtle.importKey(
      'pkcs8',
      Buffer.from(saved.key, 'base64'),
      EC_ALGORITHM,
      false,
      ['sign'],
    );
    return { privateKey, certificate: new x509.X509Certificate(saved.certificate) };
  }
  const authority = await createAuthority();
  if (file) {
    const key = Buffer.from(await subtle.exportKey('pkcs8', authority.privateKey)).toString('base64');
    // Re-read: other secrets may have been written meanwhile.
    const latest = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
      : {};
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify(
        { ...latest, caSimulator: { key, certificate: authority.certificate.toString('pem') } },
        null,
        2,
      ),
      { mode: 0o600 },
    );
  }
  return authority;
}

/** A positive 128-bit serial, hex. */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

/** Subject of a qualified certificate of a natural person: CN = ФИО, SURNAME, GIVENNAME = имя и отчество. */
export function subjectOf(a: Applicant): x509.JsonName {
  const given = [a.firstName, a.middleName].filter(Boolean).join(' ');
  const name: x509.JsonName = [
    { CN: [[a.lastName, given].join(' ')] },
    { '2.5.4.4': [a.lastName] },
    { '2.5.4.42': [given] },
    { C: ['RU'] },
    { [OID_SNILS]: [a.snils] },
  ];
  if (a.inn) name.push({ [OID_INN]: [a.inn] });
  return name;
}

export class RequestProblem extends Error {}

/**
 * Issues a certificate for the key of a PKCS#10 request. The subject comes from the applicant's
 * data checked at the office, never from the request; the request only proves possession of the key.
 */
export async function issueCertificate(
  authority: Authority,
  input: {
    csr: string;
    applicant: Applicant;
    serial?: string;
    notBefore: Date;
    notAfter: Date;
    crlUrl: string;
    keyUsage?: number;
  },
): Promise<x509.X509Certificate> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(input.csr.trim());
  } catch {
    throw new RequestProblem('Запрос на сертификат (PKCS#10) повреждён или имеет неверный формат.');
  }
  const key = request.publicKey.algorithm as webcrypto.EcKeyAlgorithm;
  if (key.name !== 'ECDSA' || key.namedCurve !== 'P-256') {
    throw new RequestProblem('Удостоверяющий центр принимает только ключи ECDSA P-256.');
  }
  if (!(await request.verify())) {
    throw new RequestProblem('Подпись запроса не сходится: запрос подписан не ключом, который в нём указан.');
  }
  return x509.X509CertificateGenerator.create({
    serialNumber: input.serial ?? randomSerial(),
    subject: subjectOf(input.applicant),
    issuer: authority.certificate.subject,
    notBefore: input.notBefore,
    notAfter: input.notAfter,
    signingKey: authority.privateKey,
    publicKey: request.publicKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        input.keyUsage ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, '1.3.6.1.5.5.7.3.4']),
      await x509.SubjectKeyIdentifierExtension.create(request.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority.certificate),
      new x509.CRLDistributionPointsExtension([input.crlUrl]),
    ],
  });
}

/** The CRL: every revoked serial, valid for a day, re-signed at each request. */
export async function makeCrl(
  authority: Authority,
  revoked: Array<{ serial: string; at: Date }>,
  now = new Date(),
): Promise<x509.X509Crl> {
  return x509.X509CrlGenerator.create({
    issuer: authority.certificate.subject,
    thisUpdate: new Date(now.getTime() - 60_000),
    nextUpdate: new Date(now.getTime() + 24 * 3600_000),
    signingKey: authority.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(authority.certificate)],
    entries: revoked.map((r) => ({ serialNumber: r.serial, revocationDate: r.at })),
  });
}
