import type { KabinetModule } from '../context';
import { defineJob } from '../jobs';
import {
  deliverEmail,
  deliverSms,
  MAIL_JOB,
  PURGE_JOB,
  purgeMessages,
  SMS_JOB,
  sweep,
  SWEEP_JOB,
} from './outbox';
import { devMessagingRoutes } from './routes';

export {
  sendSms,
  sendEmail,
  type SmsInput,
  type EmailInput,
  type QueuedMessage,
  type Channel,
} from './outbox';
export { sweep as sweepMessages, purgeMessages, SMS_JOB, MAIL_JOB, RETENTION_DAYS } from './outbox';
export type { SmsGateway, SmsMessage } from './sms';
export { useSmsGateway, smsGateway, mailer } from './channels';
export type { Mailer, MailMessage } from './mail';
export { latestSms, latestMail, type DeliveredSms, type ReceivedMail } from './queries';
export { waitForSms, waitForEmail, codeIn, type WaitOptions } from './testing';

/**
 * The platform's outgoing message channels: SMS through the SMS_GATEWAY adapter and e-mail over
 * SMTP, both queued through a transactional outbox and delivered by pg-boss jobs with retries.
 */
export const messagingModule: KabinetModule = {
  name: 'messaging',
  routes: (app, ctx) => {
    if (ctx.config.devTools && ctx.config.env !== 'production') devMessagingRoutes(app, ctx);
  },
  jobs: (ctx) => {
    // Retries with exponential backoff; after the last one the job moves to `<name>.dead`.
    const delivery = {
      retryLimit: ctx.config.messagingRetryLimit,
      retryDelaySeconds: ctx.config.messagingRetryDelaySeconds,
      expireInSeconds: 120,
    };
    return [
      defineJob<{ id: string }>({ name: SMS_JOB, ...delivery, handler: (data) => deliverSms(ctx, data.id) }),
      defineJob<{ id: string }>({
        name: MAIL_JOB,
        ...delivery,
        handler: (data) => deliverEmail(ctx, data.id),
      }),
      defineJob({
        name: SWEEP_JOB,
        schedule: '* * * * *',
        retryLimit: 0,
        handler: async () => {
          const done = await sweep(ctx);
          if (done.enqueued || done.failed) ctx.log.info(done, 'message sweep');
        },
      }),
      defineJob({
        name: PURGE_JOB,
        schedule: '37 4 * * *',
        handler: async () => {
          const purged = await purgeMessages(ctx);
          ctx.log.info({ purged }, 'old messages deleted');
        },
      }),
    ];
  },
};
