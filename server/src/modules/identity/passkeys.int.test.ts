import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, csrf, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { waitForSms } from '../../platform/messaging';
import { auditLog } from '../../platform/audit/schema';
import { sessions } from '../../platform/sessions/schema';
import { authFlows, loginHistory, passkeyChallenges, passkeys, users } from './schema';
import { createAccount, signInWithSms, TEST_PASSWORD } from './testing';
import { SoftAuthenticator } from './webauthn-testing';

// Light-my-request calls the app as http://localhost:80: the browser's origin is http://localhost
// and the RP ID localhost, both derived from the request as in development.
const ORIGIN = 'http://localhost';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type User = Awaited<ReturnType<typeof createAccount>>;

async function signedIn(user: User) {
  const browser = new TestBrowser(t.app);
  const res = await signInWithSms(t, browser, user.phone!);
  expect(res.statusCode, res.body).toBe(200);
  return browser;
}

/** Adds a passkey through the settings API, as the page does; returns the stored row. */
async function addPasskey(browser: TestBrowser, authenticator: SoftAuthenticator, label?: string) {
  const start = await browser.post('/api/auth/passkeys/options');
  expect(start.statusCode, start.body).toBe(200);
  const response = authenticator.create(start.json().options);
  const res = await browser.post('/api/auth/passkeys', { response, ...(label ? { label } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().passkey as { id: string; label: string };
}

const keysOf = (userId: string) => t.ctx.db.select().from(passkeys).where(eq(passkeys.userId, userId));
const auditOf = (userId: string, action: string) =>
  t.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectUserId, userId), eq(auditLog.action, action)));
const historyOf = (userId: string) =>
  t.ctx.db.select().from(loginHistory).where(eq(loginHistory.userId, userId));

/** A passkey-only login: start, then the authenticator's answer. */
async function passkeyLogin(browser: TestBrowser, authenticator: SoftAuthenticator, tweaks = {}) {
  const start = await browser.post('/api/auth/passkey/start');
  expect(start.statusCode, start.body).toBe(200);
  const response = authenticator.get(start.json().options, tweaks);
  return { response, res: await browser.post('/api/auth/login/passkey', { response }) };
}

