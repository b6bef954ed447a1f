import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import * as x509 from '@peculiar/x509';
import { makeCsr, makeKeys, signClientData } from './esign-testing';
import { createAuthority, issueCertificate, type Applicant } from '../../simulators/ca/authority';
import {
  clientDataType,
  crlRevocation,
  newChallenge,
  parseCertificate,
  samePerson,
  takeChallenge,
  verifyCertificate,
  verifySignedChallenge,
  type RevocationStatus,
} from './esign';
import { HttpProblem } from '../../platform/errors';

const petrova: Applicant = {
  lastName: 'Петрова',
  firstName: 'Анна',
  middleName: 'Сергеевна',
  snils: '12345678964',
  inn: '770223456707',
};
const now = new Date('2026-11-23T12:00:00Z');
const DAY = 24 * 3600_000;

const ca = await createAuthority(undefined, new Date(now.getTime() - 10 * DAY));
const trusted = [ca.certificate.toString('pem')];
const keys = await makeKeys();
const csr = await makeCsr(keys);

async function issue(
  options: { from?: number; to?: number; keyUsage?: number; applicant?: Applicant; by?: typeof ca } = {},
) {
  const cert = await issueCertificate(options.by ?? ca, {
    csr,
    applicant: options.applicant ?? petrova,
    notBefore: new Date(now.getTime() + (options.from ?? -DAY)),
    notAfter: new Date(now.getTime() + (options.to ?? 365 * DAY)),
    crlUrl: 'http://127.0.0.1:9/sim/ca/crl',
    keyUsage: options.keyUsage,
  });
  return cert.toString('pem');
}

const good =
  (status: RevocationStatus = 'good') =>
  async () =>
    status;

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpProblem);
  return err as HttpProblem;
}

