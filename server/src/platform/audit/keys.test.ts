import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { keyId, loadAuditSigningKey, parseSigningKey } from './keys';

describe('the audit checkpoint signing key', () => {
  it('is required in production, with a Russian message', () => {
    // (loadConfig calls this; other production settings are checked there too)
    expect(() => loadAuditSigningKey(undefined, 'production', '/nonexistent')).toThrow(
      /В production задайте AUDIT_SIGNING_KEY — закрытый ключ Ed25519/,
    );
  });

  it('comes from AUDIT_SIGNING_KEY, also with line breaks written as \\n', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const loaded = loadAuditSigningKey(pem.replace(/\n/g, '\\n'), 'production', null);
    expect(keyId(parseSigningKey(loaded))).toBe(keyId(parseSigningKey(pem)));
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => loadAuditSigningKey(rsa, 'production', null)).toThrow(/нужен ключ Ed25519, а передан rsa/);
    expect(() => loadAuditSigningKey('не ключ', 'production', null)).toThrow(
      /не удалось прочитать закрытый ключ/,
    );
  });

  it('is generated in memory for in-memory runs, and the checkpoint directory is off', () => {
    const config = loadConfig(
      { NODE_ENV: 'test' },
      { dataDir: 'memory://', secrets: { cookie: 'x', pepper: 'y' } },
    );
    expect(parseSigningKey(config.auditSigningKey).asymmetricKeyType).toBe('ed25519');
    expect(config.auditCheckpointDir).toBeNull();
  });
});
