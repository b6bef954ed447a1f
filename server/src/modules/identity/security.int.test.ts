import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/schema';
import { generate } from 'otplib';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { codeIn, waitForSms } from '../../platform/messaging';
import { sessions } from '../../platform/sessions/schema';
import { createAccount, signInWithSms, TEST_PASSWORD } from './testing';
import { oneTimeCodes, users } from './schema';

const PASSWORD = TEST_PASSWORD;
let t: TestApp;

async function account() {
  return createAccount(t);
}

async function signInBySms(browser: TestBrowser, phone: string, password = PASSWORD) {
  const res = await signInWithSms(t, browser, phone, password);
  expect(res.statusCode, res.body).toBe(200);
}

const forgetCodes = (userId: string) =>
  t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.subject, `user:${userId}`));

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`second factors on ${testDriver}`, () => {
  it('switches to an authenticator app: enrol, then log in with password + TOTP', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    await signInBySms(browser, user.phone!);
    const start = await browser.post('/api/auth/factors/totp');
    expect(start.statusCode, start.body).toBe(200);
    const { id, secret, uri, qrSvg } = start.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(qrSvg).toContain('<svg');
    const wrong = await browser.post('/api/auth/factors/totp/confirm', {
      id,
      code: '000000' === (await generate({ secret })) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      (await browser.post('/api/auth/factors/totp/confirm', { id, code: await generate({ secret }) }))
        .statusCode,
    ).toBe(200);
    const factors = (await browser.get('/api/auth/factors')).json();
    expect(factors.apps).toHaveLength(1);

    // The next login offers the app first and sends no SMS.
    const other = new TestBrowser(t.app);
    const first = await other.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    expect(first.json().factors.map((f: { type: string }) => f.type)).toEqual(['totp', 'sms']);
    expect(first.json().sent).toBeNull();
    // The code just used at enrolment cannot be replayed; the owner is told and the audit log keeps it.
    const replayedAt = new Date();
    const replay = await other.post('/api/auth/login/verify', {
      factor: 'totp',
      code: await generate({ secret }),
    });
    expect(replay.statusCode).toBe(400);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    const notice = await waitForSms(t.ctx, user.phone!, {
      since: replayedAt,
      purpose: 'security.totp_replayed',
    });
    expect(notice.text).toContain('уже был использован');
    const audited = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, 'identity.totp.replayed')));
    expect(audited).toHaveLength(1);
    // A code that is merely wrong is not a replay: nobody is alarmed.
    const wrongCode = (await generate({ secret })) === '000000' ? '111111' : '000000';
    expect((await other.post('/api/auth/login/verify', { factor: 'totp', code: wrongCode })).statusCode).toBe(
      400,
    );
    expect(
      await t.ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, 'identity.totp.replayed'))),
    ).toHaveLength(1);
    // The next time step's code works.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const ok = await other.post('/api/auth/login/verify', { factor: 'totp', code: next });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(200);
    const history = (await other.get('/api/auth/history')).json().items;
    expect(history[0]).toMatchObject({
      result: 'succeeded',
      methodLabel: 'Пароль + Приложение-аутентификатор',
    });
  });

  it('backup codes: shown once, each works once', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    await signInBySms(browser, user.phone!);
    const { codes } = (await browser.post('/api/auth/backup-codes')).json();
    expect(codes).toHaveLength(10);
    expect(codes[0]).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await forgetCodes(user.id);
    const b2 = new TestBrowser(t.app);
    await b2.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    expect(
      (await b2.post('/api/auth/login/verify', { factor: 'backup', code: codes[3].toLowerCase() }))
        .statusCode,
    ).toBe(200);
    await forgetCodes(user.id);
    const b3 = new TestBrowser(t.app);
    await b3.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    const again = await b3.post('/api/auth/login/verify', { factor: 'backup', code: codes[3] });
    expect(again.statusCode).toBe(400);
    expect(again.json().detail).toMatch(/уже использован/);
    expect((await browser.get('/api/auth/factors')).json().backupCodesLeft).toBe(9);
  });

  it('asks for a fresh second factor before critical changes after 15 minutes', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    await signInBySms(browser, user.phone!);
    await t.ctx.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.userId, user.id));
    const refused = await browser.post('/api/auth/backup-codes');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('urn:kabinet:problem:step-up-required');
    await forgetCodes(user.id);
    const since = new Date();
    expect((await browser.post('/api/auth/step-up/send', { factor: 'sms' })).statusCode).toBe(200);
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.step_up' });
    expect(
      (await browser.post('/api/auth/step-up/verify', { factor: 'sms', code: codeIn(sms.text) })).statusCode,
    ).toBe(200);
    expect((await browser.post('/api/auth/backup-codes')).statusCode).toBe(200);
  });

  it('changing the password needs the current one, checks the policy and ends the other sessions', async () => {
    const user = await account();
    const a = new TestBrowser(t.app);
    const b = new TestBrowser(t.app);
    await signInBySms(a, user.phone!);
    await forgetCodes(user.id);
    await signInBySms(b, user.phone!);
    expect(
      (
        await a.post('/api/auth/password', {
          currentPassword: 'не тот',
          newPassword: 'синий кит плывёт домой',
        })
      ).json().errors[0].field,
    ).toBe('currentPassword');
    expect(
      (await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'qwertyuiop12' })).json()
        .errors[0].field,
    ).toBe('newPassword');
    expect(
      (await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD })).statusCode,
    ).toBe(400);
    const changed = await a.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'синий кит плывёт домой',
    });
    expect(changed.json()).toEqual({ status: 'changed', endedSessions: 1 });
    expect((await a.get('/api/me')).statusCode).toBe(200);
    expect((await b.get('/api/me')).statusCode).toBe(401);
    const notice = await waitForSms(t.ctx, user.phone!, { purpose: 'security.password_changed' });
    expect(notice.text).toMatch(/Пароль изменён/);
  });

  it('refuses changes while the account is frozen after a reset, and another person’s factor', async () => {
    const user = await account();
    const stranger = await account();
    const browser = new TestBrowser(t.app);
    await signInBySms(browser, user.phone!);
    const sb = new TestBrowser(t.app);
    await signInBySms(sb, stranger.phone!);
    const { id, secret } = (await sb.post('/api/auth/factors/totp')).json();
    await sb.post('/api/auth/factors/totp/confirm', { id, code: await generate({ secret }) });
    expect((await browser.delete(`/api/auth/factors/${id}`)).statusCode).toBe(404);
    expect((await browser.post('/api/auth/factors/totp/confirm', { id, code: '123456' })).statusCode).toBe(
      400,
    );

    await t.ctx.db
      .update(users)
      .set({ frozenUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.id, user.id));
    const frozen = await browser.post('/api/auth/factors/totp');
    expect(frozen.statusCode).toBe(423);
    expect(frozen.json().detail).toMatch(/нельзя менять до/);
  });
});
