import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { snilsCheckNumber } from '@kabinet/shared';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { codeIn, waitForSms } from '../../platform/messaging';
import { auditLog } from '../../platform/audit';
import { simRequests } from '../../simulators/registries/store';
import { hashPassword } from './passwords';
import { insertUsersBulk } from './seed';
import { identityVerificationChecks, identityVerifications, users } from './schema';
import {
  DUPLICATE_MESSAGE,
  GIVE_UP_MS,
  processVerification,
  STANDARD_ATTEMPTS_PER_DAY,
  sweepVerifications,
} from './standard';
import { identityEffects } from './effects-impl';
import { HttpRegistriesGateway, RegistryError, registriesGateway } from './registries';

// The app listens on a real port (127.0.0.1:0) in this file: the adapter reaches the registries
// simulator mounted in the same server over TCP, exactly as in `npm start`, where the simulator
// publishes the address it listens on. A tampering proxy on another free port stands between
// them in the signature tests.

const PASSWORD = 'зелёный трамвай едет к морю';
let t: TestApp;
let n = 0;
let simulatorUrl: string;

async function account() {
  n += 1;
  const phone = `+7900777${String(n).padStart(4, '0')}`;
  await insertUsersBulk(t.ctx.database, [
    {
      phone,
      email: `std${n}@example.ru`,
      snils: null,
      passwordHash: await hashPassword(PASSWORD, t.config.secrets.pepper),
      level: 'simplified',
      lastName: null,
      firstName: null,
      middleName: null,
      birthDate: null,
      roles: ['citizen'],
      confirmed: true,
    },
  ]);
  const [row] = await t.ctx.db.select().from(users).where(eq(users.phone, phone));
  return row!;
}

async function signedIn() {
  const user = await account();
  const browser = new TestBrowser(t.app);
  const since = new Date();
  expect((await browser.post('/api/auth/login', { login: user.phone, password: PASSWORD })).statusCode).toBe(
    200,
  );
  const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'code.login' });
  expect(
    (await browser.post('/api/auth/login/verify', { factor: 'sms', code: codeIn(sms.text) })).statusCode,
  ).toBe(200);
  return { user, browser };
}

let seq = 0;
/** Well-formed data nobody else uses: a passport and СНИЛС of its own for every call. */
function person(overrides: Record<string, unknown> = {}) {
  seq += 1;
  const number9 = String(200_000_000 + seq * 7919).padStart(9, '0');
  return {
    lastName: 'Смирнов',
    firstName: 'Алексей',
    middleName: 'Викторович',
    birthDate: '1990-05-15',
    passport: `45 10 ${String(300_000 + seq).padStart(6, '0')}`,
    passportIssuedAt: '2010-06-01',
    passportIssuerCode: '770-001',
    snils: `${number9.slice(0, 3)}-${number9.slice(3, 6)}-${number9.slice(6)} ${snilsCheckNumber(number9)}`,
    ...overrides,
  };
}

type Status = {
  id: string | null;
  status: string;
  level: string;
  message: string;
  reason: string | null;
  whatToDo: string | null;
  checks: Array<{ kind: string; status: string; reason: string | null; whatToDo: string | null }>;
};

