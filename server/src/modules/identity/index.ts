import type { KabinetModule } from '../../platform/context';
import { defineJob } from '../../platform/jobs';
import { identityRoutes } from './routes';
import { identityEffects } from './effects-impl';
import { purgeAttempts } from './history';
import { purgeFlows } from './flows';
import { sendPasswordReminders } from './login-methods';
import { standardJobs } from './standard';
import { postJobs } from './post';
import { passkeyJobs } from './passkey-routes';
import { recoveryRequestJobs } from './recovery-request';
import { pushJobs } from './push-routes';

export { loadPrincipal } from './queries';

export const identityModule: KabinetModule = {
  name: 'identity',
  routes: (app, ctx) => identityRoutes(app, ctx, identityEffects(ctx)),
  jobs: (ctx) => [
    defineJob({
      name: 'identity.history.purge',
      schedule: '23 3 * * *',
      handler: async () => {
        const purged = await purgeAttempts(ctx.db);
        if (purged) ctx.log.info({ purged }, 'login history older than 90 days deleted');
      },
    }),
    defineJob({
      name: 'identity.flows.purge',
      schedule: '41 * * * *',
      handler: async () => void (await purgeFlows(ctx.db)),
    }),
    defineJob({
      name: 'identity.password.reminders',
      schedule: '7 10 * * *',
      handler: async () => {
        const sent = await sendPasswordReminders(ctx.db, identityEffects(ctx));
        if (sent) ctx.log.info({ sent }, 'password-change reminders sent');
      },
    }),
    ...standardJobs(ctx, identityEffects(ctx)),
    ...postJobs(ctx, identityEffects(ctx)),
    ...passkeyJobs(ctx),
    ...recoveryRequestJobs(ctx, identityEffects(ctx)),
    ...pushJobs(ctx),
  ],
};
