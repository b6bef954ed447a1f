import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { freshDatabaseUrl, testDriver } from '../../test/harness';
import { appendAudit, writeCheckpoint } from '.';
import { PUBLIC_KEY_FILE, SIGNING_KEY_FILE, loadAuditSigningKey } from './keys';

const root = path.resolve(import.meta.dirname, '../../../..');

/** `npm run audit:verify` as an auditor runs it: a separate process reading the same database. */
function runCli(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/src/platform/audit/verify-cli.ts', ...args],
      { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'development', ...env } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe(`npm run audit:verify on ${testDriver}`, () => {
  let dataDir: string;
  let server: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let env: Record<string, string>;
  let signingKey: string;

  /** PGlite's files belong to one process at a time: open, work, close before the CLI runs. */
  async function withDatabase(work: (database: Database) => Promise<void>) {
    const database = await openDatabase({ url: server.url, dataDir, poolMax: 2 });
    try {
      await work(database);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kabinet-audit-cli-'));
    server = await freshDatabaseUrl();
    env = { DATA_DIR: dataDir, DATABASE_URL: server.url ?? '' };
    signingKey = loadAuditSigningKey(undefined, 'development', dataDir); // as `npm start` would on a developer's machine
    await withDatabase(async (database) => {
      await database.migrate();
      for (let i = 0; i < 30; i++) await appendAudit(database.db, { action: 'probe.cli', details: { i } });
      const config = {
        auditCheckpointDir: path.join(dataDir, 'audit-checkpoints'),
        auditSigningKey: signingKey,
      };
      await writeCheckpoint({ db: database.db, config });
    });
  });
  afterAll(async () => {
    await server?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the development signing key in DATA_DIR, private key readable by the owner only', () => {
    expect(statSync(path.join(dataDir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, PUBLIC_KEY_FILE)).isFile()).toBe(true);
    expect(loadAuditSigningKey(undefined, 'development', dataDir)).toBe(signingKey); // kept, not regenerated
  });

  it('says the log is intact and exits 0', async () => {
    const run = await runCli(env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^Журнал аудита цел: 30 записей, последняя контрольная точка — запись 30 от .+ МСК \(checkpoint-000000000030-.+\.json\)\n$/,
    );
    expect(run.code).toBe(0);
  });

  it('names the first broken entry and exits 1', async () => {
    await withDatabase(async (database) => {
      await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await database.exec(`UPDATE audit_log SET details = '{"i": 999}' WHERE id IN (17, 23)`);
      await database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    const run = await runCli(env, ['--public-key', path.join(dataDir, PUBLIC_KEY_FILE), '--batch', '10']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Журнал аудита нарушен, первая повреждённая запись — 17: содержимое записи изменено: её хеш не совпадает с вычисленным по её полям',
    );
  });

  it('exits 2 when it has no key to check signatures with', async () => {
    const run = await runCli({ ...env, DATA_DIR: path.join(dataDir, 'elsewhere') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Не найден открытый ключ контрольных точек/);
  });
});