async function settled(browser: TestBrowser, timeoutMs = 20_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await browser.get('/api/identity/standard');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Status>();
    if (body.status !== 'pending') return body;
    if (Date.now() > deadline) throw new Error(`still pending: ${res.body}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitUntil(ok: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 150));
  }
}

const verificationsOf = (userId: string) =>
  t.ctx.db.select().from(identityVerifications).where(eq(identityVerifications.userId, userId));

beforeAll(async () => {
  t = await createTestApp({ config: { registriesSimDelayMs: 0, registriesPollSeconds: 1 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  simulatorUrl = t.config.registriesUrl!;
});
afterAll(async () => t?.close());

describe(`standard level on ${testDriver}`, () => {
  it('publishes the simulator at the address the app listens on', () => {
    const { port } = t.app.server.address() as AddressInfo;
    expect(simulatorUrl).toBe(`http://127.0.0.1:${port}/sim/registries`);
  });

  it('raises the account to standard after МВД, СФР and ФНС confirm the data, over HTTP', async () => {
    const { user, browser } = await signedIn();
    expect((await browser.get('/api/identity/standard')).json()).toMatchObject({
      status: 'none',
      level: 'simplified',
    });
    const data = person({
      lastName: ' СМИРНОВА-ВАСИЛЬЕВА ',
      firstName: 'Ольга',
      middleName: '',
      inn: '7713 7890 1286',
      passportIssuerCode: '770 001',
    });
    const since = new Date();
    const sent = await browser.post('/api/identity/standard', data);
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({
      status: 'pending',
      checks: [
        { kind: 'passport', status: 'pending' },
        { kind: 'snils', status: 'pending' },
        { kind: 'inn', status: 'pending' },
      ],
    });
    expect(sent.json().message).toMatch(
      /Ещё идёт проверка: паспорт — МВД России, СНИЛС — Социальный фонд России, ИНН — ФНС России/,
    );

    const oldCookie = browser.cookie;
    const done = await settled(browser);
    expect(done).toMatchObject({
      status: 'confirmed',
      level: 'standard',
      checks: [{ status: 'valid' }, { status: 'valid' }, { status: 'valid' }],
    });
    expect(done.message).toBe('Данные проверены. Ваша учётная запись — стандартная.');

    // The account now carries the checked data, normalised.
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({
      level: 'standard',
      lastName: 'Смирнова-Васильева',
      firstName: 'Ольга',
      middleName: null,
      birthDate: '1990-05-15',
      snils: data.snils.replace(/\D/g, ''),
    });
    const [v] = await verificationsOf(user.id);
    expect(v).toMatchObject({
      passportIssuerCode: '770-001',
      inn: '771378901286',
      passport: data.passport.replace(/\D/g, ''),
    });

    // Each registry got exactly one request, and only the data it needs.
    const asked = await t.ctx.db.select().from(simRequests);
    const mine = asked.filter((r) => r.requestId.includes(v!.id));
    expect(mine.map((r) => r.kind).sort()).toEqual(['inn', 'passport', 'snils']);
    expect(mine.find((r) => r.kind === 'snils')!.person).not.toHaveProperty('passport');
    expect(mine.find((r) => r.kind === 'inn')!.person).not.toHaveProperty('snils');

    // The session id was renewed at the level change: the old cookie no longer opens anything.
    expect(browser.cookie).not.toBe(oldCookie);
    expect((await browser.get('/api/me')).json()).toMatchObject({
      level: 'standard',
      fullName: 'Смирнова-Васильева Ольга',
    });
    const stale = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: oldCookie } });
    expect(stale.statusCode).toBe(401);

    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'identity.standard_confirmed' });
    expect(sms.text).toMatch(/Учётная запись стала стандартной/);
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, 'identity.level.raised')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ from: 'simplified', to: 'standard' });

    // Standard already: nothing more to submit here.
    const again = await browser.post('/api/identity/standard', person());
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/уже стандартная/);
  });

  const rejections: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      'an expired passport',
      { birthDate: '2000-01-10', passportIssuedAt: '2014-02-01' },
      'passport',
      /Срок действия паспорта истёк.*20 лет/,
    ],
    ['a passport reported lost', { passport: '4509 999999' }, 'passport', /утраченным/],
    [
      'the passport of someone else',
      { passport: '4505 123456', passportIssuedAt: '2005-05-10' },
      'passport',
      /выдан на другие ФИО/,
    ],
    ['a СНИЛС registered to someone else', { snils: '123-456-789 64' }, 'snils', /на другого человека/],
    ['an ИНН of someone else', { inn: '770112345695' }, 'inn', /другому человеку/],
    ['an ИНН never issued', { inn: '500100732259' }, 'inn', /не присваивала/],
  ];
  for (const [what, overrides, kind, reason] of rejections) {
    it(`rejects ${what} with the registry's reason and what to do`, async () => {
      const { user, browser } = await signedIn();
      const since = new Date();
      expect((await browser.post('/api/identity/standard', person(overrides))).statusCode).toBe(202);
      const done = await settled(browser);
      expect(done.status).toBe('rejected');
      expect(done.level).toBe('simplified');
      const failed = done.checks.filter((c) => c.status === 'invalid');
      expect(failed.map((c) => c.kind)).toEqual([kind]);
      expect(failed[0]!.reason).toMatch(reason);
      expect(failed[0]!.whatToDo).toBeTruthy();
      expect(done.whatToDo).toMatch(/Исправьте данные/);
      const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'identity.standard_rejected' });
      expect(sms.text).toMatch(reason);
      const [row] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
      expect(row).toMatchObject({ level: 'simplified', snils: null, lastName: null });
    });
  }

  it('lets a rejected person correct the data and pass', async () => {
    const { browser } = await signedIn();
    const wrong = person({ passport: '4601 123123' });
    expect((await browser.post('/api/identity/standard', wrong)).statusCode).toBe(202);
    expect((await settled(browser)).status).toBe('rejected');
    const fixed = await browser.post('/api/identity/standard', {
      ...wrong,
      passport: `46 01 ${String(500_000 + seq)}`,
    });
    expect(fixed.statusCode, fixed.body).toBe(202);
    expect(fixed.json().status).toBe('pending');
    expect(await settled(browser)).toMatchObject({ status: 'confirmed', level: 'standard' });
  });

  it('refuses a СНИЛС or passport of another account without saying whose, and stores nothing', async () => {
    const owner = await signedIn();
    const data = person();
    expect((await owner.browser.post('/api/identity/standard', data)).statusCode).toBe(202);
    // While the owner's check is pending, and after it passed.
    const other = await signedIn();
    const bySnils = await other.browser.post('/api/identity/standard', person({ snils: data.snils }));
    expect(bySnils.statusCode).toBe(409);
    expect(bySnils.json()).toMatchObject({ detail: DUPLICATE_MESSAGE });
    expect(bySnils.json().errors).toBeUndefined();
    await settled(owner.browser);
    const byPassport = await other.browser.post(
      '/api/identity/standard',
      person({ passport: data.passport }),
    );
    expect(byPassport.statusCode).toBe(409);
    expect(byPassport.json().detail).toBe(DUPLICATE_MESSAGE);
    for (const body of [bySnils.body, byPassport.body]) {
      expect(body).not.toContain(owner.user.id);
      expect(body).not.toContain(owner.user.phone!.slice(-4));
      expect(body).not.toContain('Смирнов');
    }
    expect(await verificationsOf(other.user.id)).toHaveLength(0);
    expect((await other.browser.get('/api/identity/standard')).json()).toMatchObject({ status: 'none' });
    const traces = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, other.user.id), eq(auditLog.action, 'identity.standard.duplicate')))
      .orderBy(auditLog.id);
    expect(traces.map((a) => a.details)).toEqual([{ matched: 'snils' }, { matched: 'passport' }]);
  });

  it('answers bad input in Russian, field by field, and stores nothing', async () => {
    const { user, browser } = await signedIn();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ snils: '112-233-445 96' }, 'snils', /контрольное число СНИЛС/],
      [{ snils: '12345' }, 'snils', /СНИЛС из 11 цифр/],
      [{ passport: '45 10 12345A' }, 'passport', /только из цифр/],
      [{ passport: '4510 000000' }, 'passport', /000000/],
      [{ birthDate: '2090-01-01' }, 'birthDate', /не может быть в будущем/],
      [{ birthDate: '2015-03-01', passportIssuedAt: '2025-01-01' }, 'birthDate', /с 14 лет/],
      [{ birthDate: '1990-02-30' }, 'birthDate', /ГГГГ-ММ-ДД/],
      [{ passportIssuedAt: '2003-01-01' }, 'passportIssuedAt', /Паспорт выдаётся с 14 лет/],
      [{ passportIssuedAt: '2099-01-01' }, 'passportIssuedAt', /в будущем/],
      [{ passportIssuerCode: '77-001' }, 'passportIssuerCode', /Код подразделения — 6 цифр/],
      [{ lastName: 'Smith' }, 'lastName', /русские буквы/],
      [{ firstName: '' }, 'firstName', /Укажите имя/],
      [{ inn: '7707083893' }, 'inn', /ИНН организации/],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await browser.post('/api/identity/standard', person(overrides));
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      const problem = res.json<{ detail: string; errors: Array<{ field: string; message: string }> }>();
      expect(problem.detail).toMatch(/^Проверьте данные/);
      expect(problem.errors.find((e) => e.field === field)?.message, `${field}: ${res.body}`).toMatch(
        message,
      );
    }
    expect(await verificationsOf(user.id)).toHaveLength(0);
    expect(
      await t.ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, 'identity.standard.submitted'))),
    ).toHaveLength(0);
  });

  it('shows each person only their own status', async () => {
    const a = await signedIn();
    const b = await signedIn();
    t.config.registriesSimDelayMs = 60_000; // a stays pending
    expect((await a.browser.post('/api/identity/standard', person({ lastName: 'Тайнов' }))).statusCode).toBe(
      202,
    );
    t.config.registriesSimDelayMs = 0;
    const mine = (await a.browser.get('/api/identity/standard')).json();
    expect(mine).toMatchObject({ status: 'pending', submitted: { lastName: 'Тайнов' } });
    const theirs = await b.browser.get('/api/identity/standard');
    expect(theirs.json()).toMatchObject({ status: 'none', id: null, submitted: null });
    expect(theirs.body).not.toContain('Тайнов');
    expect((await new TestBrowser(t.app).get('/api/identity/standard')).statusCode).toBe(401);
    expect((await new TestBrowser(t.app).post('/api/identity/standard', person())).statusCode).toBe(401);
  });

  it('says which checks are still running while some registries have answered', async () => {
    const { user, browser } = await signedIn();
    t.config.registriesSimDelayMs = 60_000;
    try {
      expect((await browser.post('/api/identity/standard', person())).statusCode).toBe(202);
      const [v] = await verificationsOf(user.id);
      // The СФР answers now; the МВД keeps thinking.
      await waitUntil(
        async () =>
          (await t.ctx.db.select().from(simRequests)).filter((r) => r.requestId.includes(v!.id)).length === 2,
      );
      await t.ctx.db
        .update(simRequests)
        .set({ readyAt: new Date() })
        .where(eq(simRequests.requestId, `kbn-${v!.id}-snils`));
      await waitUntil(async () => {
        const body = (await browser.get('/api/identity/standard')).json<Status>();
        return body.checks.find((c) => c.kind === 'snils')?.status === 'valid';
      });
      const status = (await browser.get('/api/identity/standard')).json<Status>();
      expect(status).toMatchObject({
        status: 'pending',
        checks: [
          { kind: 'passport', status: 'pending' },
          { kind: 'snils', status: 'valid' },
        ],
      });
      expect(status.message).toMatch(/Ещё идёт проверка: паспорт — МВД России\./);
    } finally {
      t.config.registriesSimDelayMs = 0;
    }
  });

  it('takes the same data twice as one request, and refuses other data while it is pending', async () => {
    const { user, browser } = await signedIn();
    t.config.registriesSimDelayMs = 60_000;
    const data = person({ inn: '771378901286' });
    const [first, second] = await Promise.all([
      browser.post('/api/identity/standard', data),
      browser.post('/api/identity/standard', data),
    ]);
    t.config.registriesSimDelayMs = 0;
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    expect(first.json().id).toBe(second.json().id);
    const third = await browser.post('/api/identity/standard', { ...data, passport: '4024 445567' });
    expect(third.statusCode).toBe(409);
    expect(third.json().detail).toMatch(/уже проверяются/);
    const rows = await verificationsOf(user.id);
    expect(rows).toHaveLength(1);
    const [{ n: checks } = { n: 0 }] = await t.ctx.db
      .select({ n: count() })
      .from(identityVerificationChecks)
      .where(eq(identityVerificationChecks.verificationId, rows[0]!.id));
    expect(checks).toBe(3);
    // The registries got one request per check, however often the job asked.
    await new Promise((r) => setTimeout(r, 1500));
    const asked = (await t.ctx.db.select().from(simRequests)).filter((r) =>
      r.requestId.includes(rows[0]!.id),
    );
    expect(asked).toHaveLength(3);
  });
});

