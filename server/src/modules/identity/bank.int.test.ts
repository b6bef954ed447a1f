import type { AddressInfo } from 'node:net';
import { and, count, eq, isNull } from 'drizzle-orm';
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, waitForSms } from '../../platform/messaging';
import { sessions } from '../../platform/sessions/schema';
import { addBankCustomer, type NewBankCustomer } from '../../simulators/bank';
import { createTestApp, TestBrowser, type TestApp } from '../../test/harness';
import {
  externalIdentities,
  identityConfirmations,
  identityVerifications,
  loginHistory,
  oneTimeCodes,
  users,
} from './schema';
import { bankBrowser, bankPerson } from './bank-testing';
import { createAccount, signInWithSms } from './testing';

// The app listens on a real port here: Kabinet (openid-client) reaches the bank simulator
// (oidc-provider) mounted in the same server over HTTP for discovery, the token and userinfo, as in
// `npm start`. The person's browser is played by inject(): the bank's pages are filled in as forms.

let t: TestApp;
let origin: string;
const { get, form, follow, actionOf, toCallback, roundTrip } = bankBrowser(() => ({ t, origin }));

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  t.config.publicUrl = origin;
}, 180_000);
afterAll(async () => t?.close());

const person = (overrides: Partial<NewBankCustomer> = {}) => bankPerson(overrides);

/** A standard account whose identity the registries confirmed (the data a bank confirmation is checked against). */
async function standardAccount(p: NewBankCustomer) {
  const user = await createAccount(t);
  await t.ctx.db.insert(identityVerifications).values({
    userId: user.id,
    status: 'confirmed',
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName ?? null,
    birthDate: p.birthDate,
    passport: p.passport,
    passportIssuedAt: p.passportIssuedAt,
    passportIssuerCode: p.passportIssuerCode,
    snils: p.snils,
    completedAt: new Date(),
  });
  const browser = new TestBrowser(t.app);
  expect((await signInWithSms(t, browser, user.phone!)).statusCode).toBe(200);
  return { user, browser };
}

const levelOf = async (userId: string) =>
  (await t.ctx.db.select({ level: users.level }).from(users).where(eq(users.id, userId)))[0]!.level;
const liveSessions = async (userId: string) =>
  (
    await t.ctx.db
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
  )[0]!.n;

