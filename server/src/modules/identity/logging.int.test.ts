import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { codeIn, waitForSms } from '../../platform/messaging';
import { hashPassword } from './passwords';
import { insertUsersBulk } from './seed';
import { oneTimeCodes } from './schema';
import { eq } from 'drizzle-orm';

const PASSWORD = 'секретная фраза для журнала';
let t: TestApp;
let logged = '';

beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => ((logged += chunk.toString()), done()) });
  t = await createTestApp({ logger: pino({ level: 'trace' }, sink) });
  await insertUsersBulk(t.ctx.database, [
    {
      phone: '+79004440001',
      email: 'log@example.ru',
      snils: null,
      passwordHash: await hashPassword(PASSWORD, t.config.secrets.pepper),
      level: 'standard',
      lastName: null,
      firstName: null,
      middleName: null,
      birthDate: null,
      roles: ['citizen'],
      confirmed: true,
    },
  ]);
});
afterAll(async () => t?.close());

describe(`what is logged on ${testDriver}`, () => {
  it('never writes a password, a code or a session token to the logs, even at trace level', async () => {
    const browser = new TestBrowser(t.app);
    await browser.post('/api/auth/login', {
      login: 'log@example.ru',
      password: 'неверный пароль для журнала',
    });
    const since = new Date();
    await browser.post('/api/auth/login', { login: 'log@example.ru', password: PASSWORD });
    const sms = await waitForSms(t.ctx, '+79004440001', { since, purpose: 'code.login' });
    const code = codeIn(sms.text);
    expect((await browser.post('/api/auth/login/verify', { factor: 'sms', code })).statusCode).toBe(200);
    expect(logged.length).toBeGreaterThan(1000); // requests were logged
    for (const secret of [
      PASSWORD,
      'неверный пароль для журнала',
      code,
      browser.jar.get('__Host-kabinet')!,
    ]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('issues a new session id at login, whatever cookie the browser brought (no session fixation)', async () => {
    const browser = new TestBrowser(t.app);
    const planted = 'P'.repeat(43);
    browser.jar.set('__Host-kabinet', planted);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, '+79004440001')); // a fresh code, not the reused one
    const since = new Date();
    await browser.post('/api/auth/login', { login: '+79004440001', password: PASSWORD });
    const sms = await waitForSms(t.ctx, '+79004440001', { since, purpose: 'code.login' });
    expect(
      (await browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) })).statusCode,
    ).toBe(200);
    const issued = browser.jar.get('__Host-kabinet')!;
    expect(issued).not.toBe(planted);
    expect(issued).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
  });
});
