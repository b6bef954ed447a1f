import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { createAccount, TEST_PASSWORD } from './testing';
import { seedAuthenticatorApp } from './factors';
import { authFlows, loginHistory, oneTimeCodes, passwordThrottle } from './schema';
import { userKey } from './login-id';
import { FLOW_TTL_MS } from './policy';

// The password step of an account whose second factor needs nothing sent (an authenticator app)
// is one statement (login.ts, OPEN_LOGIN_FLOW): these tests hold it to what the transaction path
// guarantees.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function appAccount() {
  const user = await createAccount(t);
  const secret = await seedAuthenticatorApp(t.ctx.db, user.id, t.config.secrets.pepper);
  return { user, secret };
}

const flowsOf = (userId: string) => t.ctx.db.select().from(authFlows).where(eq(authFlows.userId, userId));
const historyOf = (userId: string) =>
  t.ctx.db.select().from(loginHistory).where(eq(loginHistory.userId, userId));

describe(`the password step of an account with an authenticator app, on ${testDriver}`, () => {
  it('opens the login flow and its history record in one go, sends nothing, and the app completes it', async () => {
    const { user, secret } = await appAccount();
    const browser = new TestBrowser(t.app);
    const before = Date.now();
    const res = await browser.post('/api/auth/login', { login: user.phone, password: TEST_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sent).toBeNull();
    expect(res.json().factors.map((f: { type: string }) => f.type)).toEqual(['totp', 'sms']);
    // No code was issued for an app login.
    expect(
      await t.ctx.db
        .select()
        .from(oneTimeCodes)
        .where(eq(oneTimeCodes.subject, userKey(user.id))),
    ).toHaveLength(0);

    const [flow] = await flowsOf(user.id);
    expect(flow).toMatchObject({ kind: 'login', method: 'password', proven: ['password'], data: {} });
    expect(flow!.ip).toBe(browser.ip);
    expect(flow!.userAgent).toBe(browser.userAgent);
    const ttl = flow!.expiresAt.getTime() - flow!.createdAt.getTime();
    expect(Math.abs(ttl - FLOW_TTL_MS)).toBeLessThan(1000);
    expect(flow!.createdAt.getTime()).toBeGreaterThan(before - 5000);

    const [attempt] = await historyOf(user.id);
    expect(attempt).toMatchObject({
      method: 'password',
      result: 'second_factor_required',
      ip: browser.ip,
      os: 'Linux',
      browser: 'Chrome 156',
      deviceType: 'компьютер',
      newDevice: false,
    });

    // The password alone opened nothing: /api/me still answers a guest.
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const done = await browser.post('/api/auth/login/verify', {
      factor: 'totp',
      code: await generate({ secret }),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ status: 'signed_in' });
  });

  it('locks after 3 wrong passwords and refuses the 4th even when it is right', async () => {
    const { user } = await appAccount();
    const browser = new TestBrowser(t.app);
    for (let i = 0; i < 3; i++) {
      const wrong = await browser.post('/api/auth/login', {
        login: user.phone,
        password: 'совсем не тот пароль',
      });
      expect(wrong.statusCode).toBe(i < 2 ? 401 : 423);
    }
    const right = await browser.post('/api/auth/login', { login: user.phone, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(await flowsOf(user.id)).toHaveLength(0);
  });

  it('a lock or failures that came in while the hash was computed are not skipped', async () => {
    const { user } = await appAccount();
    const key = userKey(user.id);
    // The statement itself, as the login runs it after argon2: a lock set meanwhile writes nothing…
    const { openLoginFlowAtOnce } = await import('./login');
    await t.ctx.db
      .insert(passwordThrottle)
      .values({ key, failures: 0, locks: 1, lockedUntil: new Date(Date.now() + 15 * 60_000) });
    expect(await openLoginFlowAtOnce(t.ctx, user.id, key, { ip: '203.0.113.10' })).toBeNull();
    // …and so do failures that the right password must clear in the transaction path.
    await t.ctx.db
      .update(passwordThrottle)
      .set({ lockedUntil: null, failures: 2 })
      .where(eq(passwordThrottle.key, key));
    expect(await openLoginFlowAtOnce(t.ctx, user.id, key, { ip: '203.0.113.10' })).toBeNull();
    expect(await flowsOf(user.id)).toHaveLength(0);
    expect(await historyOf(user.id)).toHaveLength(0);

    // Through the route, the right password then clears the failures and still opens the flow.
    const res = await new TestBrowser(t.app).post('/api/auth/login', {
      login: user.phone,
      password: TEST_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [throttle] = await t.ctx.db.select().from(passwordThrottle).where(eq(passwordThrottle.key, key));
    expect(throttle!.failures).toBe(0);
    expect(
      await t.ctx.db
        .select()
        .from(loginHistory)
        .where(and(eq(loginHistory.userId, user.id), eq(loginHistory.result, 'second_factor_required'))),
    ).toHaveLength(1);
  });

  it('with a clean record, the statement writes exactly one flow and one history record', async () => {
    const { user } = await appAccount();
    const { openLoginFlowAtOnce } = await import('./login');
    const token = await openLoginFlowAtOnce(t.ctx, user.id, userKey(user.id), {
      ip: '2001:db8::7',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    });
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(await flowsOf(user.id)).toHaveLength(1);
    const [attempt] = await historyOf(user.id);
    expect(attempt).toMatchObject({
      ip: '2001:db8::7',
      deviceType: 'смартфон',
      result: 'second_factor_required',
    });
  });
});
