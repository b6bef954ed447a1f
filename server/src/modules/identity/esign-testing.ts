// Test helpers for the e-signature: a key pair and a PKCS#10 request as the browser makes them,
// and client data signed the way the browser signs it.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { FastifyInstance } from 'fastify';

x509.cryptoProvider.set(webcrypto as never);

export async function makeKeys(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

export async function makeCsr(keys: webcrypto.CryptoKeyPair): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=Программный токен',
    keys: keys as never,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  });
  return csr.toString('pem');
}

/** base64url client data and its ECDSA P-256 signature (r‖s), as web/src/esign/token.ts makes them. */
export async function signClientData(
  privateKey: webcrypto.CryptoKey,
  data: { type: string; challenge: string; origin: string },
) {
  const bytes = Buffer.from(JSON.stringify(data), 'utf8');
  const signature = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, bytes);
  return { clientData: bytes.toString('base64url'), signature: Buffer.from(signature).toString('base64url') };
}

/** A key pair and a certificate for it from the CA simulator (/sim/ca), as the browser page gets one. */
export async function obtainCertificate(
  app: FastifyInstance,
  person: { lastName: string; firstName: string; middleName: string; snils: string },
) {
  const keys = await makeKeys();
  const res = await app.inject({
    method: 'POST',
    url: '/sim/ca/api/certificates',
    payload: { csr: await makeCsr(keys), ...person },
  });
  if (res.statusCode !== 201) throw new Error(`the CA simulator refused: ${res.body}`);
  const body = res.json<{ certificate: string; serial: string }>();
  return { keys, certificate: body.certificate, serial: body.serial };
}
