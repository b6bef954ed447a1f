import closeWithGrace from 'close-with-grace';
import { loadConfig } from './platform/config';
import { startServer } from './server';
import { DEMO_PASSWORD } from './seed/demo';
import { benchRoutes } from './bench-routes';

const config = loadConfig();
if (config.workers === 'external' && !config.databaseUrl) {
  console.error(
    'WORKERS=external требует сервер PostgreSQL (DATABASE_URL): встроенная база работает в одном процессе.',
  );
  process.exit(1);
}

const withBenchRoutes = process.env.BENCH_ROUTES === 'true' && config.env !== 'production';
const server = await startServer(config, {
  seedDemo: true,
  extraRoutes: withBenchRoutes ? benchRoutes : undefined,
});

closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
  if (err) server.ctx.log.error({ err }, 'shutting down after an error');
  else server.ctx.log.info({ signal }, 'shutting down');
  await server.close();
});

const lines = [
  '',
  `  Кабинет запущен: ${server.url}`,
  `  База данных: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `встроенная PGlite, ${config.dataDir}`}`,
  `  API: ${server.url}/api/docs`,
];
if (server.demoAccounts.length) {
  lines.push('', `  Демо-доступ (пароль у всех: ${DEMO_PASSWORD}):`);
  for (const a of server.demoAccounts) lines.push(`    ${a.role.padEnd(28)} ${a.login}`);
}
if (config.devTools) {
  lines.push(
    '',
    `  Коды из SMS и писем (режим разработки): ${server.url}/api/dev/sms и ${server.url}/api/dev/mail`,
  );
}
lines.push('');
console.log(lines.join('\n'));
