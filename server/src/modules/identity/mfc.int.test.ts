import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { snilsCheckNumber } from '@kabinet/shared';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { codeIn, waitForSms } from '../../platform/messaging';
import { auditLog } from '../../platform/audit';
import { sessions } from '../../platform/sessions/schema';
import { hashPassword } from './passwords';
import { insertUsersBulk } from './seed';
import { createAccount, signInWithSms, TEST_PASSWORD } from './testing';
import { accountActivations, mfcLookups, users } from './schema';
import { LOOKUPS_PER_HOUR, WALK_IN_DUPLICATE, newTempPassword } from './mfc';

// The app listens on a real port: the registries check of a walk-in account goes over HTTP to
// the simulator mounted in the same server, as in `npm start`.

let t: TestApp;
let operator: TestBrowser;
let operatorId: string;
let otherOperator: TestBrowser;
let support: TestBrowser;
let citizen: TestBrowser;
let citizenPhone: string;

let seq = 0;
/** A walk-in citizen nobody else has: a phone, passport and СНИЛС of their own. */
function walkIn(overrides: Record<string, unknown> = {}, personOverrides: Record<string, unknown> = {}) {
  seq += 1;
  const number9 = String(300_000_000 + seq * 7919).padStart(9, '0');
  return {
    person: {
      lastName: 'Кузнецова',
      firstName: 'Мария',
      middleName: 'Петровна',
      birthDate: '1985-03-20',
      passport: `45 12 ${String(500_000 + seq).padStart(6, '0')}`,
      passportIssuedAt: '2012-04-10',
      passportIssuerCode: '770-002',
      snils: `${number9.slice(0, 3)}-${number9.slice(3, 6)}-${number9.slice(6)} ${snilsCheckNumber(number9)}`,
      ...personOverrides,
    },
    phone: `+7901444${String(seq).padStart(4, '0')}`,
    email: `walkin${seq}@example.ru`,
    consent: true,
    ...overrides,
  };
}
type WalkIn = ReturnType<typeof walkIn>;

async function staff(roles: Array<'citizen' | 'mfc_operator' | 'support'>) {
  const user = await createAccount(t, { roles });
  const browser = new TestBrowser(t.app);
  expect((await signInWithSms(t, browser, user.phone!)).statusCode).toBe(200);
  return { user, browser };
}

type Citizen = {
  lookupId: string;
  level: string;
  locked: boolean;
  activated: boolean;
  phone: string | null;
  activation: { status: string };
  check: { status: string } | null;
};

async function checked(lookupId: string, timeoutMs = 20_000): Promise<Citizen> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await operator.get(`/api/operator/lookups/${lookupId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Citizen>();
    if (body.check?.status !== 'pending') return body;
    if (Date.now() > deadline) throw new Error(`still pending: ${res.body}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Creates a walk-in account, waits for the registries and confirms the identity: returns the slip. */
async function registered(data: WalkIn = walkIn()) {
  const created = await operator.post('/api/operator/accounts', data);
  expect(created.statusCode, created.body).toBe(201);
  const { lookupId } = created.json<Citizen>();
  expect((await checked(lookupId)).check?.status).toBe('confirmed');
  const since = new Date();
  const confirmed = await operator.post(`/api/operator/lookups/${lookupId}/confirm`, {
    passport: data.person.passport,
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const slip = confirmed.json<{ slip: { path: string; tempPassword: string; link: string } }>().slip;
  return { data, lookupId, slip, since, token: slip.path.split('/').pop()! };
}

const auditOf = (action: string, subject?: string) =>
  t.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), subject ? eq(auditLog.subjectUserId, subject) : undefined));

const userByPhone = async (phone: string) =>
  (await t.ctx.db.select().from(users).where(eq(users.phone, phone)))[0];

