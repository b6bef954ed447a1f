import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { codeIn, waitForSms } from '../../platform/messaging';
import { hashPassword } from './passwords';
import { insertUsersBulk } from './seed';
import { oneTimeCodes, users } from './schema';
import { SOURCE_FAILURES } from './suspicious';

const PASSWORD = 'зелёный трамвай едет к морю';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const hash = await hashPassword(PASSWORD, t.config.secrets.pepper);
  await insertUsersBulk(t.ctx.database, [
    {
      phone: '+79008880001',
      email: 'victim@example.ru',
      snils: null,
      passwordHash: hash,
      level: 'standard',
      lastName: null,
      firstName: null,
      middleName: null,
      birthDate: null,
      roles: ['citizen'],
      confirmed: true,
    },
    {
      phone: '+79008880002',
      email: 'guard@example.ru',
      snils: null,
      passwordHash: hash,
      level: 'confirmed',
      lastName: null,
      firstName: null,
      middleName: null,
      birthDate: null,
      roles: ['citizen', 'security'],
      confirmed: true,
    },
  ]);
});
afterAll(async () => t?.close());

async function signIn(browser: TestBrowser, phone: string) {
  // A login within a minute of the last one reuses its code; start clean so a new SMS is sent.
  await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, phone));
  const since = new Date();
  const first = await browser.post('/api/auth/login', { login: phone, password: PASSWORD });
  if (first.statusCode !== 200) return first;
  const sms = await waitForSms(t.ctx, phone, { since, purpose: 'code.login' });
  return browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) });
}

describe(`suspicious sources on ${testDriver}`, () => {
  it('blocks an address that fails on many accounts, shows it to security staff, and lets them lift it', async () => {
    const attacker = new TestBrowser(t.app, undefined, '192.0.2.66');
    for (let i = 0; i < SOURCE_FAILURES; i++) {
      const res = await attacker.post('/api/auth/login', {
        login: `stuffed${i}@example.ru`,
        password: 'password-from-a-leak',
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await attacker.post('/api/auth/login', {
      login: 'victim@example.ru',
      password: PASSWORD,
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().detail).toMatch(/вход с него ограничен до \d\d:\d\d/);

    // Someone elsewhere is not affected.
    expect((await signIn(new TestBrowser(t.app, undefined, '198.51.100.5'), '+79008880001')).statusCode).toBe(
      200,
    );

    const citizen = new TestBrowser(t.app, undefined, '198.51.100.6');
    await signIn(citizen, '+79008880001');
    expect((await citizen.get('/api/security/blocked-sources')).statusCode).toBe(403);

    const guard = new TestBrowser(t.app, undefined, '198.51.100.7');
    expect((await signIn(guard, '+79008880002')).statusCode).toBe(200);
    const list = (await guard.get('/api/security/blocked-sources')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ip: '192.0.2.66', active: true, failures: SOURCE_FAILURES });
    expect((await guard.post(`/api/security/blocked-sources/${list[0].id}/lift`)).statusCode).toBe(200);
    expect((await guard.post(`/api/security/blocked-sources/${list[0].id}/lift`)).statusCode).toBe(404);

    const again = await attacker.post('/api/auth/login', { login: 'victim@example.ru', password: PASSWORD });
    expect(again.statusCode).toBe(200);
    const [victim] = await t.ctx.db.select().from(users).where(eq(users.email, 'victim@example.ru'));
    expect(victim).toBeDefined();
  });
});
