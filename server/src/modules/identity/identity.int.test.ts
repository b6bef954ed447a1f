import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { codeIn, waitForSms } from '../../platform/messaging';
import { createAccount, signInWithSms, TEST_PASSWORD } from './testing';
import { codeFailures, oneTimeCodes } from './schema';

const PASSWORD = TEST_PASSWORD;
let t: TestApp;

/** A fresh account with a confirmed phone; each test gets its own, so caps never leak between tests. */
async function account(options: Parameters<typeof createAccount>[1] = {}) {
  return createAccount(t, options);
}

/** Password, then the SMS code read from the outbox — exactly what a person does. */
async function signIn(browser: TestBrowser, phone: string, password = PASSWORD) {
  const res = await signInWithSms(t, browser, phone, password);
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`login on ${testDriver}`, () => {
  it('a password alone never opens a session; password + SMS code does', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    const first = await browser.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'second_factor',
      factors: [{ type: 'sms', destination: '+7 900 ***-**-' + user.phone!.slice(-2) }],
    });
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const sms = await waitForSms(t.ctx, user.phone!, { purpose: 'code.login' });
    expect(sms.text).toMatch(/Код для входа в Кабинет: \d{6}/);
    const ok = await browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) });
    expect(ok.statusCode).toBe(200);
    const me = await browser.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.id);
  });

  it('logs in by e-mail and by a phone typed in any form', async () => {
    const user = await account();
    for (const login of [
      user.email!.toUpperCase(),
      `8 (${user.phone!.slice(2, 5)}) ${user.phone!.slice(5, 8)}-${user.phone!.slice(8, 10)}-${user.phone!.slice(10)}`,
    ]) {
      const browser = new TestBrowser(t.app);
      const res = await browser.post('/api/auth/login', { login, password: PASSWORD });
      expect(res.statusCode, login).toBe(200);
    }
  });

  it('refuses a wrong password with the same words whether or not the login exists', async () => {
    const user = await account();
    const wrong = await new TestBrowser(t.app).post('/api/auth/login', {
      login: user.email,
      password: 'не тот пароль совсем',
    });
    const unknown = await new TestBrowser(t.app).post('/api/auth/login', {
      login: 'nobody-here@example.ru',
      password: 'не тот пароль совсем',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().detail).toMatch(/^Неверный логин или пароль/);
  });

  it('locks after 3 wrong passwords and refuses the 4th even when it is right', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await browser.post('/api/auth/login', { login: user.phone, password: `неверный пароль ${i}` }))
          .statusCode,
      );
    expect(codes).toEqual([401, 401, 423]);
    const right = await browser.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.json().detail).toMatch(/временно заблокирован.*восстановите доступ/);
    expect(right.headers['retry-after']).toBeDefined();
    // The owner is told on every confirmed contact.
    const notice = await waitForSms(t.ctx, user.phone!, { purpose: 'security.locked' });
    expect(notice.text).toMatch(/вход заблокирован до \d\d:\d\d/);
    // And an unknown login locks in exactly the same way.
    const ghost = new TestBrowser(t.app);
    const ghostCodes = [];
    for (let i = 0; i < 4; i++)
      ghostCodes.push(
        (await ghost.post('/api/auth/login', { login: '+79009998877', password: `неверный пароль ${i}` }))
          .statusCode,
      );
    expect(ghostCodes).toEqual([401, 401, 423, 423]);
  });

  it('refuses an expired code and a code used twice', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    await browser.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    const sms = await waitForSms(t.ctx, user.phone!, { purpose: 'code.login' });
    await t.ctx.db
      .update(oneTimeCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oneTimeCodes.subject, `user:${user.id}`));
    const expired = await browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().detail).toMatch(/Срок действия кода истёк/);

    const other = new TestBrowser(t.app);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.subject, `user:${user.id}`)); // allow an immediate new code
    await signIn(other, user.phone!);
    const again = await waitForSms(t.ctx, user.phone!, { purpose: 'code.login' });
    const reuse = await new TestBrowser(t.app).post('/api/auth/login/verify', {
      factor: 'sms',
      code: codeIn(again.text),
    });
    expect(reuse.statusCode).toBe(409); // no login in progress in that browser: the code alone is nothing
  });

  it('closes a code after 3 wrong entries and all codes after the 10th wrong entry in 24 hours', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    await browser.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    const sms = await waitForSms(t.ctx, user.phone!, { purpose: 'code.login' });
    const right = codeIn(sms.text);
    const wrongCode = right === '000000' ? '111111' : '000000';
    const details = [];
    for (let i = 0; i < 3; i++)
      details.push(
        (await browser.post('/api/auth/login/verify', { factor: 'sms', code: wrongCode })).json().detail,
      );
    expect(details).toEqual([
      'Неверный код. Осталось попыток: 2.',
      'Неверный код. Осталось попыток: 1.',
      'Неверный код введён 3 раза. Запросите новый код.',
    ]);
    expect(
      (await browser.post('/api/auth/login/verify', { factor: 'sms', code: right })).json().detail,
    ).toMatch(/Запросите новый код/);

    // Seven more wrong entries (recorded as earlier failures today) make ten in 24 hours.
    const earlier = Array.from({ length: 7 }, (_, i) => ({
      subject: `user:${user.id}`,
      purpose: 'login',
      at: new Date(Date.now() - (i + 1) * 60_000),
    }));
    await t.ctx.db.insert(codeFailures).values(earlier);
    // A fresh code, right this time, is refused: entry is closed for an hour.
    await t.ctx.db
      .update(oneTimeCodes)
      .set({ createdAt: sql`created_at - interval '2 minutes'` })
      .where(eq(oneTimeCodes.subject, `user:${user.id}`));
    const resend = await browser.post('/api/auth/login/send', { factor: 'sms' });
    expect(resend.statusCode).toBe(429);
    expect(resend.json().detail).toMatch(/Ввод кода закрыт до \d\d:\d\d/);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
  });

  it('the 11th wrong code in 24 hours is refused even when a fresh code is right', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    await browser.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    const sms = await waitForSms(t.ctx, user.phone!, { purpose: 'code.login' });
    // Ten wrong entries over the last day, the newest 61 minutes ago: entry is open again, once.
    await t.ctx.db.insert(codeFailures).values(
      Array.from({ length: 10 }, (_, i) => ({
        subject: `user:${user.id}`,
        purpose: 'login',
        at: new Date(Date.now() - (61 + i) * 60_000),
      })),
    );
    const wrongCode = codeIn(sms.text) === '000000' ? '111111' : '000000';
    const eleventh = await browser.post('/api/auth/login/verify', { factor: 'sms', code: wrongCode });
    expect(eleventh.statusCode).toBe(429);
    await t.ctx.db
      .update(oneTimeCodes)
      .set({ createdAt: sql`created_at - interval '2 minutes'` })
      .where(eq(oneTimeCodes.subject, `user:${user.id}`));
    expect((await browser.post('/api/auth/login/send', { factor: 'sms' })).statusCode).toBe(429);
  });

  it('rate-limits resends: 60 seconds apart', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    await browser.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    const res = await browser.post('/api/auth/login/send', { factor: 'sms' });
    expect(res.statusCode).toBe(429);
    expect(res.json().detail).toMatch(/Новый код можно запросить через \d+ секунд/);
  });

  it('tells the owner about a login from a new device, and not about a known one', async () => {
    const user = await account();
    const since = new Date();
    await signIn(new TestBrowser(t.app), user.phone!);
    const first = await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.new_device' });
    expect(first.text).toMatch(/Вход с нового устройства/);
    const later = new Date();
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.subject, `user:${user.id}`));
    await signIn(new TestBrowser(t.app), user.phone!);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.subject, `user:${user.id}`));
    await signIn(
      new TestBrowser(
        t.app,
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      ),
      user.phone!,
    );
    const notices = await t.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sms_outbox WHERE to_phone = $1 AND purpose = 'security.new_device' AND created_at >= $2",
      [user.phone, later],
    );
    expect(notices.rows[0]!.n).toBe(1); // only the iPhone
  });

  it('sets the session cookie Secure, HttpOnly, SameSite, __Host- on Path=/, and keeps codes only as HMACs', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    const since = new Date();
    await browser.post('/api/auth/login', { login: user.phone, password: PASSWORD });
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.login' });
    const code = codeIn(sms.text);
    const stored = await t.ctx.db
      .select({ hash: oneTimeCodes.codeHash })
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.subject, `user:${user.id}`));
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.hash).not.toContain(code);
    }
    const res = await browser.post('/api/auth/login/verify', { factor: 'sms', code });
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('__Host-kabinet='))!;
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/);
  });

  it('stores passwords only as argon2id over a peppered HMAC', async () => {
    const user = await account();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
  });
});