describe(`standard level housekeeping on ${testDriver}`, () => {
  it('gives a verification whose job was lost a new one, and closes one left without answers for a day', async () => {
    const effects = identityEffects(t.ctx);
    const lost = await signedIn();
    t.config.registriesUrl = 'http://127.0.0.1:9/sim/registries';
    expect((await lost.browser.post('/api/identity/standard', person())).statusCode).toBe(202);
    const [v] = await verificationsOf(lost.user.id);
    // Its job chain is gone (an old token) and nobody has polled it for three minutes.
    await t.ctx.db
      .update(identityVerifications)
      .set({ pollToken: 'lost', leaseUntil: null, polledAt: new Date(Date.now() - 3 * 60_000) })
      .where(eq(identityVerifications.id, v!.id));
    t.config.registriesUrl = simulatorUrl;
    expect(await sweepVerifications(t.ctx, effects)).toMatchObject({ requeued: 1 });
    expect(await settled(lost.browser)).toMatchObject({ status: 'confirmed' });

    const forgotten = await signedIn();
    t.config.registriesSimDelayMs = 60_000;
    try {
      expect((await forgotten.browser.post('/api/identity/standard', person())).statusCode).toBe(202);
    } finally {
      t.config.registriesSimDelayMs = 0;
    }
    const [w] = await verificationsOf(forgotten.user.id);
    const old = new Date(Date.now() - GIVE_UP_MS - 60_000);
    await t.ctx.db
      .update(identityVerifications)
      .set({ createdAt: old, polledAt: old, leaseUntil: null })
      .where(eq(identityVerifications.id, w!.id));
    expect(await sweepVerifications(t.ctx, effects)).toMatchObject({ closed: 1 });
    const closed = (await forgotten.browser.get('/api/identity/standard')).json<Status>();
    expect(closed).toMatchObject({
      status: 'rejected',
      reason: 'Ведомства не ответили на запрос вовремя. Отправьте данные ещё раз.',
    });
    expect(closed.checks.every((c) => c.status === 'no_answer')).toBe(true);
    // And the person may send the data again at once.
    expect((await forgotten.browser.post('/api/identity/standard', person())).statusCode).toBe(202);
  });

  it(`allows ${STANDARD_ATTEMPTS_PER_DAY} checks a day per account`, async () => {
    const { user, browser } = await signedIn();
    await t.ctx.db.insert(identityVerifications).values(
      Array.from({ length: STANDARD_ATTEMPTS_PER_DAY }, (_, i) => ({
        userId: user.id,
        status: 'rejected' as const,
        lastName: 'Много',
        firstName: 'Попыток',
        birthDate: '1990-05-15',
        passport: `451099${String(i).padStart(4, '0')}`,
        passportIssuedAt: '2010-06-01',
        passportIssuerCode: '770-001',
        snils: '11223344595',
        completedAt: new Date(),
      })),
    );
    const res = await browser.post('/api/identity/standard', person());
    expect(res.statusCode).toBe(429);
    expect(res.json().detail).toMatch(/Слишком много попыток проверки данных за сутки/);
  });
});

