import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKey, sign } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import webpush from 'web-push';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { codeIn, waitForSms } from '../../platform/messaging';
import { auditLog } from '../../platform/audit/schema';
import { sessions } from '../../platform/sessions/schema';
import {
  codeFailures,
  loginHistory,
  oneTimeCodes,
  passkeys,
  pushChallenges,
  pushDevices,
  userFactors,
  users,
} from './schema';
import { createAccount, signInWithSms, TEST_PASSWORD } from './testing';
import { SoftDevice, SoftSubscriber } from './push-testing';

// The app listens on a real port: the Web Push adapter reaches the push service simulator mounted in
// the same server over TCP, and the test plays the subscribed browser (its keys never leave it).

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t?.close());

type User = Awaited<ReturnType<typeof createAccount>>;

async function signedIn(user: User) {
  const browser = new TestBrowser(t.app);
  const res = await signInWithSms(t, browser, user.phone!);
  expect(res.statusCode, res.body).toBe(200);
  return browser;
}

/** Registers a browser for login confirmations through the settings API, as the page does. */
async function register(
  browser: TestBrowser,
  device = new SoftDevice(),
  extra: { label?: string; subscription?: unknown } = {},
) {
  const res = await browser.post('/api/auth/push/devices', { publicKey: device.jwk, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  device.id = res.json().device.id;
  return device;
}

/** A user with one registered browser (and an SMS-confirmed phone). */
async function withDevice(extra: { subscription?: unknown } = {}) {
  const user = await createAccount(t);
  const device = await register(await signedIn(user), new SoftDevice(), extra);
  return { user, device };
}

/** The device's poll: a nonce, then the signed request for its pending confirmations. */
async function poll(device: SoftDevice, tweak: (b: ReturnType<SoftDevice['pollBody']>) => object = (b) => b) {
  const anyone = new TestBrowser(t.app, undefined, '198.51.100.77');
  const { nonce } = (await anyone.post('/api/auth/push/device/nonce')).json();
  return anyone.post('/api/auth/push/device/pending', tweak(device.pollBody(nonce)));
}
async function pending(device: SoftDevice) {
  const res = await poll(device);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Array<{
    id: string;
    choices: number[];
    ip: string;
    browser: string;
    os: string;
  }>;
}

const answer = (body: object) =>
  new TestBrowser(t.app, undefined, '198.51.100.77').post('/api/auth/push/device/answer', body);

/** Password first: push is preferred and goes out at once. */
async function passwordLogin(user: User, browser = new TestBrowser(t.app, undefined, '203.0.113.50')) {
  const res = await browser.post('/api/auth/login', { login: user.phone, password: TEST_PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return { browser, start: res.json() };
}

const status = (browser: TestBrowser) => browser.post('/api/auth/login/push/status');
const auditOf = (userId: string, action: string) =>
  t.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectUserId, userId), eq(auditLog.action, action)));
const devicesOf = (userId: string) =>
  t.ctx.db.select().from(pushDevices).where(eq(pushDevices.userId, userId));

describe(`push to a registered browser on ${testDriver}`, () => {
  it('registers a browser under step-up, refused while frozen; listed, owner notified, audited; bad keys refused', async () => {
    const user = await createAccount(t);
    const browser = await signedIn(user);
    const device = new SoftDevice();

    await t.ctx.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.userId, user.id));
    const stale = await browser.post('/api/auth/push/devices', { publicKey: device.jwk });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().type).toBe('urn:kabinet:problem:step-up-required');
    await t.ctx.db.update(sessions).set({ authenticatedAt: new Date() }).where(eq(sessions.userId, user.id));

    await t.ctx.db
      .update(users)
      .set({ frozenUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.id, user.id));
    const frozen = await browser.post('/api/auth/push/devices', { publicKey: device.jwk });
    expect(frozen.statusCode).toBe(423);
    expect(frozen.json().detail).toMatch(/После восстановления пароля/);
    await t.ctx.db.update(users).set({ frozenUntil: null }).where(eq(users.id, user.id));

    // Bad input: Russian problems, nothing stored.
    const offCurve = { ...device.jwk, y: device.jwk.x };
    const shapes = [
      {},
      { publicKey: { ...device.jwk, crv: 'P-384' } },
      { publicKey: { ...device.jwk, kty: 'RSA' } },
      { publicKey: { ...device.jwk, x: 'не base64url!' } },
      { publicKey: offCurve },
      { publicKey: device.jwk, label: 'x'.repeat(61) },
      { publicKey: device.jwk, subscription: { endpoint: 'not a url', keys: { p256dh: 'x', auth: 'y' } } },
      {
        publicKey: device.jwk,
        subscription: { endpoint: 'http://169.254.169.254/latest', keys: new SoftSubscriber().keys },
      },
      {
        publicKey: device.jwk,
        subscription: { endpoint: 'https://evil.example/push/1', keys: new SoftSubscriber().keys },
      },
      // The simulator's path on another local port is not the simulator.
      {
        publicKey: device.jwk,
        subscription: { endpoint: 'http://127.0.0.1:6379/sim/push/abc', keys: new SoftSubscriber().keys },
      },
    ];
    for (const body of shapes) {
      const res = await browser.post('/api/auth/push/devices', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(res.json().detail).toMatch(/[А-Яа-я]/);
    }
    expect(await devicesOf(user.id)).toHaveLength(0);

    const since = new Date();
    const res = await browser.post('/api/auth/push/devices', {
      publicKey: device.jwk,
      subscription: {
        endpoint: 'https://fcm.googleapis.com/fcm/send/abc123',
        keys: new SoftSubscriber().keys,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    // The name comes from the User-Agent: browser and OS, no versions.
    expect(res.json().device).toMatchObject({ label: 'Chrome, Linux', webPush: true, lastUsedAt: null });
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.factor_added' });
    expect(sms.text).toContain('Chrome, Linux');
    expect(await auditOf(user.id, 'identity.factor.added')).toHaveLength(1);

    // The same key twice is one device.
    const again = await browser.post('/api/auth/push/devices', { publicKey: device.jwk });
    expect(again.statusCode).toBe(409);
    const list = (await browser.get('/api/auth/push/devices')).json();
    expect(list.items).toHaveLength(1);
    expect(list.vapidPublicKey).toBe(t.config.vapid.publicKey);
    expect(list.suggestedLabel).toBe('Chrome, Linux');
    expect((await new TestBrowser(t.app).get('/api/auth/push/devices')).statusCode).toBe(401);
  });

  it('is offered after a passkey and the app, before SMS; password + push approved opens a session', async () => {
    const { user, device } = await withDevice();
    const { browser, start } = await passwordLogin(user);
    expect(start.factors.map((f: { type: string }) => f.type)).toEqual(['push', 'sms']);
    expect(start.factors[0].destination).toBe('Подтверждение на устройстве: Chrome, Linux');
    // Preferred, so the request went out with the password step; no SMS was sent.
    expect(start.sent).toBeNull();
    expect(start.push.number).toBeGreaterThanOrEqual(10);
    expect(start.push.number).toBeLessThanOrEqual(99);
    expect((await status(browser)).json()).toMatchObject({ status: 'pending' });

    const [request, ...more] = await pending(device);
    expect(more).toEqual([]);
    expect(request!.choices).toHaveLength(3);
    expect(new Set(request!.choices).size).toBe(3);
    expect(request!.choices).toContain(start.push.number);
    expect(request).toMatchObject({ ip: '203.0.113.50', browser: 'Chrome 156', os: 'Linux' });

    const ok = await answer(device.answerBody(request!.id, 'approve', start.push.number));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ status: 'approved' });
    expect(await pending(device)).toEqual([]);

    const done = await status(browser);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ status: 'signed_in' });
    expect((await browser.get('/api/me')).json().id).toBe(user.id);
    const items = (await browser.get('/api/auth/history')).json().items;
    expect(items[0]).toMatchObject({
      method: 'password+push',
      methodLabel: 'Пароль + Подтверждение на устройстве',
      result: 'succeeded',
    });
    expect((await devicesOf(user.id))[0]!.lastUsedAt).not.toBeNull();
    // The spent approval opens nothing more.
    expect((await status(browser)).statusCode).toBe(409);

    // Stronger factors come first: a passkey, then the app, then push, then SMS; nothing goes out.
    await t.ctx.db.insert(userFactors).values({
      userId: user.id,
      type: 'totp',
      label: 'Приложение-аутентификатор',
      secretEnc: 'x',
      confirmedAt: new Date(),
    });
    await t.ctx.db.insert(passkeys).values({
      userId: user.id,
      credentialId: `cred-${user.id}`,
      publicKey: 'x',
      deviceType: 'singleDevice',
      aaguid: '00000000-0000-0000-0000-000000000000',
      label: 'Ключ',
    });
    const strong = await passwordLogin(user);
    expect(strong.start.factors.map((f: { type: string }) => f.type)).toEqual([
      'passkey',
      'totp',
      'push',
      'sms',
    ]);
    expect(strong.start.push).toBeNull();
    expect(strong.start.sent).toBeNull();
  });

  it('never opens a session by push alone', async () => {
    const { user } = await withDevice();
    // A login started by SMS has proven nothing until the code is entered.
    const sms = new TestBrowser(t.app);
    expect((await sms.post('/api/auth/login/sms', { login: user.phone })).statusCode).toBe(200);
    const early = await sms.post('/api/auth/login/push');
    expect(early.statusCode).toBe(400);
    expect(early.json().detail).toMatch(/недоступно/);
    // A usernameless passkey start knows no account; an unknown number has none.
    const passkey = new TestBrowser(t.app);
    await passkey.post('/api/auth/passkey/start');
    expect((await passkey.post('/api/auth/login/push')).statusCode).toBe(400);
    const stranger = new TestBrowser(t.app);
    await stranger.post('/api/auth/login/sms', { login: '+79009999999' });
    expect((await stranger.post('/api/auth/login/push')).statusCode).toBe(400);
    // Without any login flow there is nothing to confirm.
    expect((await new TestBrowser(t.app).post('/api/auth/login/push')).statusCode).toBe(409);
    expect((await new TestBrowser(t.app).post('/api/auth/login/push/status')).statusCode).toBe(409);
    expect(await t.ctx.db.select().from(pushChallenges).where(eq(pushChallenges.userId, user.id))).toEqual(
      [],
    );
    expect((await sms.get('/api/me')).statusCode).toBe(401);
  });

  it('«Это не я» refuses the login, ends it, notifies the owner and is audited', async () => {
    const { user, device } = await withDevice();
    const { browser } = await passwordLogin(user);
    const [request] = await pending(device);
    const since = new Date();
    const no = await answer(device.answerBody(request!.id, 'deny', null));
    expect(no.statusCode, no.body).toBe(200);
    expect(no.json()).toEqual({ status: 'denied' });

    const told = await status(browser);
    expect(told.statusCode, told.body).toBe(200);
    expect(told.json()).toMatchObject({ status: 'denied', reason: 'not_me' });
    expect(told.json().message).toMatch(/Это не я/);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    // The login is over: no other factor can finish it.
    expect((await browser.post('/api/auth/login/send', { factor: 'sms' })).statusCode).toBe(409);
    expect((await browser.post('/api/auth/login/push')).statusCode).toBe(409);

    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.push_denied' });
    expect(sms.text).toMatch(/вход отклонён.*203\.0\.113\.50/);
    expect(await auditOf(user.id, 'identity.login.push_denied')).toHaveLength(1);
    const history = await t.ctx.db.select().from(loginHistory).where(eq(loginHistory.userId, user.id));
    expect(history.find((h) => h.method === 'push' && h.reason === 'denied_on_device')).toBeTruthy();
    // Answering again changes nothing.
    const twice = await answer(device.answerBody(request!.id, 'approve', 42));
    expect(twice.statusCode).toBe(409);
  });

  it('a wrong number closes the request and counts as a wrong code toward the daily cap', async () => {
    const { user, device } = await withDevice();
    const { browser, start } = await passwordLogin(user);
    const [request] = await pending(device);
    const wrong = request!.choices.find((n) => n !== start.push.number)!;
    const res = await answer(device.answerBody(request!.id, 'approve', wrong));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/не то число/);
    expect(res.json().errors).toEqual([{ field: 'number', message: 'Не то число' }]);
    const failures = () =>
      t.ctx.db
        .select()
        .from(codeFailures)
        .where(and(eq(codeFailures.subject, `user:${user.id}`), eq(codeFailures.purpose, 'login')));
    expect(await failures()).toHaveLength(1);
    expect(await auditOf(user.id, 'identity.push.wrong_number')).toHaveLength(1);
    expect((await status(browser)).json()).toMatchObject({ status: 'denied', reason: 'wrong_number' });
    // The right number is too late now: the request is closed.
    const late = await answer(device.answerBody(request!.id, 'approve', start.push.number));
    expect(late.statusCode).toBe(409);
    expect((await browser.get('/api/me')).statusCode).toBe(401);

    // With the day's cap of wrong codes reached, no new request goes out.
    await t.ctx.db
      .insert(codeFailures)
      .values(Array.from({ length: 9 }, () => ({ subject: `user:${user.id}`, purpose: 'login' })));
    const closed = await browser.post('/api/auth/login/push');
    expect(closed.statusCode).toBe(429);
    expect(closed.json().detail).toMatch(/Ввод кода закрыт/);
  });

  it('refuses a replayed approval, a signature by another key, an expired request and stale or forged polls', async () => {
    const { user, device } = await withDevice();
    const { browser, start } = await passwordLogin(user);
    const [request] = await pending(device);

    // Another key signing for this device: refused, nothing changed.
    const impostor = new SoftDevice();
    impostor.id = device.id;
    const forged = await answer(impostor.answerBody(request!.id, 'approve', start.push.number));
    expect(forged.statusCode).toBe(401);
    expect(forged.json().detail).toMatch(/Подпись устройства/);
    expect(await auditOf(user.id, 'identity.push.bad_signature')).toHaveLength(1);
    // A signature over other values (the number changed after signing).
    const body = device.answerBody(request!.id, 'approve', start.push.number);
    expect((await answer({ ...body, number: body.number === 99 ? 98 : body.number! + 1 })).statusCode).toBe(
      401,
    );
    expect((await answer({ ...body, decision: 'deny' })).statusCode).toBe(401);
    expect((await poll(impostor)).statusCode).toBe(401);
    expect((await status(browser)).json()).toMatchObject({ status: 'pending' });

    const approved = await answer(body);
    expect(approved.statusCode, approved.body).toBe(200);
    const replay = await answer(body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().detail).toMatch(/уже ответили/);

    // An expired request: answered too late, and the waiting page is told.
    const second = await passwordLogin(user);
    const [late] = await pending(device);
    await t.ctx.db
      .update(pushChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(pushChallenges.id, late!.id));
    const tooLate = await answer(device.answerBody(late!.id, 'approve', second.start.push.number));
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().detail).toMatch(/истекло/);
    expect((await status(second.browser)).json()).toMatchObject({ status: 'expired' });
    expect((await second.browser.get('/api/me')).statusCode).toBe(401);

    // Polls: a nonce not issued by the server, or an old one.
    const fakeNonce = Buffer.alloc(40, 7).toString('base64url');
    const fake = await poll(device, (b) => ({
      ...b,
      nonce: fakeNonce,
      signature: device.sign(`kabinet-push-poll\n${device.id}\n${fakeNonce}`),
    }));
    expect(fake.statusCode).toBe(409);
    expect(fake.json().detail).toMatch(/устарело/);
    // Malformed bodies: Russian problems.
    for (const bad of [
      {},
      { ...body, signature: 'x' },
      { ...body, challengeId: '../../etc' },
      { ...body, decision: 'maybe' },
      { ...body, number: 100 },
      { ...body, decision: 'approve', number: null },
      { ...body, deviceId: 'not-a-uuid' },
    ]) {
      const res = await answer(bad);
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(res.json().detail).toMatch(/[А-Яа-я]/);
    }
    const huge = await answer({ ...body, signature: 'A'.repeat(2_000_000) });
    expect([400, 413]).toContain(huge.statusCode);
  });

  it('another person cannot list, rename or remove one’s browsers, nor answer one’s requests', async () => {
    const { user, device } = await withDevice();
    const other = await createAccount(t);
    const otherBrowser = await signedIn(other);
    const otherDevice = await register(otherBrowser);

    expect(
      (await otherBrowser.get('/api/auth/push/devices')).json().items.map((d: { id: string }) => d.id),
    ).toEqual([otherDevice.id]);
    const rename = await otherBrowser.request('PATCH', `/api/auth/push/devices/${device.id}`, {
      label: 'Моё',
    });
    expect(rename.statusCode).toBe(404);
    const remove = await otherBrowser.delete(`/api/auth/push/devices/${device.id}`);
    expect(remove.statusCode).toBe(404);
    expect(remove.json().detail).toBe('Устройство не найдено');
    expect((await devicesOf(user.id))[0]!.label).toBe('Chrome, Linux');

    const { browser, start } = await passwordLogin(user);
    // The other person's device sees none of these requests and cannot answer them.
    expect(await pending(otherDevice)).toEqual([]);
    const [request] = await pending(device);
    const theirs = await answer(otherDevice.answerBody(request!.id, 'approve', start.push.number));
    expect(theirs.statusCode).toBe(404);
    const theirDeny = await answer(otherDevice.answerBody(request!.id, 'deny', null));
    expect(theirDeny.statusCode).toBe(404);
    expect((await status(browser)).json()).toMatchObject({ status: 'pending' });

    // The owner renames (allowed while frozen) and removes (under step-up); the removed key is gone.
    const userBrowser = await signedIn(user);
    const since = new Date();
    const renamed = await userBrowser.request('PATCH', `/api/auth/push/devices/${device.id}`, {
      label: 'Рабочий',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    await t.ctx.db
      .update(users)
      .set({ frozenUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.id, user.id));
    expect((await userBrowser.delete(`/api/auth/push/devices/${device.id}`)).statusCode).toBe(423);
    await t.ctx.db.update(users).set({ frozenUntil: null }).where(eq(users.id, user.id));
    const removed = await userBrowser.delete(`/api/auth/push/devices/${device.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.factor_removed' });
    expect(await auditOf(user.id, 'identity.push.renamed')).toHaveLength(1);
    expect(await auditOf(user.id, 'identity.factor.removed')).toHaveLength(1);
    const gone = await poll(device);
    expect(gone.statusCode).toBe(404);
    expect((await answer(device.answerBody(request!.id, 'approve', start.push.number))).statusCode).toBe(404);
    const next = await passwordLogin(user);
    expect(next.start.factors.map((f: { type: string }) => f.type)).toEqual(['sms']);
  });

  it('completes a login that began with an SMS code', async () => {
    const { user, device } = await withDevice();
    const browser = new TestBrowser(t.app);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, user.phone!));
    const since = new Date();
    expect((await browser.post('/api/auth/login/sms', { login: user.phone })).statusCode).toBe(200);
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.login' });
    const code = await browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) });
    expect(code.statusCode, code.body).toBe(200);
    expect(code.json().status).toBe('more');
    expect(code.json().factors.map((f: { type: string }) => f.type)).toEqual(['password', 'push']);

    const sent = await browser.post('/api/auth/login/push');
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ devices: 1, notified: 0 });
    // «Отправить ещё раз» moments later waits; later it replaces the first request.
    const soon = await browser.post('/api/auth/login/push');
    expect(soon.statusCode).toBe(429);
    expect(soon.headers['retry-after']).toBeDefined();
    const [request] = await pending(device);
    const ok = await answer(device.answerBody(request!.id, 'approve', sent.json().number));
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await status(browser)).json()).toEqual({ status: 'signed_in' });
    const items = (await browser.get('/api/auth/history')).json().items;
    expect(items[0]).toMatchObject({ method: 'sms+push', result: 'succeeded' });
  });

  it('confirms a critical change (step-up) on the registered browser', async () => {
    const { user, device } = await withDevice();
    const browser = await signedIn(user);
    await t.ctx.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.userId, user.id));
    expect((await browser.post('/api/auth/backup-codes')).statusCode).toBe(403);
    expect((await browser.get('/api/auth/factors')).json().pushDevices).toBe(1);
    const sent = await browser.post('/api/auth/step-up/push');
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await browser.post('/api/auth/step-up/push/status')).json()).toMatchObject({ status: 'pending' });
    const [request] = await pending(device);
    expect(request).toMatchObject({ purpose: 'step_up' });
    expect((await answer(device.answerBody(request!.id, 'approve', sent.json().number))).statusCode).toBe(
      200,
    );
    expect((await browser.post('/api/auth/step-up/push/status')).json()).toEqual({ status: 'confirmed' });
    expect((await browser.post('/api/auth/step-up/push/status')).statusCode).toBe(409);
    expect((await browser.post('/api/auth/backup-codes')).statusCode).toBe(200);
    // Another session of the same person does not see this session's request as its own.
    const elsewhere = await signedIn(user);
    expect((await elsewhere.post('/api/auth/step-up/push/status')).statusCode).toBe(409);
  });

  it('delivers Web Push to the subscription: VAPID verified by the push service, the payload decrypts', async () => {
    const subscriber = new SoftSubscriber();
    const subscription = await subscriber.subscribe(base, t.config.vapid.publicKey);
    expect(subscription.endpoint).toBe(`${base}/sim/push/${subscriber.id}`);
    const { user, device } = await withDevice({ subscription });
    const { start } = await passwordLogin(user);

    const [message] = await subscriber.waitFor(base);
    expect(message).toMatchObject({
      urgency: 'high',
      topic: 'kabinet-confirmation',
      contentEncoding: 'aes128gcm',
      sender: t.config.vapid.subject,
    });
    expect(message!.ttl).toBeGreaterThan(100);
    expect(message!.ttl).toBeLessThanOrEqual(120);
    const payload = JSON.parse(subscriber.decrypt(message!)) as Record<string, unknown>;
    const [request] = await pending(device);
    expect(payload).toEqual({
      type: 'login',
      challenge: request!.id,
      title: 'Подтвердите вход в Кабинет',
      body: expect.stringMatching(/подтвердить или отклонить/),
    });
    // The number is only on the login page, never in the message (the exact keys are checked above;
    // the texts must not carry it — the random challenge id may contain any digits).
    expect(`${String(payload.title)} ${String(payload.body)}`).not.toMatch(
      new RegExp(`\\b${start.push.number}\\b`),
    );

    // A second request with the same topic replaces the waiting message at the push service.
    await passwordLogin(user);
    await expect
      .poll(async () => (await subscriber.messages(base)).map((m) => m.id), { timeout: 10_000 })
      .not.toContain(message!.id);
    const [latest] = await subscriber.messages(base);
    expect(JSON.parse(subscriber.decrypt(latest!)).challenge).not.toBe(request!.id);
  });

  it('drops a subscription the push service answers 410 Gone; the browser still gets requests by polling', async () => {
    const subscriber = new SoftSubscriber();
    const { user, device } = await withDevice({
      subscription: await subscriber.subscribe(base, t.config.vapid.publicKey),
    });
    expect(
      (await fetch(`${base}/api/dev/push/subscriptions/${subscriber.id}`, { method: 'DELETE' })).status,
    ).toBe(200);
    const { start } = await passwordLogin(user);
    await expect
      .poll(async () => (await devicesOf(user.id))[0]!.pushEndpoint, { timeout: 10_000 })
      .toBeNull();
    expect(await auditOf(user.id, 'identity.push.subscription_dropped')).toHaveLength(1);
    const [request] = await pending(device);
    expect(request!.choices).toContain(start.push.number);
  });

  it('the push service simulator answers as RFC 8030 and RFC 8292 say', async () => {
    const subscriber = new SoftSubscriber();
    await subscriber.subscribe(base, t.config.vapid.publicKey);
    const vapid = t.config.vapid;
    const details = (over: { endpoint?: string; vapidDetails?: typeof vapid; TTL?: number } = {}) =>
      webpush.generateRequestDetails(
        { endpoint: over.endpoint ?? subscriber.endpoint, keys: subscriber.keys },
        'привет',
        { vapidDetails: over.vapidDetails ?? vapid, TTL: over.TTL ?? 60, contentEncoding: 'aes128gcm' },
      );
    const send = (
      d: ReturnType<typeof details>,
      headers: Record<string, string | undefined> = {},
      body?: Buffer,
    ) => {
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...d.headers, ...headers }))
        if (v !== undefined && k.toLowerCase() !== 'content-length') h[k] = String(v);
      return fetch(d.endpoint, { method: 'POST', headers: h, body: body ?? d.body ?? undefined });
    };

    const ok = await send(details());
    expect(ok.status).toBe(201);
    expect(ok.headers.get('location')).toMatch(new RegExp(`^${base}/sim/push/messages/[0-9a-f-]{36}$`));
    expect(ok.headers.get('ttl')).toBe('60');
    expect(subscriber.decrypt((await subscriber.messages(base))[0]!)).toBe('привет');

    // 400: no TTL; a bad Urgency; a body that is not aes128gcm.
    const noTtl = await send(details(), { TTL: undefined });
    expect(noTtl.status).toBe(400);
    expect(((await noTtl.json()) as { detail: string }).detail).toMatch(/TTL/);
    expect((await send(details(), { Urgency: 'urgent' })).status).toBe(400);
    expect((await send(details(), { 'Content-Encoding': 'aesgcm' })).status).toBe(400);
    // 401: no token; a token for another push service; one signed by another key; an expired one.
    expect((await send(details(), { Authorization: undefined })).status).toBe(401);
    const other = webpush.generateVAPIDKeys();
    const forged = details({
      vapidDetails: { ...vapid, publicKey: vapid.publicKey, privateKey: other.privateKey },
    });
    expect((await send(forged)).status).toBe(401);
    const [, token, key] = /t=([^,]+), k=(.+)$/.exec(String(details().headers.Authorization))!;
    const jwt = (claims: object) => {
      const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256' })).toString('base64url');
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const d = Buffer.from(vapid.privateKey, 'base64url');
      const pub = Buffer.from(vapid.publicKey, 'base64url');
      const pk = createPrivateKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          d: d.toString('base64url'),
          x: pub.subarray(1, 33).toString('base64url'),
          y: pub.subarray(33).toString('base64url'),
        },
        format: 'jwk',
      });
      const sig = sign('sha256', Buffer.from(`${head}.${body}`), { key: pk, dsaEncoding: 'ieee-p1363' });
      return `vapid t=${head}.${body}.${sig.toString('base64url')}, k=${key}`;
    };
    const now = Math.floor(Date.now() / 1000);
    expect(token).toBeTruthy();
    for (const claims of [
      { aud: 'https://fcm.googleapis.com', exp: now + 3600, sub: vapid.subject },
      { aud: base, exp: now - 10, sub: vapid.subject },
      { aud: base, exp: now + 25 * 3600, sub: vapid.subject },
      { aud: base, exp: now + 3600, sub: 'someone' },
    ]) {
      const res = await send(details(), { Authorization: jwt(claims) });
      expect(res.status, JSON.stringify(claims)).toBe(401);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/VAPID/);
    }
    expect(
      (await send(details(), { Authorization: jwt({ aud: base, exp: now + 3600, sub: vapid.subject }) }))
        .status,
    ).toBe(201);
    // 403: signed well, but by a key the subscription was not made with.
    const stranger = { ...vapid, ...webpush.generateVAPIDKeys() };
    expect((await send(details({ vapidDetails: stranger }))).status).toBe(403);
    // 404: no such subscription; 413: over 4096 bytes.
    expect((await send(details({ endpoint: `${base}/sim/push/${'A'.repeat(22)}` }))).status).toBe(404);
    expect((await send(details(), {}, Buffer.alloc(5000, 1))).status).toBe(413);
    // 410: the browser unsubscribed.
    await fetch(`${base}/api/dev/push/subscriptions/${subscriber.id}`, { method: 'DELETE' });
    expect((await send(details())).status).toBe(410);
  });
});
