import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { KeyObject } from 'node:crypto';
import { loadConfig } from '../config';
import { openDatabase } from '../db';
import { PUBLIC_KEY_FILE, parsePublicKey, parseSigningKey } from './keys';
import { verifyAuditChain } from './verify';

/**
 * `npm run audit:verify [-- --public-key FILE … --checkpoints DIR]`: verifies the audit log's hash
 * chain and signed checkpoints; exit 0 when intact, 1 when not, 2 when it cannot be checked.
 * An auditor needs only DATABASE_URL (or DATA_DIR), the checkpoints and the PUBLIC key — run it
 * without NODE_ENV=production, which would demand the servers' own settings. With the embedded
 * database, stop `npm start` first: PGlite's files belong to one process at a time.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'public-key': { type: 'string', multiple: true },
      checkpoints: { type: 'string' },
      batch: { type: 'string' },
    },
  });
  // The verifier needs no secrets: skip generating or demanding them.
  const config = loadConfig(process.env, { secrets: { cookie: '', pepper: '' }, auditSigningKey: '' });

  const keys: KeyObject[] = [];
  for (const file of values['public-key'] ?? []) keys.push(parsePublicKey(readFileSync(file, 'utf8')));
  if (!keys.length && process.env.AUDIT_SIGNING_KEY)
    keys.push(parseSigningKey(process.env.AUDIT_SIGNING_KEY));
  const stored = path.join(config.dataDir, PUBLIC_KEY_FILE);
  if (!keys.length && existsSync(stored)) keys.push(parsePublicKey(readFileSync(stored, 'utf8')));
  if (!keys.length) {
    console.error(
      `Не найден открытый ключ контрольных точек: укажите --public-key <файл> или положите его в ${stored}.`,
    );
    return 2;
  }
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  if (batchSize !== undefined && !(Number.isSafeInteger(batchSize) && batchSize > 0)) {
    console.error('--batch: укажите целое число записей больше нуля.');
    return 2;
  }
  const checkpointsDir = values.checkpoints ? path.resolve(values.checkpoints) : config.auditCheckpointDir;

  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    const { rows } = await database.query<{ present: boolean }>(
      `SELECT to_regclass('audit_log') IS NOT NULL AS present`,
    );
    if (!rows[0]?.present) {
      console.error('Таблицы audit_log нет в базе данных: примените миграции (npm run migrate).');
      return 2;
    }
    const result = await verifyAuditChain(database, checkpointsDir, keys, { batchSize });
    (result.ok ? console.log : console.error)(result.message);
    return result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      `Проверка журнала аудита не выполнена: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(2);
  },
);
