import { eq } from 'drizzle-orm';
import type { TestApp, TestBrowser } from '../../test/harness';
import { codeIn, waitForSms } from '../../platform/messaging';
import { hashPassword } from './passwords';
import { insertUsersBulk } from './seed';
import { oneTimeCodes, users, type Role } from './schema';

/** The password of every account the identity tests create. */
export const TEST_PASSWORD = 'зелёный трамвай едет к морю';

let counter = 0;

/** A fresh account with a confirmed phone (and e-mail unless `email: null`); unique within a test file. */
export async function createAccount(
  t: TestApp,
  options: { email?: string | null; phoneConfirmed?: boolean; roles?: Role[]; password?: string } = {},
) {
  counter += 1;
  const phone = `+7900555${String(counter).padStart(4, '0')}`;
  await insertUsersBulk(t.ctx.database, [
    {
      phone,
      email: options.email === undefined ? `user${counter}@example.ru` : options.email,
      snils: null,
      passwordHash: await hashPassword(options.password ?? TEST_PASSWORD, t.config.secrets.pepper),
      level: 'standard',
      lastName: 'Тестов',
      firstName: 'Тест',
      middleName: null,
      birthDate: null,
      roles: options.roles ?? ['citizen'],
      confirmed: options.phoneConfirmed ?? true,
    },
  ]);
  const [row] = await t.ctx.db.select().from(users).where(eq(users.phone, phone));
  return row!;
}

/**
 * Password, then the SMS code read from the outbox — what a person does. Earlier codes of that
 * phone are dropped first, so the code read is the one this login sent. Returns the last answer.
 */
export async function signInWithSms(
  t: TestApp,
  browser: TestBrowser,
  phone: string,
  password = TEST_PASSWORD,
) {
  await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, phone));
  const since = new Date();
  const first = await browser.post('/api/auth/login', { login: phone, password });
  if (first.statusCode !== 200) return first;
  // A stronger factor is preferred (a registered browser, an app): choose SMS instead, as a person can.
  if (!first.json<{ sent: unknown }>().sent) {
    const send = await browser.post('/api/auth/login/send', { factor: 'sms' });
    if (send.statusCode !== 200) return send;
  }
  const sms = await waitForSms(t.ctx, phone, { since, purpose: 'code.login' });
  return browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) });
}
