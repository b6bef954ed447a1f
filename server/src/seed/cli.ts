import { parseArgs } from 'node:util';
import { modules } from '../modules';
import { hashPassword } from '../modules/identity/passwords';
import { countUsers, insertUsersBulk } from '../modules/identity/seed';
import { loadConfig } from '../platform/config';
import { closeContext, createContext } from '../platform/context';
import { DEMO_PASSWORD, seedDemoIfEmpty } from './demo';
import { generateCitizens } from './citizens';

/**
 * `npm run seed -- --users N [--seed S]`: the demo accounts (if the database is empty) plus N
 * generated citizens, inserted in batches. With PGlite, stop the server first: the embedded
 * database is opened by one process at a time.
 */
const { values } = parseArgs({
  options: { users: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' } },
});
const count = Number(values.users);
if (!Number.isInteger(count) || count < 0 || count > 10_000_000) {
  console.error('Укажите число пользователей от 0 до 10 000 000: npm run seed -- --users 100000');
  process.exit(1);
}

const config = loadConfig();
const ctx = await createContext({ config, modules, work: false });
try {
  await seedDemoIfEmpty(ctx);
  if (count > 0) {
    const started = Date.now();
    const before = await countUsers(ctx.database);
    const hash = await hashPassword(DEMO_PASSWORD, config.secrets.pepper);
    const rows = generateCitizens(count, hash, before, Number(values.seed));
    const inserted = await insertUsersBulk(ctx.database, rows);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `Добавлено граждан: ${inserted} за ${seconds.toFixed(1)} с (${Math.round(inserted / seconds)} в секунду). Пароль: ${DEMO_PASSWORD}`,
    );
  }
  console.log(`Всего учётных записей: ${await countUsers(ctx.database)}`);
} finally {
  await closeContext(ctx);
}
