import { loadConfig } from '../config';
import { openDatabase } from '.';

/** `npm run migrate`: applies pending migrations and exits (deploys run it before new instances). */
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
try {
  await database.migrate();
  console.log(
    `Миграции применены (${database.driver === 'pg' ? 'PostgreSQL' : `PGlite, ${config.dataDir}`}).`,
  );
} finally {
  await database.close();
}
