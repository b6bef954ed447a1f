import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where a developer machine keeps the checkpoint signing key (DATA_DIR/…), and its public half. */
export const SIGNING_KEY_FILE = 'audit-signing-key.pem';
export const PUBLIC_KEY_FILE = 'audit-signing-key.pub.pem';

/** Environment variables cannot always hold line breaks: accept "\n" written out as well. */
const unescapePem = (pem: string) => (pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem).trim() + '\n';

export function parseSigningKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(unescapePem(pem));
  } catch {
    throw new Error(
      'AUDIT_SIGNING_KEY: не удалось прочитать закрытый ключ — нужен PEM (PKCS#8) ключа Ed25519',
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `AUDIT_SIGNING_KEY: нужен ключ Ed25519, а передан ${key.asymmetricKeyType ?? 'неизвестный'}`,
    );
  }
  return key;
}

export function parsePublicKey(pem: string): KeyObject {
  const key = createPublicKey(unescapePem(pem));
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('Открытый ключ журнала аудита должен быть Ed25519');
  return key;
}

/** A short, stable name of a key: SHA-256 of its public half (SPKI DER), hex. */
export function keyId(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(pub.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}

/**
 * The Ed25519 key that signs audit checkpoints, as PEM. From AUDIT_SIGNING_KEY when set; in
 * production it must be (refuses to start otherwise); elsewhere generated once and kept in
 * DATA_DIR/audit-signing-key.pem (0600) with the public key beside it, so checkpoints written
 * before a restart still verify. An in-memory run (dataDir null) gets a key of its own.
 */
export function loadAuditSigningKey(
  envPem: string | undefined,
  nodeEnv: string,
  dataDir: string | null,
): string {
  if (envPem) return parseSigningKey(envPem).export({ type: 'pkcs8', format: 'pem' }).toString();
  if (nodeEnv === 'production') {
    throw new Error(
      'В production задайте AUDIT_SIGNING_KEY — закрытый ключ Ed25519 в формате PEM, которым подписываются ' +
        'контрольные точки журнала аудита (создать: openssl genpkey -algorithm ed25519). Храните его вне базы данных.',
    );
  }
  const file = dataDir ? path.join(dataDir, SIGNING_KEY_FILE) : null;
  if (file && dataDir && existsSync(file)) {
    const key = parseSigningKey(readFileSync(file, 'utf8'));
    const pubFile = path.join(dataDir, PUBLIC_KEY_FILE);
    if (!existsSync(pubFile))
      writeFileSync(pubFile, createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(), {
        mode: 0o644,
      });
    return key.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  if (file && dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    writeFileSync(
      path.join(dataDir, PUBLIC_KEY_FILE),
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      { mode: 0o644 },
    );
  }
  return pem;
}