describe('verifyCertificate', () => {
  it('accepts a qualified certificate of a trusted CA and reads ФИО, СНИЛС, ИНН from it', async () => {
    const pem = await issue();
    const v = await verifyCertificate(pem, { trusted, now, revocation: good() });
    expect(v).toMatchObject({
      snils: '12345678964',
      inn: '770223456707',
      lastName: 'Петрова',
      givenName: 'Анна Сергеевна',
    });
    expect(v.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Base64 DER is read as well as PEM.
    const der = Buffer.from(new x509.X509Certificate(pem).rawData).toString('base64');
    expect((await verifyCertificate(der, { trusted, now, revocation: good() })).fingerprint).toBe(
      v.fingerprint,
    );
  });

  it('refuses a certificate of a CA it does not trust', async () => {
    const other = await createAuthority('CN=Чужой УЦ, C=RU', new Date(now.getTime() - DAY));
    const e = await refusal(
      verifyCertificate(await issue({ by: other }), { trusted, now, revocation: good() }),
    );
    expect(e.status).toBe(403);
    expect(e.detail).toMatch(/не доверяет/);
  });

  it('refuses a forged certificate naming the trusted CA as its issuer', async () => {
    const forger = await createAuthority(ca.certificate.subject, new Date(now.getTime() - DAY));
    const e = await refusal(
      verifyCertificate(await issue({ by: forger }), { trusted, now, revocation: good() }),
    );
    expect(e.detail).toMatch(/не доверяет/);
  });

  it('refuses an expired and a not-yet-valid certificate', async () => {
    const expired = await issue({ from: -100 * DAY, to: -DAY });
    expect((await refusal(verifyCertificate(expired, { trusted, now, revocation: good() }))).detail).toMatch(
      /истёк/,
    );
    const future = await issue({ from: 2 * DAY, to: 30 * DAY });
    expect((await refusal(verifyCertificate(future, { trusted, now, revocation: good() }))).detail).toMatch(
      /ещё не действует/,
    );
  });

  it('refuses a certificate not meant for signing', async () => {
    const pem = await issue({ keyUsage: x509.KeyUsageFlags.keyEncipherment });
    expect((await refusal(verifyCertificate(pem, { trusted, now, revocation: good() }))).detail).toMatch(
      /цифровая подпись/,
    );
  });

  it('refuses a revoked certificate, and one whose revocation cannot be checked', async () => {
    const pem = await issue();
    expect(
      (await refusal(verifyCertificate(pem, { trusted, now, revocation: good('revoked') }))).detail,
    ).toMatch(/отозван/);
    const unknown = await refusal(verifyCertificate(pem, { trusted, now, revocation: good('unknown') }));
    expect(unknown.status).toBe(503);
    // The CRL adapter: an unreachable distribution point is «unknown», never «good».
    const crl = crlRevocation({
      timeoutMs: 200,
      fetch: async () => {
        throw new Error('down');
      },
    });
    expect(await crl(new x509.X509Certificate(pem), ca.certificate, now)).toBe('unknown');
  });

  it('refuses malformed input and oversized input', async () => {
    for (const input of [
      '',
      'not a certificate',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      'A'.repeat(20_000),
    ]) {
      const e = await refusal(verifyCertificate(input, { trusted, now, revocation: good() }));
      expect(e.status).toBe(400);
      expect(e.detail).toMatch(/Не удалось прочитать сертификат/);
    }
    expect(() => parseCertificate('<script>')).toThrow(HttpProblem);
  });

  it('refuses a certificate without a valid СНИЛС', async () => {
    const pem = await issue({ applicant: { ...petrova, snils: '12345678900' } });
    expect((await refusal(verifyCertificate(pem, { trusted, now, revocation: good() }))).detail).toMatch(
      /нет СНИЛС/,
    );
  });
});

describe('verifySignedChallenge', () => {
  const origin = 'https://kabinet.test';
  const challenge = newChallenge('login', origin, now);
  const cert = async () => new x509.X509Certificate(await issue());

  it('accepts client data signed by the certificate key', async () => {
    const signed = await signClientData(keys.privateKey, {
      type: clientDataType('login'),
      challenge: challenge.challenge,
      origin,
    });
    await expect(verifySignedChallenge(await cert(), signed, challenge)).resolves.toBeUndefined();
  });

  it('refuses a signature by another key, altered data, another challenge, purpose or origin', async () => {
    const c = await cert();
    const other = await makeKeys();
    const base = { type: clientDataType('login'), challenge: challenge.challenge, origin };
    const byOther = await signClientData(other.privateKey, base);
    expect((await refusal(verifySignedChallenge(c, byOther, challenge))).detail).toMatch(
      /не соответствует сертификату/,
    );
    const signed = await signClientData(keys.privateKey, base);
    const altered = {
      ...signed,
      clientData: Buffer.from(JSON.stringify({ ...base, origin: 'https://evil.test' })).toString('base64url'),
    };
    expect((await refusal(verifySignedChallenge(c, altered, challenge))).detail).toMatch(/не соответствует/);
    const wrongChallenge = await signClientData(keys.privateKey, { ...base, challenge: 'x'.repeat(43) });
    expect((await refusal(verifySignedChallenge(c, wrongChallenge, challenge))).status).toBe(409);
    const wrongPurpose = await signClientData(keys.privateKey, { ...base, type: clientDataType('confirm') });
    expect((await refusal(verifySignedChallenge(c, wrongPurpose, challenge))).status).toBe(409);
    const wrongOrigin = await signClientData(keys.privateKey, { ...base, origin: 'https://evil.test' });
    expect((await refusal(verifySignedChallenge(c, wrongOrigin, challenge))).detail).toMatch(/другого сайта/);
    expect(
      (await refusal(verifySignedChallenge(c, { clientData: '!!', signature: signed.signature }, challenge)))
        .status,
    ).toBe(400);
    expect(
      (
        await refusal(
          verifySignedChallenge(c, { clientData: signed.clientData, signature: 'AAAA' }, challenge),
        )
      ).status,
    ).toBe(400);
  });

  it('takes a challenge once, only for its purpose and only before it expires', () => {
    const data = { esign: challenge, other: 1 };
    expect(takeChallenge(data, 'login', now)).toEqual({ challenge, rest: { other: 1 } });
    expect(() => takeChallenge({ other: 1 }, 'login', now)).toThrow(/уже использован или устарел/);
    expect(() => takeChallenge(data, 'confirm', now)).toThrow(HttpProblem);
    expect(() => takeChallenge(data, 'login', new Date(now.getTime() + 6 * 60_000))).toThrow(HttpProblem);
  });
});

describe('samePerson', () => {
  it('matches СНИЛС and ФИО, ignoring case and ё', () => {
    const person = {
      snils: '123-456-789 64',
      lastName: 'ПЕТРОВА',
      firstName: 'анна',
      middleName: 'Сергеевна',
    };
    expect(
      samePerson({ snils: '12345678964', lastName: 'Петрова', givenName: 'Анна Сергеевна' }, person),
    ).toBe(true);
    expect(
      samePerson({ snils: '11223344595', lastName: 'Петрова', givenName: 'Анна Сергеевна' }, person),
    ).toBe(false);
    expect(
      samePerson({ snils: '12345678964', lastName: 'Петров', givenName: 'Анна Сергеевна' }, person),
    ).toBe(false);
    expect(samePerson({ snils: '12345678964', lastName: 'Петрёва', givenName: 'Анна' }, person)).toBe(false);
  });
});
