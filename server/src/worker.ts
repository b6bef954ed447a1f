import closeWithGrace from 'close-with-grace';
import { modules } from './modules';
import { loadConfig } from './platform/config';
import { closeContext, createContext } from './platform/context';

/** `npm run worker`: runs the job handlers and schedules apart from the app instances. */
const config = loadConfig();
if (!config.databaseUrl) {
  console.error('Отдельный обработчик задач работает только с сервером PostgreSQL: задайте DATABASE_URL.');
  process.exit(1);
}
const ctx = await createContext({ config, modules, work: true });
await ctx.jobs.start();
ctx.log.info('worker started');
closeWithGrace({ delay: 30_000 }, async () => {
  await closeContext(ctx);
});
