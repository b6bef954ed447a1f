import type { KabinetModule } from './context';
import { defineJob } from './jobs';
import { purgeEndedSessions } from './sessions';
import { purgeExpiredAudit, writeCheckpoint } from './audit';

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
    // The audit log's head, signed, outside the database — hourly (PRODUCT.md asks at least daily).
    defineJob({
      name: 'platform.audit.checkpoint',
      schedule: '7 * * * *',
      handler: async () => {
        const checkpoint = await writeCheckpoint(ctx);
        if (checkpoint)
          ctx.log.info(
            { file: checkpoint.file, headId: checkpoint.payload.headId },
            'audit checkpoint written',
          );
      },
    }),
    defineJob({
      name: 'platform.audit.retention',
      schedule: '43 3 * * *',
      handler: async () => {
        const result = await purgeExpiredAudit(ctx);
        if (result.deleted) ctx.log.info(result, 'audit entries older than 3 years deleted');
      },
    }),
  ],
};
