import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl, testDriver } from '../test/harness';
import { openDatabase, type Database } from './db';
import { checkPepper } from './secrets-check';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabaseUrl();
  drop = fresh.drop;
  database = await openDatabase({ url: fresh.url, dataDir: 'memory://' });
  await database.migrate();
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

describe(`the pepper fingerprint on ${testDriver}`, () => {
  it('accepts the pepper the database was started with and refuses another one, in Russian', async () => {
    await checkPepper(database, 'a'.repeat(40));
    await checkPepper(database, 'a'.repeat(40)); // a restart with the same secret
    await expect(checkPepper(database, 'b'.repeat(40))).rejects.toThrow(/PASSWORD_PEPPER не совпадает/);
  });
});
