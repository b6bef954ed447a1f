import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import type { Db } from '../db';
import { devMailbox } from './schema';

/** Messages larger than this are refused (552), as a real server would. */
export const DEV_SMTP_MAX_BYTES = 10 * 1024 * 1024;

export interface DevSmtpServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function store(db: Db, raw: Buffer, session: SMTPServerSession) {
  const parsed = await simpleParser(raw);
  const recipients = session.envelope.rcptTo.map((a) => a.address.trim().toLowerCase()).filter(Boolean);
  if (!recipients.length) return [];
  const mailFrom = session.envelope.mailFrom;
  const from = parsed.from?.value[0]?.address ?? (mailFrom ? mailFrom.address : null) ?? null;
  const rows = await db
    .insert(devMailbox)
    .values(
      recipients.map((to) => ({
        messageId: parsed.messageId ?? null,
        fromAddress: from,
        toAddress: to,
        subject: parsed.subject ?? null,
        text: parsed.text ?? null,
        html: typeof parsed.html === 'string' ? parsed.html : null,
        size: raw.length,
      })),
    )
    .returning({ id: devMailbox.id });
  return rows.map((r) => r.id);
}

/**
 * The built-in development mail server: plain SMTP on 127.0.0.1 (no TLS, no authentication)
 * that accepts every message and keeps it, parsed, in `dev_mailbox` — one row per recipient.
 * nodemailer really talks SMTP to it, so what arrives is exactly what a real server would get.
 * Only ever started outside production (see mail.ts).
 */
export async function startDevSmtpServer(
  deps: { db: Db; log: Logger },
  port: number,
): Promise<DevSmtpServer> {
  const { db, log } = deps;
  const server = new SMTPServer({
    name: 'kabinet.localhost',
    banner: 'Kabinet development mailbox',
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: DEV_SMTP_MAX_BYTES,
    logger: false,
    closeTimeout: 2_000,
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw new SmtpReply(552, 'Message exceeds the fixed maximum message size');
          const ids = await store(db, raw, session);
          log.debug({ ids, size: raw.length }, 'dev mailbox: message stored');
          callback(null, 'Stored in the Kabinet development mailbox');
        })
        .catch((err: unknown) => {
          if (err instanceof SmtpReply) return callback(err);
          log.warn({ err }, 'dev mailbox: could not store a message');
          callback(new SmtpReply(451, 'Temporary failure storing the message, try again later'));
        });
    },
  });
  server.on('error', (err) => log.warn({ err }, 'dev SMTP server error'));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  let closed: Promise<void> | null = null;
  return {
    host: '127.0.0.1',
    port: address.port,
    close() {
      closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closed;
    },
  };
}
