import type { KabinetModule } from './context';
import { defineJob } from './jobs';
import { purgeEndedSessions } from './sessions';

/** The platform's own background work. */
export const platformModule: KabinetModule = {
  name: 'platform',
  jobs: (ctx) => [
    defineJob({
      name: 'platform.sessions.purge',
      schedule: '17 * * * *',
      handler: async () => {
        const purged = await purgeEndedSessions(ctx.db);
        if (purged) ctx.log.info({ purged }, 'ended sessions purged');
      },
    }),
  ],
};
