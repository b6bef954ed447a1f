import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A private RSA signing key as a JWK, with its key id. */
export type SigningJwk = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };

function generate(): SigningJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(String(jwk.n)).digest('base64url').slice(0, 16);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

// Processes without a data directory (tests) share one key: generating RSA keys is slow.
let ephemeral: SigningJwk | null = null;

/**
 * The bank's ID-token signing key: generated once and kept in DATA_DIR/secrets.json beside the
 * portal's development secrets, so that a restart (or a second instance on the same data) signs
 * with the same key and the portal's cached JWKS stays valid. Without a data directory: per process.
 */
export function loadBankSigningKey(dataDir: string | null): SigningJwk {
  if (!dataDir) return (ephemeral ??= generate());
  const file = path.join(dataDir, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const existing = stored.bankSimulatorJwk as SigningJwk | undefined;
  if (existing?.kid && existing.d) return existing;
  const key = generate();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...stored, bankSimulatorJwk: key }, null, 2), { mode: 0o600 });
  return key;
}