describe(`passkeys on ${testDriver}`, () => {
  it('adds a passkey in settings: options exclude existing keys, owner notified, audited, listed', async () => {
    const user = await createAccount(t);
    const browser = await signedIn(user);
    const authenticator = new SoftAuthenticator(ORIGIN);
    const since = new Date();
    const start = await browser.post('/api/auth/passkeys/options');
    const options = start.json().options;
    expect(options.rp).toEqual({ name: 'Кабинет', id: 'localhost' });
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'preferred',
      userVerification: 'preferred',
    });
    expect(options.attestation).toBe('none');
    expect(options.excludeCredentials).toEqual([]);
    const res = await browser.post('/api/auth/passkeys', {
      response: authenticator.create(options),
      label: '  Ноутбук  ',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().passkey).toMatchObject({ label: 'Ноутбук', transports: ['internal'] });

    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.factor_added' });
    expect(sms.text).toContain('Ноутбук');
    expect(await auditOf(user.id, 'identity.factor.added')).toHaveLength(1);
    const [row] = await keysOf(user.id);
    expect(row).toMatchObject({ counter: 0, deviceType: 'singleDevice', backedUp: false });
    expect(row!.aaguid).toBe('00000000-0000-0000-0000-000000000000');

    // A second key: the first is excluded, so the same authenticator is not registered twice.
    const again = (await browser.post('/api/auth/passkeys/options')).json().options;
    expect(again.excludeCredentials).toEqual([
      { id: row!.credentialId, type: 'public-key', transports: ['internal'] },
    ]);
    expect(() => authenticator.create(again)).toThrow(/InvalidStateError/);
    await addPasskey(browser, new SoftAuthenticator(ORIGIN));
    const list = (await browser.get('/api/auth/passkeys')).json().items;
    expect(list.map((p: { label: string }) => p.label)).toEqual(['Ноутбук', 'Ключ доступа 2']);
  });

  it('refuses registration without a recent login, while frozen, replayed, expired, or from another site', async () => {
    const user = await createAccount(t);
    const browser = await signedIn(user);
    const authenticator = new SoftAuthenticator(ORIGIN);

    await t.ctx.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.userId, user.id));
    const stale = await browser.post('/api/auth/passkeys/options');
    expect(stale.statusCode).toBe(403);
    expect(stale.json().type).toBe('urn:kabinet:problem:step-up-required');
    await t.ctx.db.update(sessions).set({ authenticatedAt: new Date() }).where(eq(sessions.userId, user.id));

    await t.ctx.db
      .update(users)
      .set({ frozenUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.id, user.id));
    const frozen = await browser.post('/api/auth/passkeys/options');
    expect(frozen.statusCode).toBe(423);
    expect(frozen.json().detail).toMatch(/После восстановления пароля/);
    await t.ctx.db.update(users).set({ frozenUntil: null }).where(eq(users.id, user.id));

    // Another origin, another RP ID: refused, and each attempt used up its challenge.
    for (const tweak of [{ origin: 'https://kabinet.evil.example' }, { rpId: 'evil.example' }]) {
      const options = (await browser.post('/api/auth/passkeys/options')).json().options;
      const bad = await browser.post('/api/auth/passkeys', {
        response: new SoftAuthenticator(ORIGIN).create(options, tweak),
      });
      expect(bad.statusCode, JSON.stringify(tweak)).toBe(400);
      expect(bad.json().detail).toMatch(/не прошёл проверку/);
    }
    expect(await auditOf(user.id, 'identity.passkey.add_failed')).toHaveLength(2);

    // A good answer, sent twice: the second finds no challenge.
    const options = (await browser.post('/api/auth/passkeys/options')).json().options;
    const response = authenticator.create(options);
    expect((await browser.post('/api/auth/passkeys', { response })).statusCode).toBe(200);
    const replay = await browser.post('/api/auth/passkeys', { response });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().detail).toMatch(/истекло/);

    // An expired challenge.
    const late = (await browser.post('/api/auth/passkeys/options')).json().options;
    await t.ctx.db
      .update(passkeyChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passkeyChallenges.userId, user.id));
    const expired = await browser.post('/api/auth/passkeys', {
      response: new SoftAuthenticator(ORIGIN).create(late),
    });
    expect(expired.statusCode).toBe(409);

    // Another person's challenge is not this session's: a second account's answer is refused.
    const other = await createAccount(t);
    const otherBrowser = await signedIn(other);
    const mine = (await browser.post('/api/auth/passkeys/options')).json().options;
    const stolen = await otherBrowser.post('/api/auth/passkeys', {
      response: new SoftAuthenticator(ORIGIN).create(mine),
    });
    expect(stolen.statusCode).toBe(409);
    expect(await keysOf(other.id)).toHaveLength(0);
    expect(await keysOf(user.id)).toHaveLength(1);

    // Bad input: Russian problems, nothing stored.
    const shapes = [
      {},
      { response: { id: 'x', rawId: 'x', type: 'public-key' } },
      { response: { ...response, type: 'password' } },
      { response: { ...response, id: 'не base64url!' } },
      { response, label: 'x'.repeat(61) },
    ];
    for (const body of shapes) {
      const res = await browser.post('/api/auth/passkeys', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().detail).toMatch(/[А-Яа-я]/);
    }
    expect(await keysOf(user.id)).toHaveLength(1);
    expect((await new TestBrowser(t.app).post('/api/auth/passkeys/options')).statusCode).toBe(401);
  });

  it('logs in with a passkey alone when the authenticator verified the person; history says so', async () => {
    const user = await createAccount(t);
    const authenticator = new SoftAuthenticator(ORIGIN);
    await addPasskey(await signedIn(user), authenticator);

    const browser = new TestBrowser(t.app, undefined, '198.51.100.20');
    const { response, res } = await passkeyLogin(browser, authenticator);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'signed_in' });
    expect((await browser.get('/api/me')).json().id).toBe(user.id);
    const [session] = await t.ctx.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, user.id), eq(sessions.method, 'passkey+passkey_uv')));
    expect(session?.assurance).toBe(2);
    const items = (await browser.get('/api/auth/history')).json().items;
    expect(items[0]).toMatchObject({
      method: 'passkey+passkey_uv',
      methodLabel: 'Ключ доступа + Биометрия или PIN-код на устройстве',
      result: 'succeeded',
    });
    const [key] = await keysOf(user.id);
    expect(key!.counter).toBe(1);
    expect(key!.lastUsedAt).not.toBeNull();

    // The same answer again: the flow is over, and a new flow has a new challenge.
    const replay = await browser.post('/api/auth/login/passkey', { response });
    expect(replay.statusCode).toBe(409);
    const fresh = new TestBrowser(t.app);
    expect((await fresh.post('/api/auth/passkey/start')).statusCode).toBe(200);
    const replayed = await fresh.post('/api/auth/login/passkey', { response });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().detail).toMatch(/не прошёл проверку/);
    // …and that challenge is spent: a correct answer to it now finds nothing to answer.
    const late = await fresh.post('/api/auth/login/passkey', { response });
    expect(late.statusCode).toBe(409);
    expect((await fresh.get('/api/me')).statusCode).toBe(401);
  });

  it('without user verification the passkey is one factor: the password follows', async () => {
    const user = await createAccount(t);
    const securityKey = new SoftAuthenticator(ORIGIN, { userVerified: false });
    await addPasskey(await signedIn(user), securityKey);

    const browser = new TestBrowser(t.app);
    const { res } = await passkeyLogin(browser, securityKey);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('more');
    expect(res.json().factors[0]).toEqual({ type: 'password', destination: 'Пароль' });
    expect(res.json().factors.map((f: { type: string }) => f.type)).not.toContain('passkey');
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const wrong = await browser.post('/api/auth/login/password', { password: 'не тот пароль совсем' });
    expect(wrong.statusCode).toBe(401);
    const ok = await browser.post('/api/auth/login/password', { password: TEST_PASSWORD });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ status: 'signed_in' });
    const items = (await browser.get('/api/auth/history')).json().items;
    expect(items[0]).toMatchObject({ method: 'passkey+password', result: 'succeeded' });
    expect(items.some((i: { result: string }) => i.result === 'factor_required')).toBe(true);
  });

  it('is offered first after the password and proves the second factor with the account’s own keys', async () => {
    const user = await createAccount(t);
    const authenticator = new SoftAuthenticator(ORIGIN);
    await addPasskey(await signedIn(user), authenticator);
    const intruder = await createAccount(t);
    const intruderKey = new SoftAuthenticator(ORIGIN);
    await addPasskey(await signedIn(intruder), intruderKey);

    const browser = new TestBrowser(t.app);
    const first = await browser.post('/api/auth/login', { login: user.phone, password: TEST_PASSWORD });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().factors.map((f: { type: string }) => f.type)).toEqual(['passkey', 'sms']);
    expect(first.json().sent).toBeNull();
    const options = (await browser.post('/api/auth/login/passkey/options')).json().options;
    const [own] = await keysOf(user.id);
    expect(options.allowCredentials).toEqual([
      { id: own!.credentialId, type: 'public-key', transports: ['internal'] },
    ]);

    // Another person's key, even a genuine one, does not sign this account in.
    const foreign = intruderKey.get({ challenge: options.challenge, rpId: options.rpId });
    const refused = await browser.post('/api/auth/login/passkey', { response: foreign });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/не подходит/);
    expect(await auditOf(user.id, 'identity.login.passkey_failed')).toHaveLength(1);

    const again = (await browser.post('/api/auth/login/passkey/options')).json().options;
    const ok = await browser.post('/api/auth/login/passkey', { response: authenticator.get(again) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await browser.get('/api/me')).json().id).toBe(user.id);
    const rows = await historyOf(user.id);
    expect(rows.find((r) => r.result === 'succeeded' && r.method === 'password+passkey')).toBeTruthy();
    expect(rows.find((r) => r.method === 'passkey' && r.result === 'second_factor_failed')).toBeTruthy();

    // An account without keys is not offered one, and cannot ask for passkey options.
    const plain = await createAccount(t);
    const b2 = new TestBrowser(t.app);
    const f2 = await b2.post('/api/auth/login', { login: plain.phone, password: TEST_PASSWORD });
    expect(f2.json().factors.map((f: { type: string }) => f.type)).toEqual(['sms']);
    const no = await b2.post('/api/auth/login/passkey/options');
    expect(no.statusCode).toBe(400);
    expect(no.json().detail).toMatch(/недоступен/);
  });

  it('refuses a counter that went backwards (a cloned key), unknown keys, wrong origins and bad JSON', async () => {
    const user = await createAccount(t);
    const authenticator = new SoftAuthenticator(ORIGIN);
    await addPasskey(await signedIn(user), authenticator);
    expect((await passkeyLogin(new TestBrowser(t.app), authenticator, { counter: 10 })).res.statusCode).toBe(
      200,
    );

    const since = new Date();
    const clone = await passkeyLogin(new TestBrowser(t.app), authenticator, { counter: 5 });
    expect(clone.res.statusCode).toBe(400);
    expect(clone.res.json().detail).toMatch(/копия/);
    expect(await auditOf(user.id, 'identity.passkey.clone_suspected')).toHaveLength(1);
    await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.passkey_clone' });
    expect((await keysOf(user.id))[0]!.counter).toBe(10);

    for (const tweak of [
      { origin: 'https://kabinet.evil.example' },
      { rpId: 'evil.example' },
      { type: 'webauthn.create' },
    ]) {
      const { res } = await passkeyLogin(new TestBrowser(t.app), authenticator, tweak);
      expect(res.statusCode, JSON.stringify(tweak)).toBe(400);
    }
    // A genuine credential the Kabinet never registered.
    const stranger = new SoftAuthenticator(ORIGIN);
    stranger.create({ challenge: 'AAAA', rp: { id: 'localhost' }, user: { id: 'c29tZW9uZQ' } });
    const unknown = await passkeyLogin(new TestBrowser(t.app), stranger);
    expect(unknown.res.statusCode).toBe(400);
    expect(unknown.res.json().detail).toMatch(/не зарегистрирован/);

    // Without a started passkey login there is no challenge to answer.
    const cold = new TestBrowser(t.app);
    const { response } = await passkeyLogin(new TestBrowser(t.app), authenticator);
    expect((await cold.post('/api/auth/login/passkey', { response })).statusCode).toBe(409);

    // An expired flow takes its challenge with it.
    const slow = new TestBrowser(t.app);
    const start = await slow.post('/api/auth/passkey/start');
    await t.ctx.db
      .update(authFlows)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authFlows.method, 'passkey'));
    const expired = await slow.post('/api/auth/login/passkey', {
      response: authenticator.get(start.json().options),
    });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().detail).toMatch(/Начните вход заново/);

    const { token, cookie } = await csrf(t.app);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login/passkey',
      headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
      payload: '{"response": {',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().detail).toMatch(/корректным JSON/);
    const huge = await new TestBrowser(t.app).post('/api/auth/login/passkey', {
      response: { ...response, response: { ...response.response, signature: 'A'.repeat(5000) } },
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().detail).toMatch(/[А-Яа-я]/);
  });

  it('renames and removes only the owner’s keys, with step-up; a removed key no longer signs in', async () => {
    const user = await createAccount(t);
    const browser = await signedIn(user);
    const authenticator = new SoftAuthenticator(ORIGIN);
    const key = await addPasskey(browser, authenticator);
    const other = await createAccount(t);
    const otherBrowser = await signedIn(other);

    const since = new Date();
    const renamed = await browser.request('PATCH', `/api/auth/passkeys/${key.id}`, { label: 'Телефон' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.factor_renamed' });
    expect(await auditOf(user.id, 'identity.passkey.renamed')).toHaveLength(1);

    // Someone else's key id: not found, nothing changed.
    const theirs = await otherBrowser.request('PATCH', `/api/auth/passkeys/${key.id}`, { label: 'Моё' });
    expect(theirs.statusCode).toBe(404);
    const gone = await otherBrowser.delete(`/api/auth/passkeys/${key.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().detail).toBe('Ключ доступа не найден');
    expect((await keysOf(user.id))[0]!.label).toBe('Телефон');
    expect((await otherBrowser.get('/api/auth/passkeys')).json().items).toEqual([]);
    expect((await browser.delete('/api/auth/passkeys/not-a-uuid')).statusCode).toBe(400);

    await t.ctx.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.userId, user.id));
    expect((await browser.delete(`/api/auth/passkeys/${key.id}`)).statusCode).toBe(403);
    await t.ctx.db.update(sessions).set({ authenticatedAt: new Date() }).where(eq(sessions.userId, user.id));

    const removed = await browser.delete(`/api/auth/passkeys/${key.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.factor_removed' });
    expect(await keysOf(user.id)).toHaveLength(0);
    const after = await passkeyLogin(new TestBrowser(t.app), authenticator);
    expect(after.res.statusCode).toBe(400);
  });
});
