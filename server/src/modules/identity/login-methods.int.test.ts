import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt } from 'drizzle-orm';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { smsOutbox } from '../../platform/messaging/schema';
import { auditLog } from '../../platform/audit/schema';
import { sessions } from '../../platform/sessions/schema';
import { latestMail, waitForSms } from '../../platform/messaging';
import { createAccount, signInWithSms } from './testing';
import { users } from './schema';
import { STEP_UP_PROBLEM } from './security-routes';
import { identityEffects } from './effects-impl';
import { sendPasswordReminders } from './login-methods';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function signedIn() {
  const user = await createAccount(t);
  const browser = new TestBrowser(t.app);
  const res = await signInWithSms(t, browser, user.phone!);
  expect(res.statusCode, res.body).toBe(200);
  return { user, browser };
}

type Prefs = {
  methods: Array<{ method: string; enabled: boolean; available: boolean }>;
  passwordReminderMonths: number | null;
  passwordReminderDue: string | null;
};

const smsSince = (phone: string, since: Date) =>
  t.ctx.db
    .select()
    .from(smsOutbox)
    .where(and(eq(smsOutbox.toPhone, phone), gt(smsOutbox.createdAt, since)));

describe(`login methods the owner chooses, on ${testDriver}`, () => {
  it('lists the methods; switching SMS login off needs a fresh second factor, tells the owner and stops SMS logins', async () => {
    const { user, browser } = await signedIn();
    const view = (await browser.get('/api/auth/login-methods')).json<Prefs>();
    expect(view.methods).toEqual([
      { method: 'sms', enabled: true, available: true },
      { method: 'bank', enabled: true, available: false },
      { method: 'esign', enabled: true, available: false },
    ]);

    // An old session must prove a second factor first.
    await t.ctx.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.userId, user.id));
    const stale = await browser.request('PUT', '/api/auth/login-methods/sms', { enabled: false });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().type).toBe(STEP_UP_PROBLEM);
    await t.ctx.db.update(sessions).set({ authenticatedAt: new Date() }).where(eq(sessions.userId, user.id));

    const since = new Date();
    const off = await browser.request('PUT', '/api/auth/login-methods/sms', { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<Prefs>().methods[0]).toEqual({ method: 'sms', enabled: false, available: true });
    const notice = await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.login_method' });
    expect(notice.text).toContain('Отключён вход по коду из SMS');
    // Saying it again changes nothing and tells nobody twice.
    expect((await browser.request('PUT', '/api/auth/login-methods/sms', { enabled: false })).statusCode).toBe(
      200,
    );
    const audited = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, 'identity.login_method.disabled')));
    expect(audited).toHaveLength(1);

    // An SMS login now gets the usual answer — and no code.
    const before = new Date();
    const other = new TestBrowser(t.app);
    const sms = await other.post('/api/auth/login/sms', { login: user.phone });
    expect(sms.statusCode).toBe(200);
    expect(sms.json().message).toContain('Если номер привязан');
    await new Promise((r) => setTimeout(r, 300));
    expect((await smsSince(user.phone!, before)).filter((m) => m.purpose === 'code.login')).toHaveLength(0);
    // The password with its second factor still works.
    const again = await signInWithSms(t, new TestBrowser(t.app), user.phone!);
    expect(again.statusCode, again.body).toBe(200);

    // On again.
    const on = await browser.request('PUT', '/api/auth/login-methods/sms', { enabled: true });
    expect(on.json<Prefs>().methods[0]!.enabled).toBe(true);
  });

  it('refuses unknown methods, bad bodies, guests, and changes while frozen after a reset', async () => {
    const { user, browser } = await signedIn();
    const unknown = await browser.request('PUT', '/api/auth/login-methods/password', { enabled: false });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toMatch(/[А-Яа-я]/);
    const bad = await browser.request('PUT', '/api/auth/login-methods/sms', { enabled: 'нет' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toMatch(/[А-Яа-я]/);
    const guest = await new TestBrowser(t.app).request('PUT', '/api/auth/login-methods/sms', {
      enabled: false,
    });
    expect(guest.statusCode).toBe(401);
    await t.ctx.db
      .update(users)
      .set({ frozenUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.id, user.id));
    const frozen = await browser.request('PUT', '/api/auth/login-methods/sms', { enabled: false });
    expect(frozen.statusCode).toBe(423);
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.smsLoginEnabled).toBe(true);
  });

  it('one person’s choice never changes another’s', async () => {
    const a = await signedIn();
    const b = await signedIn();
    await a.browser.request('PUT', '/api/auth/login-methods/sms', { enabled: false });
    await a.browser.request('PUT', '/api/auth/password-reminder', { months: 6 });
    const bView = (await b.browser.get('/api/auth/login-methods')).json<Prefs>();
    expect(bView.methods[0]!.enabled).toBe(true);
    expect(bView.passwordReminderMonths).toBeNull();
  });
});

describe(`the password-change reminder, on ${testDriver}`, () => {
  it('is off by default, takes 3, 6 or 12 months only, and is sent once per period', async () => {
    const { user, browser } = await signedIn();
    expect((await browser.get('/api/auth/login-methods')).json<Prefs>().passwordReminderMonths).toBeNull();
    const bad = await browser.request('PUT', '/api/auth/password-reminder', { months: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toBe('Напоминать можно раз в 3, 6 или 12 месяцев');
    const set = await browser.request('PUT', '/api/auth/password-reminder', { months: 3 });
    expect(set.statusCode, set.body).toBe(200);
    const due = new Date(set.json<Prefs>().passwordReminderDue!);
    expect(due.getTime()).toBeGreaterThan(Date.now() + 80 * 86400_000);

    const effects = identityEffects(t.ctx);
    // Not due yet: nothing is sent.
    const mine = async () => (await t.ctx.db.select().from(users).where(eq(users.id, user.id)))[0]!;
    await sendPasswordReminders(t.ctx.db, effects);
    expect((await mine()).passwordReminderSentAt).toBeNull();
    // Four months after the last change: one reminder, by e-mail (the account has a confirmed one).
    await t.ctx.db
      .update(users)
      .set({ passwordChangedAt: new Date(Date.now() - 120 * 86400_000) })
      .where(eq(users.id, user.id));
    const since = new Date();
    expect(await sendPasswordReminders(t.ctx.db, effects)).toBeGreaterThanOrEqual(1);
    const sentAt = (await mine()).passwordReminderSentAt;
    expect(sentAt).not.toBeNull();
    await expect
      .poll(
        async () => (await latestMail(t.ctx.db, { to: user.email!, since, limit: 10 })).map((m) => m.subject),
        {
          timeout: 15_000,
        },
      )
      .toContain('Напоминание о смене пароля');
    // Not again in the same period, and not by SMS as well.
    await sendPasswordReminders(t.ctx.db, effects);
    expect((await mine()).passwordReminderSentAt!.getTime()).toBe(sentAt!.getTime());
    expect(
      (await smsSince(user.phone!, since)).filter((m) => m.purpose === 'security.password_reminder'),
    ).toHaveLength(0);

    // Off again: no more reminders.
    const off = await browser.request('PUT', '/api/auth/password-reminder', { months: null });
    expect(off.json<Prefs>()).toMatchObject({ passwordReminderMonths: null, passwordReminderDue: null });
  });
});