beforeAll(async () => {
  t = await createTestApp({ config: { registriesSimDelayMs: 0, registriesPollSeconds: 1 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const op = await staff(['citizen', 'mfc_operator']);
  operator = op.browser;
  operatorId = op.user.id;
  otherOperator = (await staff(['citizen', 'mfc_operator'])).browser;
  support = (await staff(['citizen', 'support'])).browser;
  const c = await staff(['citizen']);
  citizen = c.browser;
  citizenPhone = c.user.phone!;
});
afterAll(async () => t?.close());

describe(`МФЦ operator console on ${testDriver}`, () => {
  it('refuses every console route to citizens (403) and guests (401); support only finds and unlocks', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const routes: Array<['GET' | 'POST', string, unknown]> = [
      ['GET', '/api/operator/reasons', undefined],
      ['POST', '/api/operator/lookups', { kind: 'phone', value: citizenPhone, reason: 'consultation' }],
      ['GET', `/api/operator/lookups/${id}`, undefined],
      ['POST', `/api/operator/lookups/${id}/confirm`, { passport: '4512 000001' }],
      ['POST', `/api/operator/lookups/${id}/activation`, { passport: '4512 000001' }],
      ['POST', `/api/operator/lookups/${id}/unlock`, { passport: '4512 000001' }],
      ['POST', '/api/operator/accounts', walkIn()],
    ];
    for (const [method, url, body] of routes) {
      const res = await citizen.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      const guest = await new TestBrowser(t.app).request(method, url, body);
      expect(guest.statusCode, `${method} ${url}`).toBe(401);
    }
    for (const [method, url, body] of routes.slice(3, 5).concat([routes[6]!])) {
      expect((await support.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await support.get('/api/operator/reasons')).statusCode).toBe(200);
    // Nothing was created by the refused attempts.
    expect(await t.ctx.db.select({ n: count() }).from(mfcLookups)).toEqual([{ n: 0 }]);
  });

  it('finds a citizen only by an exact identifier, shows masked contacts and audits each lookup', async () => {
    const bad = await operator.post('/api/operator/lookups', {
      kind: 'snils',
      value: '123',
      reason: 'consultation',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'value' })]);
    expect(bad.json().detail).toMatch(/[А-Яа-я]/);
    const noReason = await operator.post('/api/operator/lookups', { kind: 'phone', value: citizenPhone });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toMatchObject({ field: 'reason', message: 'Выберите цель обращения' });
    // A prefix is not a search.
    const partial = await operator.post('/api/operator/lookups', {
      kind: 'phone',
      value: citizenPhone.slice(0, 9),
      reason: 'consultation',
    });
    expect(partial.statusCode).toBe(400);
    const missing = await operator.post('/api/operator/lookups', {
      kind: 'phone',
      value: '+79019999999',
      reason: 'consultation',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toMatch(/не найден/);

    const found = await operator.post('/api/operator/lookups', {
      kind: 'phone',
      value: `8 ${citizenPhone.slice(2, 5)} ${citizenPhone.slice(5)}`,
      reason: 'consultation',
    });
    expect(found.statusCode, found.body).toBe(200);
    const view = found.json();
    expect(view).toMatchObject({
      fullName: 'Тестов Тест',
      level: 'standard',
      locked: false,
      activated: true,
    });
    expect(view.phone).toMatch(/\*\*\*/);
    expect(found.body).not.toContain(citizenPhone);
    const holder = await userByPhone(citizenPhone);
    const [entry] = await auditOf('mfc.citizen.viewed', holder!.id);
    expect(entry).toMatchObject({
      actorUserId: operatorId,
      actorRole: 'mfc_operator',
      reason: 'Консультация по обращению гражданина',
    });
    expect(await auditOf('mfc.citizen.not_found')).toHaveLength(1);

    // The card is the operator's own: a colleague cannot open it by its id.
    expect((await operator.get(`/api/operator/lookups/${view.lookupId}`)).statusCode).toBe(200);
    expect((await otherOperator.get(`/api/operator/lookups/${view.lookupId}`)).statusCode).toBe(404);
    expect((await operator.get('/api/operator/lookups/not-a-uuid')).statusCode).toBe(400);
  });

  it('limits lookups per operator per hour', async () => {
    const { user, browser } = await staff(['mfc_operator']);
    await t.ctx.db.insert(mfcLookups).values(
      Array.from({ length: LOOKUPS_PER_HOUR }, () => ({
        operatorId: user.id,
        identifierKind: 'phone' as const,
        reason: 'consultation',
        expiresAt: new Date(Date.now() + 60_000),
      })),
    );
    const res = await browser.post('/api/operator/lookups', {
      kind: 'phone',
      value: citizenPhone,
      reason: 'consultation',
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().detail).toMatch(/Слишком много поисков/);
  });

  it('creates a walk-in account that cannot sign in until activated, then activates it by link, temporary password, new password and SMS', async () => {
    const data = walkIn();
    const created = await operator.post('/api/operator/accounts', data);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      level: 'simplified',
      activated: false,
      check: { status: 'pending' },
      fullName: 'Кузнецова Мария Петровна',
    });
    const row = await userByPhone(data.phone);
    expect(row).toMatchObject({
      passwordHash: null,
      phoneConfirmedAt: null,
      consentVersion: expect.any(String),
    });
    expect((await auditOf('mfc.account.created', row!.id))[0]).toMatchObject({ actorUserId: operatorId });

    // Not activated: no password login, no SMS login (nothing is sent).
    const stranger = new TestBrowser(t.app);
    expect(
      (await stranger.post('/api/auth/login', { login: data.phone, password: 'что-угодно' })).statusCode,
    ).toBe(401);
    expect((await stranger.post('/api/auth/login/sms', { login: data.phone })).statusCode).toBe(200);

    // The console follows the registries check until it is over.
    const lookupId = created.json().lookupId;
    const done = await checked(lookupId);
    expect(done).toMatchObject({ level: 'standard', check: { status: 'confirmed' } });

    const wrong = await operator.post(`/api/operator/lookups/${lookupId}/confirm`, {
      passport: '4512 999998',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'passport' })]);
    expect(await auditOf('mfc.passport.mismatch', row!.id)).toHaveLength(1);
    const malformed = await operator.post(`/api/operator/lookups/${lookupId}/confirm`, { passport: 'abc' });
    expect(malformed.statusCode).toBe(400);

    const since = new Date();
    const confirmed = await operator.post(`/api/operator/lookups/${lookupId}/confirm`, {
      passport: data.person.passport.replace(/\s/g, ''),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { slip, citizen: after } = confirmed.json();
    expect(after).toMatchObject({ level: 'confirmed', activation: { status: 'active' } });
    expect(slip.tempPassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    const expires = Date.parse(slip.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(71.9 * 3600_000);
    expect(expires).toBeLessThanOrEqual(72 * 3600_000);
    const [confirmation] = await auditOf('identity.confirmed', row!.id);
    expect(confirmation).toMatchObject({ actorUserId: operatorId, actorRole: 'mfc_operator' });
    expect(confirmation!.details).toMatchObject({ method: 'mfc' });

    // The link came by SMS; the temporary password never leaves the slip, and only its hash is stored.
    const sms = await waitForSms(t.ctx, data.phone, { since, purpose: 'mfc.activation' });
    expect(sms.text).toContain(slip.link);
    expect(sms.text).not.toContain(slip.tempPassword);
    const token = slip.path.split('/').pop();
    const [activation] = await t.ctx.db
      .select()
      .from(accountActivations)
      .where(eq(accountActivations.userId, row!.id));
    expect(activation!.tokenHash).not.toContain(token);
    expect(activation!.tempPasswordHash).toMatch(/^\$argon2id\$/);

    // The citizen, in their own browser.
    const owner = new TestBrowser(t.app, undefined, '198.51.100.7');
    expect((await owner.get(`/api/activation/${token}`)).json()).toMatchObject({
      phone: expect.stringMatching(/\*\*\*/),
    });
    // Out of order: no password before the temporary one.
    expect(
      (await owner.post('/api/activation/password', { password: 'мой новый пароль от кабинета' })).statusCode,
    ).toBe(409);
    const bad = await owner.post(`/api/activation/${token}`, { tempPassword: 'Aaaa-Bbbb-Cccc' });
    expect(bad.statusCode).toBe(401);
    // One throttle per account: the stranger's wrong password above counted too.
    expect(bad.json().detail).toMatch(/Осталось попыток до временной блокировки: 1/);
    expect(
      (await owner.post(`/api/activation/${token}`, { tempPassword: slip.tempPassword })).statusCode,
    ).toBe(200);

    const weak = await owner.post('/api/activation/password', { password: 'qwerty' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('password');
    const same = await owner.post('/api/activation/password', { password: slip.tempPassword });
    expect(same.statusCode).toBe(400);
    const NEW_PASSWORD = 'синий кит плывёт на север';
    const codeSince = new Date();
    const chosen = await owner.post('/api/activation/password', { password: NEW_PASSWORD });
    expect(chosen.statusCode, chosen.body).toBe(200);
    // The account is still closed until the phone is proven.
    expect((await userByPhone(data.phone))!.passwordHash).toBeNull();
    const code = codeIn(
      (await waitForSms(t.ctx, data.phone, { since: codeSince, purpose: 'code.contact' })).text,
    );
    const wrongCode = await owner.post('/api/activation/verify', {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrongCode.statusCode).toBe(400);
    const signed = await owner.post('/api/activation/verify', { code });
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await owner.get('/api/me')).json()).toMatchObject({ level: 'confirmed', phone: data.phone });
    const activated = await userByPhone(data.phone);
    expect(activated!.phoneConfirmedAt).not.toBeNull();
    expect(await auditOf('identity.account.activated', row!.id)).toHaveLength(1);

    // Single use: the link is spent.
    const reused = await new TestBrowser(t.app).get(`/api/activation/${token}`);
    expect(reused.statusCode).toBe(410);
    expect(reused.json().detail).toMatch(/уже активирована/);
    // And the citizen now signs in like everybody else: password + SMS.
    expect((await signInWithSms(t, new TestBrowser(t.app), data.phone, NEW_PASSWORD)).statusCode).toBe(200);
    // An activated account gets no new temporary password.
    const reissue = await operator.post(`/api/operator/lookups/${lookupId}/activation`, {
      passport: data.person.passport,
    });
    expect(reissue.statusCode).toBe(409);
  });

  it('refuses duplicates by phone, e-mail, СНИЛС or passport without saying whose', async () => {
    const first = walkIn();
    expect((await operator.post('/api/operator/accounts', first)).statusCode).toBe(201);
    const fresh = walkIn();
    const clashes = [
      { ...fresh, phone: first.phone },
      { ...fresh, email: first.email.toUpperCase() },
      { ...fresh, person: { ...fresh.person, snils: first.person.snils } },
      { ...fresh, person: { ...fresh.person, passport: first.person.passport } },
      { ...fresh, phone: citizenPhone },
    ];
    for (const body of clashes) {
      const res = await operator.post('/api/operator/accounts', body);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().detail).toBe(WALK_IN_DUPLICATE);
      expect(res.body).not.toMatch(/Кузнецова|Тестов/);
    }
    expect(await userByPhone(fresh.phone)).toBeUndefined();
    expect(await auditOf('mfc.account.duplicate')).toHaveLength(clashes.length);
  });

  it('answers bad walk-in data with Russian field errors and creates nothing', async () => {
    const data = walkIn({ phone: '12345', consent: false }, { lastName: 'Smith', snils: '123-456-789 00' });
    const res = await operator.post('/api/operator/accounts', data);
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['phone', 'consent', 'person.lastName', 'person.snils']));
    expect(res.json().detail).toMatch(/Проверьте данные/);
    expect((await operator.post('/api/operator/accounts', { nonsense: true })).statusCode).toBe(400);
    expect(await userByPhone('+7901444' + String(seq).padStart(4, '0'))).toBeUndefined();
  });

  it('re-issues the activation, revoking the previous link; expired and unknown links are refused clearly', async () => {
    const { data, lookupId, slip, token } = await registered();
    const again = await operator.post(`/api/operator/lookups/${lookupId}/activation`, {
      passport: data.person.passport,
    });
    expect(again.statusCode, again.body).toBe(200);
    const next = again.json().slip;
    expect(next.tempPassword).not.toBe(slip.tempPassword);
    const old = await new TestBrowser(t.app).get(`/api/activation/${token}`);
    expect(old.statusCode).toBe(410);
    expect(old.json().detail).toMatch(/выдали новую/);
    const oldStart = await new TestBrowser(t.app).post(`/api/activation/${token}`, {
      tempPassword: slip.tempPassword,
    });
    expect(oldStart.statusCode).toBe(410);

    const newToken = next.path.split('/').pop();
    await t.ctx.db
      .update(accountActivations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountActivations.tokenHash, (await import('./mfc')).activationTokenHash(newToken)));
    const expired = await new TestBrowser(t.app).post(`/api/activation/${newToken}`, {
      tempPassword: next.tempPassword,
    });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toMatch(/истёк/);

    const unknown = await new TestBrowser(t.app).get(`/api/activation/${'x'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toMatch(/не найдена/);
    expect((await new TestBrowser(t.app).get('/api/activation/%3Cscript%3E')).statusCode).toBe(404);
  });

  it('locks the account after 3 wrong temporary passwords; support or an operator unlocks it after the passport check', async () => {
    const { data, lookupId, slip, token } = await registered();
    const owner = new TestBrowser(t.app, undefined, '198.51.100.8');
    for (let i = 0; i < 2; i++)
      expect(
        (await owner.post(`/api/activation/${token}`, { tempPassword: newTempPassword() })).statusCode,
      ).toBe(401);
    const locked = await owner.post(`/api/activation/${token}`, { tempPassword: newTempPassword() });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().detail).toMatch(/заблокирован/);
    // Even the right one is refused while locked.
    expect(
      (await owner.post(`/api/activation/${token}`, { tempPassword: slip.tempPassword })).statusCode,
    ).toBe(423);

    expect((await operator.get(`/api/operator/lookups/${lookupId}`)).json()).toMatchObject({ locked: true });
    // Support finds the citizen by passport and unlocks (a wrong passport first).
    const found = await support.post('/api/operator/lookups', {
      kind: 'passport',
      value: data.person.passport,
      reason: 'unlock',
    });
    expect(found.statusCode, found.body).toBe(200);
    const supportLookup = found.json().lookupId;
    expect(
      (await support.post(`/api/operator/lookups/${supportLookup}/unlock`, { passport: '4512 999997' }))
        .statusCode,
    ).toBe(422);
    const unlocked = await support.post(`/api/operator/lookups/${supportLookup}/unlock`, {
      passport: data.person.passport,
    });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json().citizen.locked).toBe(false);
    const user = await userByPhone(data.phone);
    expect((await auditOf('identity.account.unlocked', user!.id))[0]).toMatchObject({
      actorRole: 'support',
      reason: 'Разблокировка учётной записи',
    });
    // Not locked any more: a second unlock is refused.
    expect(
      (
        await support.post(`/api/operator/lookups/${supportLookup}/unlock`, {
          passport: data.person.passport,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await owner.post(`/api/activation/${token}`, { tempPassword: slip.tempPassword })).statusCode,
    ).toBe(200);
  });

  it('unlocks a citizen locked after wrong passwords and tells them', async () => {
    const { data, slip, token } = await registered();
    const owner = new TestBrowser(t.app, undefined, '198.51.100.9');
    expect(
      (await owner.post(`/api/activation/${token}`, { tempPassword: slip.tempPassword })).statusCode,
    ).toBe(200);
    const pw = 'осенний лес шумит тихо';
    const since = new Date();
    expect((await owner.post('/api/activation/password', { password: pw })).statusCode).toBe(200);
    const code = codeIn((await waitForSms(t.ctx, data.phone, { since, purpose: 'code.contact' })).text);
    expect((await owner.post('/api/activation/verify', { code })).statusCode).toBe(200);

    const thief = new TestBrowser(t.app, undefined, '198.51.100.10');
    for (let i = 0; i < 3; i++)
      await thief.post('/api/auth/login', { login: data.phone, password: 'неверный пароль' });
    expect((await thief.post('/api/auth/login', { login: data.phone, password: pw })).statusCode).toBe(423);

    const found = await operator.post('/api/operator/lookups', {
      kind: 'phone',
      value: data.phone,
      reason: 'unlock',
    });
    expect(found.json()).toMatchObject({ locked: true, activated: true });
    const unlockSince = new Date();
    const res = await operator.post(`/api/operator/lookups/${found.json().lookupId}/unlock`, {
      passport: data.person.passport,
    });
    expect(res.statusCode, res.body).toBe(200);
    const notice = await waitForSms(t.ctx, data.phone, { since: unlockSince, purpose: 'security.unlocked' });
    expect(notice.text).toMatch(/разблокирован/);
    expect((await signInWithSms(t, new TestBrowser(t.app), data.phone, pw)).statusCode).toBe(200);
  });

  it('confirms an existing standard citizen at the desk and ends their sessions; refuses a simplified one', async () => {
    // A simplified citizen (nothing checked by the registries) cannot be confirmed.
    await insertUsersBulk(t.ctx.database, [
      {
        phone: '+79014440999',
        email: null,
        snils: null,
        passwordHash: await hashPassword(TEST_PASSWORD, t.config.secrets.pepper),
        level: 'simplified',
        lastName: null,
        firstName: null,
        middleName: null,
        birthDate: null,
        roles: ['citizen'],
        confirmed: true,
      },
    ]);
    const simple = await operator.post('/api/operator/lookups', {
      kind: 'phone',
      value: '+79014440999',
      reason: 'identity_confirmation',
    });
    const refused = await operator.post(`/api/operator/lookups/${simple.json().lookupId}/confirm`, {
      passport: '4512 000001',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/упрощённая/);

    // A citizen who reached the standard level themselves, signed in elsewhere.
    const browser = new TestBrowser(t.app);
    expect((await signInWithSms(t, browser, '+79014440999')).statusCode).toBe(200);
    const data = walkIn();
    expect((await browser.post('/api/identity/standard', data.person)).statusCode).toBe(202);
    const user = await userByPhone('+79014440999');
    for (let i = 0; i < 100; i++) {
      if ((await userByPhone('+79014440999'))!.level === 'standard') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const found = await operator.post('/api/operator/lookups', {
      kind: 'snils',
      value: data.person.snils,
      reason: 'identity_confirmation',
    });
    expect(found.statusCode, found.body).toBe(200);
    const res = await operator.post(`/api/operator/lookups/${found.json().lookupId}/confirm`, {
      passport: data.person.passport,
    });
    expect(res.statusCode, res.body).toBe(200);
    // An account with its own password gets no activation slip.
    expect(res.json()).toMatchObject({ raised: true, slip: null, citizen: { level: 'confirmed' } });
    expect(res.json().sessionsEnded).toBeGreaterThan(0);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const live = await t.ctx.db.select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(live.every((s) => s.revokedAt)).toBe(true);
  });
});
