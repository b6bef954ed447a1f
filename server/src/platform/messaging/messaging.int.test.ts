import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, testDriver, type TestApp } from '../../test/harness';
import { mailOutbox, smsOutbox } from './schema';
import { OutboxSmsGateway, type SmsGateway } from './sms';
import {
  codeIn,
  latestSms,
  mailer,
  MAIL_JOB,
  sendEmail,
  sendSms,
  SMS_JOB,
  sweepMessages,
  useSmsGateway,
  waitForEmail,
  waitForSms,
} from './index';

// Every line the app logs, to prove that no message text (one-time codes) reaches the logs.
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    logger,
    config: { rateLimitMax: 1000, messagingRetryLimit: 1, messagingRetryDelaySeconds: 1 },
  });
});
afterAll(async () => t?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 25_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const smsRow = async (id: string) => (await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.id, id)))[0];
const mailRow = async (id: string) =>
  (await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];

describe(`messaging on ${testDriver}`, () => {
  it('queues an SMS and delivers it into the outbox with status sent', async () => {
    const since = new Date();
    const { id } = await sendSms(t.ctx, {
      to: '8 (912) 345-67-89',
      text: 'Код для входа в Кабинет: 481516. Никому его не сообщайте.',
      purpose: 'login',
    });
    const queued = await smsRow(id);
    expect(queued).toMatchObject({ toPhone: '+79123456789', purpose: 'login' });
    expect(queued!.dispatchedAt).not.toBeNull(); // enqueued before sendSms returned (no transaction)

    const sms = await waitForSms(t.ctx, '+79123456789', { since });
    expect(sms.id).toBe(id);
    expect(codeIn(sms.text)).toBe('481516');
    const row = await smsRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row!.providerId).toMatch(/^outbox-/);
    expect(row!.jobId).toBeTruthy();
    expect(row!.sentAt).toBeInstanceOf(Date);
  });

  it('sends e-mail over real SMTP into the dev mailbox, Cyrillic intact', async () => {
    const since = new Date();
    const subject = 'Код подтверждения — Кабинет госуслуг';
    const text =
      'Здравствуйте, Анна Сергеевна!\nКод подтверждения почты: 271828. Он действует 5 минут.\nЁжик в тумане — ёлка, щётка, «кавычки».';
    const html = '<p>Здравствуйте, <b>Анна Сергеевна</b>! Код: <code>271828</code></p>';
    const { id } = await sendEmail(t.ctx, {
      to: 'Anna.Petrova@Example.RU',
      subject,
      text,
      html,
      purpose: 'register',
    });

    const mail = await waitForEmail(t.ctx, 'anna.petrova@example.ru', { since });
    expect(mail.subject).toBe(subject);
    expect(mail.text?.trim()).toBe(text);
    expect(mail.html).toContain('<b>Анна Сергеевна</b>');
    expect(mail.from).toBe('no-reply@kabinet.localhost');
    expect(mail.to).toBe('anna.petrova@example.ru');
    expect(mail.messageId).toBe(`<${id}@kabinet.localhost>`);
    expect(mail.size).toBeGreaterThan(text.length);

    // It really went through a TCP SMTP server on 127.0.0.1.
    const m = await mailer(t.ctx);
    expect(m.devServer).toMatchObject({ host: '127.0.0.1' });
    expect(m.devServer!.port).toBeGreaterThan(0);

    const row = await until('mail marked sent', async () => {
      const r = await mailRow(id);
      return r?.status === 'sent' && r;
    });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, messageId: `<${id}@kabinet.localhost>` });
    expect(row.text).toBeNull(); // the body (a code) is not kept once the SMTP server took it
    expect(row.html).toBeNull();
  });

  it('sends what a committed transaction queued, after the commit', async () => {
    const since = new Date();
    let id = '';
    await t.ctx.db.transaction(async (tx) => {
      ({ id } = await sendSms(t.ctx, { to: '+79001110001', text: 'Код: 100001', purpose: 'login' }, tx));
      // The transaction stays open a while: nothing may be enqueued before it commits.
      await sleep(300);
      await tx.execute(sql`SELECT 1`);
    });
    const sms = await waitForSms(t.ctx, '+79001110001', { since });
    expect(sms.id).toBe(id);
    expect(sms.sentAt.getTime()).toBeGreaterThanOrEqual(since.getTime());
  });

  it('sends nothing for a transaction that rolls back, nor for a rolled-back savepoint', async () => {
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await sendSms(t.ctx, { to: '+79001110002', text: 'Код: 200002', purpose: 'login' }, tx);
        await sendEmail(
          t.ctx,
          { to: 'rollback@example.ru', subject: 'Код', text: 'Код: 200002', purpose: 'login' },
          tx,
        );
        throw new Error('the command failed after queueing');
      }),
    ).rejects.toThrow('the command failed');

    const since = new Date();
    await t.ctx.db.transaction(async (tx) => {
      await sendSms(t.ctx, { to: '+79001110003', text: 'Код: 300003', purpose: 'login' }, tx);
      await tx
        .transaction(async (inner) => {
          await sendSms(t.ctx, { to: '+79001110004', text: 'Код: 400004', purpose: 'login' }, inner);
          throw new Error('inner rollback');
        })
        .catch(() => undefined);
    });
    await waitForSms(t.ctx, '+79001110003', { since }); // the outer one commits and is delivered

    await sleep(1500);
    expect(await sweepMessages(t.ctx)).toEqual({ enqueued: 0, failed: 0 });
    await sleep(500);
    for (const phone of ['+79001110002', '+79001110004']) {
      expect(await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, phone))).toEqual([]);
    }
    expect(
      await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'rollback@example.ru')),
    ).toEqual([]);
    // No delivery job refers to a message that does not exist.
    const { rows } = await t.ctx.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job j
        WHERE (j.name = $1 AND NOT EXISTS (SELECT 1 FROM sms_outbox s WHERE s.id::text = j.data->>'id'))
           OR (j.name = $2 AND NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.id::text = j.data->>'id'))`,
      [SMS_JOB, MAIL_JOB],
    );
    expect(rows[0]!.n).toBe(0);
    expect((await t.app.inject('/api/dev/mail?to=rollback@example.ru')).json().messages).toEqual([]);
  });

  it('the sweep enqueues a committed message whose job was never sent', async () => {
    // As if the process died between the commit and the enqueue.
    const [row] = await t.ctx.db
      .insert(smsOutbox)
      .values({
        toPhone: '+79001110005',
        text: 'Код: 500005',
        purpose: 'login',
        createdAt: new Date(Date.now() - 60_000),
      })
      .returning();
    // (The scheduled sweep may get there first; either way the message is enqueued once.)
    expect((await sweepMessages(t.ctx)).enqueued).toBeLessThanOrEqual(1);
    const sms = await waitForSms(t.ctx, '+79001110005');
    expect(sms.id).toBe(row!.id);
    expect(await smsRow(row!.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await sweepMessages(t.ctx)).toEqual({ enqueued: 0, failed: 0 });
  });

  it('the sweep fails a message whose delivery job ended without a result', async () => {
    // As if the worker was killed during the last attempt and the job expired.
    const [row] = await t.ctx.db
      .insert(smsOutbox)
      .values({
        toPhone: '+79001110009',
        text: 'Код: 900009',
        purpose: 'login',
        dispatchedAt: new Date(Date.now() - 20 * 60_000),
        jobId: randomUUID(),
      })
      .returning();
    const swept = await sweepMessages(t.ctx);
    expect(swept.failed).toBe(1);
    expect(await smsRow(row!.id)).toMatchObject({
      status: 'failed',
      lastError: 'the delivery job ended without a result (gone)',
    });
  });

  it('retries a failing SMS gateway, then marks the message failed and dead-letters the job', async () => {
    let calls = 0;
    const broken: SmsGateway = {
      name: 'broken',
      keepsText: false,
      send: async () => {
        calls += 1;
        throw new Error('operator unavailable (HTTP 503)');
      },
    };
    useSmsGateway(t.ctx, broken);
    try {
      const { id } = await sendSms(t.ctx, { to: '+79001110006', text: 'Код: 600006', purpose: 'login' });
      const row = await until('the message to fail', async () => {
        const r = await smsRow(id);
        return r?.status === 'failed' && r;
      });
      expect(calls).toBe(2); // the first attempt and one retry (MESSAGING_RETRY_LIMIT=1)
      expect(row).toMatchObject({ status: 'failed', attempts: 2, providerId: null, sentAt: null });
      expect(row.lastError).toContain('operator unavailable');
      const dead = await until('the dead letter', async () => {
        const letters = await t.ctx.jobs.deadLetters(SMS_JOB);
        return letters.find((l) => (l.data as { id?: string }).id === id);
      });
      expect(dead).toBeTruthy();
      expect(await latestSms(t.ctx.db, { to: '+79001110006' })).toEqual([]);
    } finally {
      useSmsGateway(t.ctx, new OutboxSmsGateway());
    }
  });

  it('refuses what no gateway could deliver, before writing anything', async () => {
    await expect(sendSms(t.ctx, { to: '+1 202 555 0100', text: 'x', purpose: 'login' })).rejects.toThrow(
      /Russian/,
    );
    await expect(sendSms(t.ctx, { to: '+79001110007', text: ' ', purpose: 'login' })).rejects.toThrow(/text/);
    await expect(sendSms(t.ctx, { to: '+79001110007', text: 'x', purpose: 'Вход' })).rejects.toThrow(
      /purpose/,
    );
    await expect(
      sendEmail(t.ctx, { to: 'not-an-address', subject: 'Тема', text: 'x', purpose: 'login' }),
    ).rejects.toThrow(/e-mail/);
    await expect(
      sendEmail(t.ctx, {
        to: 'a@example.ru',
        subject: 'Тема\r\nBcc: x@evil.test',
        text: 'x',
        purpose: 'login',
      }),
    ).rejects.toThrow(/subject/);
    expect(await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, '+79001110007'))).toEqual([]);
  });

  describe('dev read API', () => {
    it('returns the latest SMS to a number, newest first', async () => {
      for (const code of ['111111', '222222']) {
        await sendSms(t.ctx, { to: '+79001110008', text: `Код: ${code}`, purpose: 'login' });
        await waitForSms(t.ctx, '+79001110008', { purpose: 'login' });
        await until(`SMS ${code}`, async () =>
          (await latestSms(t.ctx.db, { to: '+79001110008' })).some((m) => m.text.includes(code)),
        );
      }
      // '+' in a query string is a space once decoded; both spellings work, as does %2B.
      for (const to of ['%2B79001110008', '+79001110008', '89001110008']) {
        const res = await t.app.inject(`/api/dev/sms?to=${to}`);
        expect(res.statusCode).toBe(200);
        const { messages } = res.json<{ messages: { text: string; to: string; purpose: string }[] }>();
        expect(messages.map((m) => codeIn(m.text))).toEqual(['222222', '111111']);
        expect(messages[0]).toMatchObject({ to: '+79001110008', purpose: 'login' });
      }
      const limited = await t.app.inject('/api/dev/sms?to=%2B79001110008&limit=1');
      expect(limited.json().messages).toHaveLength(1);
    });

    it('returns the latest e-mail to an address', async () => {
      await sendEmail(t.ctx, {
        to: 'ivanov@example.ru',
        subject: 'Ваш код',
        text: 'Код: 333333',
        purpose: 'login',
      });
      await waitForEmail(t.ctx, 'ivanov@example.ru');
      const res = await t.app.inject('/api/dev/mail?to=IVANOV@example.ru');
      expect(res.statusCode).toBe(200);
      const [mail] = res.json().messages;
      expect(mail).toMatchObject({
        to: 'ivanov@example.ru',
        subject: 'Ваш код',
        from: 'no-reply@kabinet.localhost',
      });
      expect(codeIn(mail.text)).toBe('333333');
    });

    it('answers malformed input with a Russian problem+json 400', async () => {
      for (const [url, field] of [
        ['/api/dev/sms?to=12345', 'to'],
        ['/api/dev/sms?to=%2B1%20202%20555%200100', 'to'],
        ['/api/dev/sms?limit=1000', 'limit'],
        ['/api/dev/mail?to=not-an-address', 'to'],
      ] as const) {
        const res = await t.app.inject(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        const body = res.json();
        expect(body.title).toBe('Некорректный запрос');
        expect(body.detail).toMatch(/^Проверьте данные в параметрах адреса: /);
        expect(body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
        for (const e of body.errors) expect(e.message).toMatch(/[а-яё]/i);
      }
    });

    it('is left out of the OpenAPI document', async () => {
      const doc = (await t.app.inject('/api/openapi.json')).json();
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/dev'))).toEqual([]);
    });
  });

  it('logs ids and purposes, never the texts', async () => {
    const joined = logLines.join('\n');
    expect(joined).toContain('"purpose":"login"');
    expect(joined).toContain('message delivered');
    for (const code of [
      '481516',
      '271828',
      '100001',
      '200002',
      '300003',
      '400004',
      '500005',
      '600006',
      '111111',
      '222222',
      '333333',
    ]) {
      expect(joined).not.toContain(code);
    }
    expect(joined).not.toContain('Код');
  });
});

describe('without dev tools, with an unreachable SMTP server', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await createTestApp({
      config: {
        devTools: false,
        smtpUrl: 'smtp://127.0.0.1:9',
        messagingRetryLimit: 1,
        messagingRetryDelaySeconds: 1,
      },
    });
  });
  afterAll(async () => prod?.close());

  it('has no dev routes (404)', async () => {
    for (const url of ['/api/dev/sms?to=%2B79123456789', '/api/dev/mail?to=a@example.ru']) {
      const res = await prod.app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('retries the e-mail, then marks it failed', async () => {
    const { id } = await sendEmail(prod.ctx, {
      to: 'petrov@example.ru',
      subject: 'Код',
      text: 'Код: 777777',
      purpose: 'login',
    });
    const row = await until('the e-mail to fail', async () => {
      const [r] = await prod.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
      return r?.status === 'failed' && r;
    });
    expect(row.attempts).toBe(2);
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect((await mailer(prod.ctx)).devServer).toBeNull(); // SMTP_URL set: no dev server
  });
});
