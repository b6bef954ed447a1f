import type { AppContext } from '../context';
import { createMailer, type Mailer } from './mail';
import { createSmsGateway, type SmsGateway } from './sms';

/** What one context (one process) holds open for outgoing messages. */
interface Channels {
  sms: SmsGateway;
  mailer: Promise<Mailer> | null;
}

const byContext = new WeakMap<AppContext, Channels>();

function channels(ctx: AppContext): Channels {
  let c = byContext.get(ctx);
  if (!c) {
    c = { sms: createSmsGateway(ctx.config), mailer: null };
    if (ctx.config.env === 'production' && c.sms.name === 'outbox') {
      ctx.log.warn('SMS_GATEWAY=outbox in production: SMS are kept in the outbox table and reach no phone');
    }
    byContext.set(ctx, c);
  }
  return c;
}

/** The SMS gateway this process delivers through (SMS_GATEWAY). */
export const smsGateway = (ctx: AppContext): SmsGateway => channels(ctx).sms;

/**
 * Replaces the SMS gateway of this context: for tests (a failing operator) and for wiring an
 * adapter that needs more than configuration.
 */
export function useSmsGateway(ctx: AppContext, gateway: SmsGateway) {
  channels(ctx).sms = gateway;
}

/**
 * The mailer, opened on first use by the process that delivers (an app instance with in-process
 * workers, or `npm run worker`): only that process starts the dev SMTP server, and
 * closeContext closes it.
 */
export function mailer(ctx: AppContext): Promise<Mailer> {
  const c = channels(ctx);
  if (!c.mailer) {
    const opening = createMailer(ctx.config, { db: ctx.db, log: ctx.log });
    c.mailer = opening;
    opening.then(
      (m) => ctx.onClose(() => m.close()),
      () => {
        // Not opened (a busy SMTP_DEV_PORT): the next delivery attempt tries again.
        if (c.mailer === opening) c.mailer = null;
      },
    );
  }
  return c.mailer;
}