/** An HTTP proxy to the simulator that rewrites its answers (a man in the middle), on a free port. */
async function tamperingProxy(rewrite: (body: string) => string) {
  const target = new URL(simulatorUrl);
  let tampered = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (up) => {
          const parts: Buffer[] = [];
          up.on('data', (c: Buffer) => parts.push(c));
          up.on('end', () => {
            const original = Buffer.concat(parts).toString('utf8');
            const body = rewrite(original);
            if (body !== original) tampered += 1;
            const headers = { ...up.headers, 'content-length': String(Buffer.byteLength(body)) };
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(body);
          });
        },
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    tampered: () => tampered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe(`registry messages are signed (${testDriver})`, () => {
  it('the simulator refuses unsigned and altered requests', async () => {
    const body = JSON.stringify({
      requestId: 'test-unsigned-1',
      kind: 'snils',
      person: { lastName: 'А', firstName: 'Б', birthDate: '1990-01-01', snils: '11223344595' },
    });
    const unsigned = await fetch(`${simulatorUrl}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    // A request signed with another key is refused the same way.
    const forged = new HttpRegistriesGateway({
      baseUrl: () => simulatorUrl,
      secret: 'x'.repeat(43),
      timeoutMs: 2000,
    });
    await expect(
      forged.submit('snils', 'test-unsigned-2', {
        lastName: 'А',
        firstName: 'Б',
        middleName: null,
        birthDate: '1990-01-01',
        snils: '11223344595',
      }),
    ).rejects.toMatchObject({ code: 'bad_status' });
    expect(
      await t.ctx.db.select().from(simRequests).where(eq(simRequests.requestId, 'test-unsigned-2')),
    ).toHaveLength(0);
  });

  it('the simulator keeps one request per requestId and refuses the same id with other data', async () => {
    const gateway = registriesGateway(t.config);
    const who = {
      lastName: 'Повторов',
      firstName: 'Павел',
      middleName: null,
      birthDate: '1991-01-01',
      snils: '67890123438',
    };
    await gateway.submit('snils', 'test-idem-0001', who);
    await gateway.submit('snils', 'test-idem-0001', who);
    expect(
      await t.ctx.db.select().from(simRequests).where(eq(simRequests.requestId, 'test-idem-0001')),
    ).toHaveLength(1);
    await expect(
      gateway.submit('snils', 'test-idem-0001', { ...who, firstName: 'Пётр' }),
    ).rejects.toMatchObject({ code: 'bad_status' });
    expect(await gateway.poll('test-idem-0001')).toEqual({ status: 'done', result: 'valid' });
    await expect(gateway.poll('test-idem-none')).rejects.toMatchObject({ code: 'unknown_request' });
  });

  it('the adapter refuses an altered answer, and the verdict is never taken from it', async () => {
    // The man in the middle turns every refusal into an approval; the signature no longer matches.
    const proxy = await tamperingProxy((body) =>
      body.replace('"result":"invalid"', '"result":"valid"').replace(/,"reason":"[^"]*"/, ''),
    );
    try {
      const direct = registriesGateway(t.config);
      const who = {
        lastName: 'Потерян',
        firstName: 'Паспорт',
        middleName: null,
        birthDate: '1990-05-15',
        passport: { series: '4509', number: '999999', issuedAt: '2010-06-01', issuerCode: '770-001' },
      };
      await direct.submit('passport', 'test-tamper-0001', who);
      const viaProxy = new HttpRegistriesGateway({
        baseUrl: () => proxy.url,
        secret: t.config.registriesSecret,
        timeoutMs: 2000,
      });
      const error = await viaProxy.poll('test-tamper-0001').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryError);
      expect(error).toMatchObject({ code: 'bad_signature' });
      expect(proxy.tampered()).toBe(1);

      // The whole flow: with the proxy in the way the check stays pending, nothing is recorded.
      const { user, browser } = await signedIn();
      t.config.registriesUrl = proxy.url;
      expect(
        (await browser.post('/api/identity/standard', person({ passport: '4509 999999' }))).statusCode,
      ).toBe(202);
      const [v] = await verificationsOf(user.id);
      const effects = identityEffects(t.ctx);
      const gateway = registriesGateway(t.config);
      const deadline = Date.now() + 10_000;
      let refused: unknown = null;
      while (!refused && Date.now() < deadline) {
        const [row] = await t.ctx.db
          .select()
          .from(identityVerifications)
          .where(eq(identityVerifications.id, v!.id));
        refused = await processVerification(t.ctx, effects, gateway, {
          id: v!.id,
          token: row!.pollToken!,
        }).then(
          () => null,
          (e: unknown) => e,
        );
        if (!refused) await new Promise((r) => setTimeout(r, 200));
      }
      expect(refused).toMatchObject({ code: 'bad_signature' });
      expect((await browser.get('/api/identity/standard')).json()).toMatchObject({ status: 'pending' });
      const answered = await t.ctx.db
        .select()
        .from(identityVerificationChecks)
        .where(eq(identityVerificationChecks.verificationId, v!.id));
      // The СНИЛС answer came through untouched (and signed); the forged passport verdict did not.
      expect(answered.find((c) => c.kind === 'passport')).toMatchObject({ answeredAt: null, result: null });
      expect(proxy.tampered()).toBeGreaterThan(1);

      // Once the exchange is honest again, the true verdict arrives: the passport is void.
      t.config.registriesUrl = simulatorUrl;
      await waitUntil(async () => {
        const [row] = await t.ctx.db
          .select()
          .from(identityVerifications)
          .where(eq(identityVerifications.id, v!.id));
        if (row!.status !== 'pending') return true;
        await processVerification(t.ctx, effects, gateway, { id: v!.id, token: row!.pollToken! }).catch(
          () => undefined,
        );
        return false;
      });
      const done = await settled(browser);
      expect(done.status).toBe('rejected');
      expect(done.checks.find((c) => c.kind === 'passport')).toMatchObject({
        status: 'invalid',
        reason: expect.stringMatching(/утраченным/),
      });
    } finally {
      t.config.registriesUrl = simulatorUrl;
      await proxy.close();
    }
  });

  it('keeps a check pending while the registries are unreachable, and finishes once they answer', async () => {
    const { browser } = await signedIn();
    t.config.registriesUrl = 'http://127.0.0.1:9/sim/registries'; // discard port: connection refused
    try {
      expect((await browser.post('/api/identity/standard', person())).statusCode).toBe(202);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await browser.get('/api/identity/standard')).json()).toMatchObject({ status: 'pending' });
    } finally {
      t.config.registriesUrl = simulatorUrl;
    }
    // The queue retries the job with backoff; the first retry reaches the simulator.
    expect(await settled(browser, 25_000)).toMatchObject({ status: 'confirmed' });
  });
});
