import { createTransport } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../db';
import { startDevSmtpServer, type DevSmtpServer } from './dev-smtp';

/** One e-mail as the SMTP server receives it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Message-ID header, angle brackets included. */
  messageId: string;
}

/** Sends e-mail over SMTP: to SMTP_URL, or to the built-in dev mailbox outside production. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** The built-in dev SMTP server, when this mailer started one. */
  readonly devServer: { host: string; port: number } | null;
  close(): Promise<void>;
}

/** Connection limits: a stuck SMTP server fails the attempt (and the job retries) instead of hanging. */
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export async function createMailer(
  config: Pick<Config, 'env' | 'smtpUrl' | 'smtpDevPort' | 'mailFrom'>,
  deps: { db: Db; log: Logger },
): Promise<Mailer> {
  let dev: DevSmtpServer | null = null;
  let transport;
  if (config.smtpUrl) {
    transport = createTransport({ url: config.smtpUrl, ...timeouts });
  } else {
    if (config.env === 'production')
      throw new Error('SMTP_URL is not set: e-mail cannot be sent in production');
    dev = await startDevSmtpServer(deps, config.smtpDevPort);
    deps.log.info(
      { host: dev.host, port: dev.port },
      'dev SMTP server listening (mail goes to the dev mailbox)',
    );
    transport = createTransport({
      host: dev.host,
      port: dev.port,
      secure: false,
      ignoreTLS: true,
      ...timeouts,
    });
  }
  return {
    devServer: dev ? { host: dev.host, port: dev.port } : null,
    async send(message) {
      const info = await transport.sendMail({
        from: config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: message.messageId,
      });
      if (info.rejected.length)
        throw new Error(`SMTP server rejected the recipient: ${String(info.response ?? '').slice(0, 200)}`);
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
      await dev?.close();
    },
  };
}

/** The domain of an address such as `Кабинет <no-reply@kabinet.localhost>`, for Message-IDs. */
export function mailDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return match?.[1] ?? 'kabinet.localhost';
}