describe('the bank simulator (OpenID Connect provider)', () => {
  it('publishes its metadata at the issuer: code flow, S256 only, the documents scope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sim/bank/.well-known/openid-configuration' });
    expect(res.statusCode).toBe(200);
    const meta = res.json<Record<string, unknown>>();
    expect(meta.issuer).toBe(`${origin}/sim/bank`);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email', 'phone', 'documents']),
    );
    expect(meta.acr_values_supported).toEqual(['urn:bank-example:loa:1', 'urn:bank-example:loa:2']);
  });

  it('refuses an authorization request without PKCE', async () => {
    const q = new URLSearchParams({
      client_id: t.config.bankClientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${origin}/api/auth/bank/callback`,
      state: 'abcdefgh',
    });
    const res = await t.app.inject({ method: 'GET', url: `/sim/bank/auth?${q}` });
    expect(res.statusCode).toBe(303);
    const back = new URL(String(res.headers.location));
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('shows its login page again, in Russian, after a wrong password', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const browser = new TestBrowser(t.app);
    const start = await browser.post('/api/auth/bank/start', { purpose: 'login' });
    const url = new URL(start.json<{ url: string }>().url);
    const page = (await follow(browser, await get(browser, url.pathname + url.search))).page!;
    const wrong = await form(browser, actionOf(page.body, 'login'), {
      phone: customer.phone,
      password: 'не тот пароль',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Неверный номер телефона или пароль.');
  });
});

describe('«Войти через банк»', () => {
  it('confirms a standard account whose data match, links the bank and renews the session', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const { user, browser } = await standardAccount(customer);
    const before = browser.jar.get('kabinet') ?? browser.jar.get('__Host-kabinet');
    const { result } = await roundTrip(browser, 'confirm', { customer });
    expect(result.status).toBe('confirmed');
    expect(result.message).toContain('подтверждённая');
    expect(await levelOf(user.id)).toBe('confirmed');
    const after = browser.jar.get('kabinet') ?? browser.jar.get('__Host-kabinet');
    expect(after).not.toBe(before); // renewed at the level change
    expect((await browser.get('/api/me')).json<{ level: string }>().level).toBe('confirmed');
    const confirmations = await t.ctx.db
      .select()
      .from(identityConfirmations)
      .where(eq(identityConfirmations.userId, user.id));
    expect(confirmations.map((c) => c.method)).toEqual(['bank']);
    const link = await browser.get('/api/auth/bank/link');
    expect(link.json<{ linked: boolean }>().linked).toBe(true);

    // Then the same person signs in through the bank: the bank asked only a password, so Kabinet asks the SMS code.
    const other = new TestBrowser(t.app);
    const login = await roundTrip(other, 'login', { customer });
    expect(login.result.status).toBe('second_factor');
    expect(login.result.factors.map((f) => f.type)).toContain('sms');
    expect((await other.get('/api/me')).statusCode).toBe(401);
    await t.ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.destination, user.phone!));
    const since = new Date();
    expect((await other.post('/api/auth/login/send', { factor: 'sms' })).statusCode).toBe(200);
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.login' });
    const verified = await other.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) });
    expect(verified.json()).toEqual({ status: 'signed_in' });
    expect((await other.get('/api/me')).json<{ id: string }>().id).toBe(user.id);
    const history = await other.get('/api/auth/history');
    const items = history.json<{ items: Array<{ method: string; methodLabel: string; result: string }> }>()
      .items;
    expect(items[0]).toMatchObject({
      method: 'bank+sms',
      methodLabel: 'Через банк + Код из SMS',
      result: 'succeeded',
    });
  });

  it('signs in at once when the bank itself asked two factors (amr mfa)', async () => {
    const customer = { ...person(), totpSecret: generateSecret() };
    const atBank = await addBankCustomer(t.ctx.db, customer);
    const { user } = await standardAccount(customer);
    // Linked earlier (as a confirmation through the bank does): the bank's subject is its customer id.
    await t.ctx.db.insert(externalIdentities).values({
      provider: 'bank',
      issuer: `${origin}/sim/bank`,
      subject: atBank.id,
      userId: user.id,
    });
    const browser = new TestBrowser(t.app);
    const { result } = await roundTrip(browser, 'login', { customer });
    expect(result.status).toBe('signed_in');
    expect((await browser.get('/api/me')).json<{ id: string }>().id).toBe(user.id);
    const methods = (await t.ctx.db.select().from(loginHistory).where(eq(loginHistory.userId, user.id))).map(
      (r) => r.method,
    );
    expect(methods).toContain('bank+bank_mfa');
  });

  it('refuses a bank login the owner switched off, and says so', async () => {
    const customer = { ...person(), totpSecret: generateSecret() };
    const atBank = await addBankCustomer(t.ctx.db, customer);
    const { user } = await standardAccount(customer);
    await t.ctx.db.insert(externalIdentities).values({
      provider: 'bank',
      issuer: `${origin}/sim/bank`,
      subject: atBank.id,
      userId: user.id,
    });
    await t.ctx.db.update(users).set({ bankLoginEnabled: false }).where(eq(users.id, user.id));
    const sessionsBefore = await liveSessions(user.id);
    const browser = new TestBrowser(t.app);
    const { result } = await roundTrip(browser, 'login', { customer });
    expect(result.status).toBe('failed');
    expect(result.message).toContain('Вход через банк отключён');
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    expect(await liveSessions(user.id)).toBe(sessionsBefore);
    const attempts = await t.ctx.db
      .select()
      .from(loginHistory)
      .where(and(eq(loginHistory.userId, user.id), eq(loginHistory.method, 'bank')));
    expect(attempts).toEqual([expect.objectContaining({ result: 'failed', reason: 'method_disabled' })]);
  });

  it('says clearly that an unknown bank customer has no account, and signs nobody in', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const browser = new TestBrowser(t.app);
    const { result } = await roundTrip(browser, 'login', { customer });
    expect(result.status).toBe('not_linked');
    expect(result.message).toMatch(/не связана с учётной записью Кабинета.*зарегистрируйтесь через банк/);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const failed = await t.ctx.db
      .select()
      .from(loginHistory)
      .where(and(eq(loginHistory.method, 'bank'), eq(loginHistory.reason, 'bank_not_linked')));
    expect(failed.length).toBeGreaterThan(0);
  });

  it('registers a new account from the bank’s verified data and starts the registries check', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const browser = new TestBrowser(t.app);
    const { result } = await roundTrip(browser, 'register', { customer });
    expect(result.status).toBe('registered');
    expect(result.factors.map((f) => f.type)).toEqual(['sms']);
    const [user] = await t.ctx.db.select().from(users).where(eq(users.phone, customer.phone));
    expect(user).toMatchObject({
      level: 'simplified',
      lastName: 'Банкова',
      snils: customer.snils,
      email: customer.email,
      passwordHash: null,
    });
    expect(user!.phoneConfirmedAt).toBeTruthy();
    const [link] = await t.ctx.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.userId, user!.id));
    expect(link).toBeTruthy();
    const [check] = await t.ctx.db
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.userId, user!.id));
    expect(check).toMatchObject({ passport: customer.passport, snils: customer.snils });
    // The registration ends with the SMS code to the phone the bank verified.
    const since = new Date();
    await browser.post('/api/auth/login/send', { factor: 'sms' });
    const sms = await waitForSms(t.ctx, customer.phone, { since, purpose: 'code.login' });
    expect(
      (await browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) })).json(),
    ).toEqual({
      status: 'signed_in',
    });

    // Registering again with the same bank customer creates nothing.
    const again = await roundTrip(new TestBrowser(t.app), 'register', { customer });
    expect(again.result.status).toBe('exists');
    expect(
      (await t.ctx.db.select({ n: count() }).from(users).where(eq(users.phone, customer.phone)))[0]!.n,
    ).toBe(1);
  });

  it('refuses a registration whose data an account already holds, without saying which', async () => {
    const holder = await createAccount(t);
    const customer = person({ phone: holder.phone! });
    await addBankCustomer(t.ctx.db, customer);
    const before = (await t.ctx.db.select({ n: count() }).from(users))[0]!.n;
    const { result } = await roundTrip(new TestBrowser(t.app), 'register', { customer });
    expect(result.status).toBe('exists');
    expect(result.message).not.toContain(customer.phone);
    expect((await t.ctx.db.select({ n: count() }).from(users))[0]!.n).toBe(before);
  });

  it('changes nothing when the customer refuses consent at the bank', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const { user, browser } = await standardAccount(customer);
    const { result } = await roundTrip(browser, 'confirm', { customer, consent: 'refuse' });
    expect(result.status).toBe('denied');
    expect(result.message).toContain('отказались');
    expect(await levelOf(user.id)).toBe('standard');
    expect(
      (await t.ctx.db.select().from(externalIdentities).where(eq(externalIdentities.userId, user.id))).length,
    ).toBe(0);
  });

  it('names the data that differ and keeps the level when the bank knows other data', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const { user, browser } = await standardAccount({
      ...customer,
      passport: '4599000001',
      snils: '99999999999',
    });
    const { result } = await roundTrip(browser, 'confirm', { customer });
    expect(result.status).toBe('mismatch');
    expect(result.fields).toEqual(['паспорт', 'СНИЛС']);
    expect(result.message).toContain('не совпадают с данными вашей учётной записи: паспорт, СНИЛС');
    expect(await levelOf(user.id)).toBe('standard');
  });

  it('refuses a confirmation by a simplified account before going to the bank', async () => {
    const user = await createAccount(t);
    await t.ctx.db.update(users).set({ level: 'simplified' }).where(eq(users.id, user.id));
    const browser = new TestBrowser(t.app);
    await signInWithSms(t, browser, user.phone!);
    const res = await browser.post('/api/auth/bank/start', { purpose: 'confirm' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toMatch(/только для стандартной/);
    expect(
      (await new TestBrowser(t.app).post('/api/auth/bank/start', { purpose: 'confirm' })).statusCode,
    ).toBe(401);
  });

  it('rejects bad input with a Russian problem', async () => {
    const browser = new TestBrowser(t.app);
    const res = await browser.post('/api/auth/bank/start', { purpose: 'everything' });
    expect(res.statusCode).toBe(400);
    const reg = await browser.post('/api/auth/bank/start', { purpose: 'register' });
    expect(reg.statusCode).toBe(400);
    expect(reg.json<{ detail: string }>().detail).toMatch(/соглашение/);
    expect((await browser.get('/api/auth/bank/result')).statusCode).toBe(404);
  });

  it('rejects a callback whose state was changed, and a replayed one, changing nothing', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const { user, browser } = await standardAccount(customer);
    const callback = await toCallback(browser, 'confirm', { customer });
    const forged = callback.replace(/state=[^&]+/, 'state=forged-state-value');
    const back = await get(browser, forged);
    expect(back.headers.location).toBe('/bank/result');
    const result = (await browser.get('/api/auth/bank/result')).json<{ status: string; message: string }>();
    expect(result.status).toBe('failed');
    expect(result.message).toContain('не прошёл проверку');
    expect(await levelOf(user.id)).toBe('standard');

    // The genuine callback after that is refused too: the flow was used once.
    const replay = await get(browser, callback);
    expect(replay.headers.location).toBe('/bank/result?error=used');
    expect(await levelOf(user.id)).toBe('standard');
  });

  it('uses a code once: the same callback again changes nothing, and another browser cannot use it', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const { user, browser } = await standardAccount(customer);
    const callback = await toCallback(browser, 'confirm', { customer });
    // A stolen callback URL in another browser: no flow cookie there.
    const thief = new TestBrowser(t.app);
    expect((await get(thief, callback)).headers.location).toBe('/bank/result?error=expired');
    expect(await levelOf(user.id)).toBe('standard');
    expect((await get(browser, callback)).headers.location).toBe('/bank/result');
    expect(await levelOf(user.id)).toBe('confirmed');
    const sessionsAfter = await liveSessions(user.id);
    expect((await get(browser, callback)).headers.location).toBe('/bank/result?error=used');
    expect(await liveSessions(user.id)).toBe(sessionsAfter);
    expect(
      (await t.ctx.db.select().from(identityConfirmations).where(eq(identityConfirmations.userId, user.id)))
        .length,
    ).toBe(1);
  });

  it('does not let one citizen link a bank identity already linked to another, or finish another’s confirmation', async () => {
    const customer = person();
    await addBankCustomer(t.ctx.db, customer);
    const a = await standardAccount(customer);
    expect((await roundTrip(a.browser, 'confirm', { customer })).result.status).toBe('confirmed');

    // B (same data on paper) tries to confirm with A's bank account.
    const b = await standardAccount(person());
    const { result } = await roundTrip(b.browser, 'confirm', { customer });
    expect(result.status).toBe('linked_elsewhere');
    expect(await levelOf(b.user.id)).toBe('standard');

    // C starts a confirmation; the bank's answer arrives in B's browser (with C's flow cookie): refused.
    const c = await standardAccount(person());
    const cCustomer = person();
    await addBankCustomer(t.ctx.db, cCustomer);
    const callback = await toCallback(c.browser, 'confirm', { customer: cCustomer });
    for (const name of ['kabinet-bank', '__Host-kabinet-bank']) {
      const v = c.browser.jar.get(name);
      if (v) b.browser.jar.set(name, v);
    }
    await get(b.browser, callback);
    const stolen = (await b.browser.get('/api/auth/bank/result')).json<{ status: string }>();
    expect(stolen.status).toBe('failed');
    expect(await levelOf(b.user.id)).toBe('standard');
    expect(await levelOf(c.user.id)).toBe('standard');

    // The link view shows only the caller's own link.
    expect((await b.browser.get('/api/auth/bank/link')).json<{ linked: boolean }>().linked).toBe(false);
    expect((await a.browser.get('/api/auth/bank/link')).json<{ linked: boolean }>().linked).toBe(true);
    expect((await new TestBrowser(t.app).get('/api/auth/bank/link')).statusCode).toBe(401);
  });
});