describe('sessions, logout and history', () => {
  it('logout revokes the session: the cookie no longer opens the API', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    await signIn(browser, user.phone!);
    const stolenCookie = browser.cookie;
    expect((await browser.post('/api/auth/logout')).statusCode).toBe(200);
    const replay = await t.app.inject({ url: '/api/me', headers: { cookie: stolenCookie } });
    expect(replay.statusCode).toBe(401);
  });

  it('lists only one’s own sessions and cannot end another person’s', async () => {
    const alice = await account();
    const bob = await account();
    const a1 = new TestBrowser(t.app);
    const a2 = new TestBrowser(
      t.app,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
      '198.51.100.20',
    );
    const b = new TestBrowser(t.app);
    await signIn(a1, alice.phone!);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.subject, `user:${alice.id}`));
    await signIn(a2, alice.phone!);
    await signIn(b, bob.phone!);
    const list = (await a1.get('/api/auth/sessions')).json().items as Array<{
      id: string;
      current: boolean;
      os: string;
    }>;
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const bobs = (await b.get('/api/auth/sessions')).json().items as Array<{ id: string }>;
    expect(bobs).toHaveLength(1);
    // Alice cannot end Bob's session, even knowing its handle.
    expect((await a1.delete(`/api/auth/sessions/${bobs[0]!.id}`)).statusCode).toBe(404);
    expect((await b.get('/api/me')).statusCode).toBe(200);
    // She ends her other session; it stops working at once.
    const other = list.find((s) => !s.current)!;
    expect((await a1.delete(`/api/auth/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await a2.get('/api/me')).statusCode).toBe(401);
    expect((await a1.delete('/api/auth/sessions/not-a-handle')).statusCode).toBe(400);
  });

  it('records every attempt in the login history, filters it, exports CSV, and shows nobody else’s', async () => {
    const user = await account();
    const stranger = await account();
    const browser = new TestBrowser(t.app, undefined, '198.51.100.77');
    await browser.post('/api/auth/login', { login: user.phone, password: 'совсем неверный пароль' });
    await signIn(browser, user.phone!);
    const strangerBrowser = new TestBrowser(t.app);
    await signIn(strangerBrowser, stranger.phone!);

    const history = (await browser.get('/api/auth/history')).json();
    const results = history.items.map((i: { result: string }) => i.result);
    expect(results).toEqual(['succeeded', 'second_factor_required', 'failed']);
    expect(history.items[0]).toMatchObject({
      ip: '198.51.100.77',
      browser: 'Chrome 156',
      deviceType: 'компьютер',
      methodLabel: 'Пароль + Код из SMS',
      newDevice: true,
    });
    expect(new Date(history.items[0].at).getMilliseconds()).toBeGreaterThanOrEqual(0);

    expect((await browser.get('/api/auth/history?ip=198.51.100.0/24')).json().total).toBe(3);
    expect((await browser.get('/api/auth/history?ip=203.0.113.0/24')).json().total).toBe(0);
    const bad = await browser.get('/api/auth/history?ip=999.1.1.1/99');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'ip' });
    expect((await browser.get('/api/auth/history?from=2026-12-01&to=2026-11-01')).json().detail).toMatch(
      /Дата «с» позже/,
    );

    const csv = await browser.get('/api/auth/history.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('IP-адрес');
    expect(csv.body).toContain('198.51.100.77');
    expect(csv.body).not.toContain('203.0.113.10'); // the stranger's address

    expect((await new TestBrowser(t.app).get('/api/auth/history')).statusCode).toBe(401);
  });

  it('neutralises spreadsheet formulas planted in a User-Agent', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app, '=HYPERLINK("http://evil")');
    await signIn(browser, user.phone!);
    const csv = (await browser.get('/api/auth/history.csv')).body;
    expect(csv).not.toMatch(/;"=/);
  });
});

describe('registration', () => {
  it('registers by phone: code, password policy, a signed-in simplified account', async () => {
    const phone = '+79007770001';
    const browser = new TestBrowser(t.app);
    const noConsent = await browser.post('/api/auth/register', { phone, consent: false });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors[0]).toMatchObject({ field: 'consent' });

    const start = await browser.post('/api/auth/register', { phone: '8 900 777-00-01', consent: true });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json().destination).toBe('+7 900 ***-**-01');
    const sms = await waitForSms(t.ctx, phone, { purpose: 'code.register' });
    expect((await browser.post('/api/auth/register/complete', { password: PASSWORD })).statusCode).toBe(409); // not confirmed yet
    const verify = await browser.post('/api/auth/register/verify', { code: codeIn(sms.text) });
    expect(verify.json()).toMatchObject({ status: 'confirmed' });

    const weak = await browser.post('/api/auth/register/complete', { password: 'qwertyuiop12' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ field: 'password' });
    const personal = await browser.post('/api/auth/register/complete', {
      password: 'мой номер 9007770001 пароль',
    });
    expect(personal.json().detail).toMatch(/ваши данные/);

    const done = await browser.post('/api/auth/register/complete', {
      password: PASSWORD,
      firstName: 'Ольга',
      lastName: 'Смирнова',
    });
    expect(done.statusCode, done.body).toBe(200);
    const me = (await browser.get('/api/me')).json();
    expect(me).toMatchObject({ level: 'simplified', phone, shortName: 'Ольга С.' });
    // A finished registration cannot be replayed.
    expect((await browser.post('/api/auth/register/complete', { password: PASSWORD })).statusCode).toBe(409);
  });

  it('says an account exists only to the person who proved the contact', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    const start = await browser.post('/api/auth/register', { phone: user.phone, consent: true });
    expect(start.statusCode).toBe(200); // the same answer as for a new number
    const sms = await waitForSms(t.ctx, user.phone!, { purpose: 'code.register' });
    const verify = await browser.post('/api/auth/register/verify', { code: codeIn(sms.text) });
    expect(verify.json()).toMatchObject({ status: 'exists' });
    expect((await browser.post('/api/auth/register/complete', { password: PASSWORD })).statusCode).toBe(409);
  });

  it('refuses malformed contacts in Russian', async () => {
    const browser = new TestBrowser(t.app);
    const res = await browser.post('/api/auth/register', { phone: '12345', consent: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/[а-я]/);
    const both = await browser.post('/api/auth/register', {
      phone: '+79007770002',
      email: 'a@b.ru',
      consent: true,
    });
    expect(both.statusCode).toBe(400);
  });
});

describe('login by SMS code', () => {
  it('an SMS code alone never opens a session; the password completes it', async () => {
    const user = await account();
    const browser = new TestBrowser(t.app);
    const since = new Date();
    const start = await browser.post('/api/auth/login/sms', { login: user.phone });
    expect(start.json().message).toMatch(/Если номер привязан/);
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.login' });
    const step = await browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) });
    expect(step.statusCode, step.body).toBe(200);
    expect(step.json().status).toBe('more');
    expect(step.json().factors.map((f: { type: string }) => f.type)).toEqual(['password']);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    // A second SMS is not a second factor.
    expect((await browser.post('/api/auth/login/send', { factor: 'sms' })).statusCode).toBe(409);
    const wrong = await browser.post('/api/auth/login/password', { password: 'не тот пароль совсем' });
    expect(wrong.statusCode).toBe(401);
    const done = await browser.post('/api/auth/login/password', { password: PASSWORD });
    expect(done.json()).toEqual({ status: 'signed_in' });
    expect((await browser.get('/api/me')).json().id).toBe(user.id);
    const history = (await browser.get('/api/auth/history')).json().items;
    expect(history[0].methodLabel).toBe('Код из SMS + Пароль');
  });

  it('answers an unknown number like a known one', async () => {
    const browser = new TestBrowser(t.app);
    const start = await browser.post('/api/auth/login/sms', { login: '+79001112233' });
    expect(start.statusCode).toBe(200);
    expect(start.json().message).toMatch(/Если номер привязан/);
    const verify = await browser.post('/api/auth/login/verify', { factor: 'sms', code: '123456' });
    expect(verify.statusCode).toBe(400);
    expect(verify.json().detail).toMatch(/Неверный код/);
    expect((await browser.post('/api/auth/login/password', { password: PASSWORD })).statusCode).toBe(409);
  });
});
