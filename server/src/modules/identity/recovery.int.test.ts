import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { codeIn, waitForEmail, waitForSms } from '../../platform/messaging';
import { createAccount, signInWithSms, TEST_PASSWORD } from './testing';
import { oneTimeCodes } from './schema';
import { SoftAuthenticator } from './webauthn-testing';

const PASSWORD = TEST_PASSWORD;
const NEW_PASSWORD = 'осенний ветер гонит листья';
let t: TestApp;

async function account(withEmail = true) {
  return createAccount(t, withEmail ? {} : { email: null });
}

async function signIn(browser: TestBrowser, phone: string, password = PASSWORD) {
  return signInWithSms(t, browser, phone, password);
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`password recovery on ${testDriver}`, () => {
  it('needs the phone and the e-mail when the account has both; then ends every session and freezes changes', async () => {
    const user = await account();
    const old = new TestBrowser(t.app);
    expect((await signIn(old, user.phone!)).statusCode).toBe(200);

    const browser = new TestBrowser(t.app);
    const since = new Date();
    const start = await browser.post('/api/auth/recovery', { login: user.phone });
    expect(start.json().message).toMatch(/Если учётная запись/);
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.recovery' });
    const verify = await browser.post('/api/auth/recovery/verify', { code: codeIn(sms.text) });
    expect(verify.json()).toMatchObject({ status: 'second_proof', factors: [{ type: 'email' }] });
    // One stolen phone is not enough.
    expect(
      (await browser.post('/api/auth/recovery/complete', { newPassword: NEW_PASSWORD })).statusCode,
    ).toBe(409);

    const mailSince = new Date();
    expect((await browser.post('/api/auth/recovery/send', { factor: 'email' })).statusCode).toBe(200);
    const mail = await waitForEmail(t.ctx, user.email!, { since: mailSince });
    expect(
      (await browser.post('/api/auth/recovery/second', { factor: 'email', code: codeIn(mail.text) }))
        .statusCode,
    ).toBe(200);
    const weak = await browser.post('/api/auth/recovery/complete', { newPassword: 'qwertyuiop12' });
    expect(weak.json().errors[0].field).toBe('newPassword');
    const done = await browser.post('/api/auth/recovery/complete', { newPassword: NEW_PASSWORD });
    expect(done.statusCode, done.body).toBe(200);

    expect((await old.get('/api/me')).statusCode).toBe(401); // every session ended
    expect((await signIn(new TestBrowser(t.app), user.phone!, PASSWORD)).statusCode).toBe(401);
    const fresh = new TestBrowser(t.app);
    expect((await signIn(fresh, user.phone!, NEW_PASSWORD)).statusCode).toBe(200);
    const frozen = await fresh.post('/api/auth/factors/totp');
    expect(frozen.statusCode).toBe(423);
    const notice = await waitForEmail(t.ctx, user.email!, { since: mailSince });
    expect(notice.subject).toBeDefined();
    const notices = await t.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sms_outbox WHERE to_phone = $1 AND purpose = 'security.password_reset'",
      [user.phone],
    );
    expect(notices.rows[0]!.n).toBe(1);
    // The finished recovery cannot be replayed.
    expect(
      (await browser.post('/api/auth/recovery/complete', { newPassword: 'третий пароль для проверки' }))
        .statusCode,
    ).toBe(409);
  });

  it('asks for the authenticator app when the account has one', async () => {
    const user = await account(false);
    const b = new TestBrowser(t.app);
    await signIn(b, user.phone!);
    const { id, secret } = (await b.post('/api/auth/factors/totp')).json();
    await b.post('/api/auth/factors/totp/confirm', { id, code: await generate({ secret }) });

    const r = new TestBrowser(t.app);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, user.phone!));
    const since = new Date();
    await r.post('/api/auth/recovery', { login: user.phone });
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.recovery' });
    const verify = (await r.post('/api/auth/recovery/verify', { code: codeIn(sms.text) })).json();
    expect(verify.factors.map((f: { type: string }) => f.type)).toEqual(['totp']);
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await r.post('/api/auth/recovery/second', { factor: 'totp', code: next })).statusCode).toBe(200);
    expect((await r.post('/api/auth/recovery/complete', { newPassword: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('asks for the passkey when the account has one: the phone alone resets nothing, another key is refused', async () => {
    const user = await account(false);
    const b = new TestBrowser(t.app);
    await signIn(b, user.phone!);
    const key = new SoftAuthenticator('http://localhost');
    const options = (await b.post('/api/auth/passkeys/options')).json().options;
    expect((await b.post('/api/auth/passkeys', { response: key.create(options) })).statusCode).toBe(200);

    const r = new TestBrowser(t.app);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, user.phone!));
    const since = new Date();
    await r.post('/api/auth/recovery', { login: user.phone });
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.recovery' });
    const verify = (await r.post('/api/auth/recovery/verify', { code: codeIn(sms.text) })).json();
    expect(verify.status).toBe('second_proof');
    expect(verify.factors).toEqual([{ type: 'passkey', destination: 'Ключ доступа' }]);
    // Whoever holds the phone cannot set a password yet.
    expect((await r.post('/api/auth/recovery/complete', { newPassword: NEW_PASSWORD })).statusCode).toBe(409);

    // Another person's registered key is refused, and the challenge it answered is gone.
    const other = await account(false);
    const ob = new TestBrowser(t.app);
    await signIn(ob, other.phone!);
    const stranger = new SoftAuthenticator('http://localhost');
    const otherOptions = (await ob.post('/api/auth/passkeys/options')).json().options;
    expect(
      (await ob.post('/api/auth/passkeys', { response: stranger.create(otherOptions) })).statusCode,
    ).toBe(200);
    const first = (await r.post('/api/auth/recovery/passkey/options')).json().options;
    const wrong = await r.post('/api/auth/recovery/passkey', {
      response: stranger.get(first, {}, stranger.credentials[0]),
    });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrong.json().detail).toMatch(/[А-Яа-я]/);
    const replay = await r.post('/api/auth/recovery/passkey', { response: key.get(first) });
    expect(replay.statusCode).toBe(409);

    const opts = (await r.post('/api/auth/recovery/passkey/options')).json().options;
    const ok = await r.post('/api/auth/recovery/passkey', { response: key.get(opts) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await r.post('/api/auth/recovery/complete', { newPassword: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('offers no passkey to a recovery that does not need one', async () => {
    const user = await account(false);
    const r = new TestBrowser(t.app);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, user.phone!));
    const since = new Date();
    await r.post('/api/auth/recovery', { login: user.phone });
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.recovery' });
    await r.post('/api/auth/recovery/verify', { code: codeIn(sms.text) });
    expect((await r.post('/api/auth/recovery/passkey/options')).statusCode).toBe(409);
    expect((await new TestBrowser(t.app).post('/api/auth/recovery/passkey/options')).statusCode).toBe(409);
  });

  it('answers an unknown login exactly like a known one and sends nothing', async () => {
    const browser = new TestBrowser(t.app);
    const res = await browser.post('/api/auth/recovery', { login: '+79009990000' });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toMatch(/Если учётная запись/);
    const sent = await t.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sms_outbox WHERE to_phone = '+79009990000'",
    );
    expect(sent.rows[0]!.n).toBe(0);
    const verify = await browser.post('/api/auth/recovery/verify', { code: '123456' });
    expect(verify.statusCode).toBe(400);
    expect(verify.json().detail).toMatch(/Неверный код/);
  });

  it('tells a locked account until when it is locked, and a reset unlocks it at once', async () => {
    const user = await account(false);
    const b = new TestBrowser(t.app);
    for (let i = 0; i < 3; i++)
      await b.post('/api/auth/login', { login: user.phone, password: `неверный пароль ${i}` });
    expect((await b.post('/api/auth/login', { login: user.phone, password: PASSWORD })).statusCode).toBe(423);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, user.phone!));
    const since = new Date();
    await b.post('/api/auth/recovery', { login: user.phone });
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.recovery' });
    const verify = (await b.post('/api/auth/recovery/verify', { code: codeIn(sms.text) })).json();
    expect(verify.status).toBe('ready'); // only a phone: nothing else to prove
    expect(verify.lockedUntil).not.toBeNull();
    expect(verify.message).toMatch(/Вход заблокирован до \d\d:\d\d; новый пароль снимет блокировку/);
    expect((await b.post('/api/auth/recovery/complete', { newPassword: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await signIn(new TestBrowser(t.app), user.phone!, NEW_PASSWORD)).statusCode).toBe(200);
  });
});
