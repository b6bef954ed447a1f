import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { randomSnils } from '@kabinet/shared';
import { createTestApp, TestBrowser, type TestApp } from '../../test/harness';
import { createAccount, signInWithSms, TEST_PASSWORD } from './testing';
import { makeCsr, makeKeys, obtainCertificate as issue, signClientData } from './esign-testing';
import { identityConfirmations, identityVerifications, loginHistory, users } from './schema';
import { createAuthority, issueCertificate } from '../../simulators/ca/authority';

let t: TestApp;
const ORIGIN = 'https://kabinet.test';

beforeAll(async () => {
  t = await createTestApp({ config: { publicUrl: ORIGIN } });
  // The CRL is fetched over HTTP from the distribution point in the certificate.
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t?.close());

let seq = 0;
/** A standard account whose ФИО and СНИЛС the registries confirmed. */
async function standardPerson() {
  seq += 1;
  const user = await createAccount(t);
  const person = {
    lastName: 'Подписова',
    firstName: 'Анна',
    middleName: `Тестовна${'а'.repeat(seq)}`,
    snils: randomSnils(Math.random),
  };
  await t.ctx.db
    .update(users)
    .set({ ...person, level: 'standard' })
    .where(eq(users.id, user.id));
  await t.ctx.db.insert(identityVerifications).values({
    userId: user.id,
    status: 'confirmed',
    ...person,
    birthDate: '1990-01-01',
    passport: `45${String(100000000 + seq * 7919).slice(1)}`.slice(0, 10),
    passportIssuedAt: '2010-02-01',
    passportIssuerCode: '770-001',
    completedAt: new Date(),
  });
  return { user, person };
}

const obtainCertificate = (person: Parameters<typeof issue>[1]) => issue(t.app, person);

async function signed(
  browser: TestBrowser,
  url: string,
  cert: { keys: Awaited<ReturnType<typeof makeKeys>>; certificate: string },
  origin = ORIGIN,
) {
  const ch = await browser.post(url);
  expect(ch.statusCode).toBe(200);
  const { challenge, type } = ch.json<{ challenge: string; type: string }>();
  return {
    certificate: cert.certificate,
    ...(await signClientData(cert.keys.privateKey, { type, challenge, origin })),
  };
}

describe('identity confirmation by a qualified e-signature', () => {
  it('raises a standard account to confirmed, registers the certificate and renews the session', async () => {
    const { user, person } = await standardPerson();
    const browser = new TestBrowser(t.app);
    expect((await signInWithSms(t, browser, user.phone!)).statusCode).toBe(200);
    const cert = await obtainCertificate(person);
    const before = browser.cookie;
    const body = await signed(browser, '/api/identity/esign/challenge', cert);
    const res = await browser.post('/api/identity/esign/confirm', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ level: 'confirmed', raised: true });
    expect(browser.cookie).not.toBe(before);
    expect((await browser.get('/api/me')).json<{ level: string }>().level).toBe('confirmed');
    const rows = await t.ctx.db
      .select()
      .from(identityConfirmations)
      .where(and(eq(identityConfirmations.userId, user.id), eq(identityConfirmations.method, 'esign')));
    expect(rows).toHaveLength(1);
    const list = (await browser.get('/api/identity/esign/certificates')).json<{
      items: Array<{ serial: string }>;
    }>();
    expect(list.items.map((i) => i.serial)).toEqual([cert.serial]);

    // The signed answer cannot be replayed: the challenge was used.
    const replay = await browser.post('/api/identity/esign/confirm', body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json<{ detail: string }>().detail).toMatch(/уже использован или устарел/);
  });

  it('refuses a certificate of another person, one of an untrusted CA, and changes nothing', async () => {
    const { user, person } = await standardPerson();
    const browser = new TestBrowser(t.app);
    await signInWithSms(t, browser, user.phone!);
    const someoneElse = await obtainCertificate({ ...person, snils: randomSnils(Math.random) });
    const res = await browser.post(
      '/api/identity/esign/confirm',
      await signed(browser, '/api/identity/esign/challenge', someoneElse),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json<{ detail: string }>().detail).toMatch(/выдан другому человеку/);
    const namesake = await obtainCertificate({ ...person, lastName: 'Другая' });
    expect(
      (
        await browser.post(
          '/api/identity/esign/confirm',
          await signed(browser, '/api/identity/esign/challenge', namesake),
        )
      ).statusCode,
    ).toBe(403);

    // A certificate with the right data from a CA Kabinet does not trust.
    const rogue = await createAuthority('CN=Самозваный УЦ, C=RU');
    const keys = await makeKeys();
    const pem = (
      await issueCertificate(rogue, {
        csr: await makeCsr(keys),
        applicant: person,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 86_400_000),
        crlUrl: 'http://127.0.0.1:9/crl',
      })
    ).toString('pem');
    const untrusted = await browser.post(
      '/api/identity/esign/confirm',
      await signed(browser, '/api/identity/esign/challenge', { keys, certificate: pem }),
    );
    expect(untrusted.statusCode).toBe(403);
    expect(untrusted.json<{ detail: string }>().detail).toMatch(/не доверяет/);

    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.level).toBe('standard');
    expect(
      (await browser.get('/api/identity/esign/certificates')).json<{ items: unknown[] }>().items,
    ).toEqual([]);
  });

  it('refuses a simplified account, a guest, a missing challenge and malformed or oversized input', async () => {
    const simple = await createAccount(t);
    await t.ctx.db.update(users).set({ level: 'simplified' }).where(eq(users.id, simple.id));
    const browser = new TestBrowser(t.app);
    await signInWithSms(t, browser, simple.phone!);
    const cert = await obtainCertificate({
      lastName: 'Тестов',
      firstName: 'Тест',
      middleName: 'Т',
      snils: randomSnils(Math.random),
    });
    const res = await browser.post(
      '/api/identity/esign/confirm',
      await signed(browser, '/api/identity/esign/challenge', cert),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toMatch(/только для стандартной/);

    const guest = new TestBrowser(t.app);
    expect((await guest.post('/api/identity/esign/challenge')).statusCode).toBe(401);
    expect(
      (await guest.post('/api/identity/esign/confirm', { certificate: 'x', clientData: 'x', signature: 'x' }))
        .statusCode,
    ).toBe(401);

    // No challenge asked for in this browser.
    const fresh = new TestBrowser(t.app);
    await signInWithSms(t, fresh, simple.phone!);
    const noChallenge = await fresh.post('/api/identity/esign/confirm', {
      certificate: cert.certificate,
      ...(await signClientData(cert.keys.privateKey, {
        type: 'kabinet.esign.confirm',
        challenge: 'x',
        origin: ORIGIN,
      })),
    });
    expect(noChallenge.statusCode).toBe(409);

    const big = await browser.post('/api/identity/esign/confirm', {
      certificate: 'A'.repeat(20_000),
      clientData: 'a',
      signature: 'a',
    });
    expect(big.statusCode).toBe(400);
    expect(big.json<{ detail: string }>().detail).toMatch(/[А-Яа-я]/);
    await browser.post('/api/identity/esign/challenge');
    const garbage = await browser.post('/api/identity/esign/confirm', {
      certificate: 'не сертификат',
      clientData: 'a',
      signature: 'a',
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json<{ detail: string }>().detail).toMatch(/Не удалось прочитать сертификат/);
  });
});

describe('login by an e-signature', () => {
  it('proves one factor and asks for another; the password completes the login', async () => {
    const { user, person } = await standardPerson();
    const cert = await obtainCertificate(person);
    const browser = new TestBrowser(t.app);
    const res = await browser.post(
      '/api/auth/esign/login',
      await signed(browser, '/api/auth/esign/challenge', cert),
    );
    expect(res.statusCode, res.body).toBe(200);
    const step = res.json<{ status: string; factors: Array<{ type: string }> }>();
    expect(step.status).toBe('more');
    expect(step.factors.map((f) => f.type)).toContain('password');
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const done = await browser.post('/api/auth/login/password', { password: TEST_PASSWORD });
    expect(done.json()).toEqual({ status: 'signed_in' });
    expect((await browser.get('/api/me')).json<{ id: string }>().id).toBe(user.id);
    const history = (await browser.get('/api/auth/history')).json<{
      items: Array<{ methodLabel: string; result: string }>;
    }>();
    expect(history.items[0]).toMatchObject({
      methodLabel: 'Электронная подпись + Пароль',
      result: 'succeeded',
    });
    expect(
      history.items.some(
        (i) => i.methodLabel === 'Электронная подпись' && i.result === 'second_factor_required',
      ),
    ).toBe(true);
  });

  it('refuses an e-signature login the owner switched off', async () => {
    const { user, person } = await standardPerson();
    const cert = await obtainCertificate(person);
    await t.ctx.db.update(users).set({ esignLoginEnabled: false }).where(eq(users.id, user.id));
    const browser = new TestBrowser(t.app);
    const res = await browser.post(
      '/api/auth/esign/login',
      await signed(browser, '/api/auth/esign/challenge', cert),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('по электронной подписи отключён');
    expect((await browser.get('/api/me')).statusCode).toBe(401);
  });

  it('refuses a revoked certificate, a wrong origin, a replayed challenge and an unknown person', async () => {
    const { user, person } = await standardPerson();
    const cert = await obtainCertificate(person);
    const browser = new TestBrowser(t.app);

    const wrongOrigin = await browser.post(
      '/api/auth/esign/login',
      await signed(browser, '/api/auth/esign/challenge', cert, 'https://evil.test'),
    );
    expect(wrongOrigin.statusCode).toBe(403);
    expect(wrongOrigin.json<{ detail: string }>().detail).toMatch(/другого сайта/);

    const body = await signed(browser, '/api/auth/esign/challenge', cert);
    expect((await browser.post('/api/auth/esign/login', body)).statusCode).toBe(200);
    const replay = await browser.post('/api/auth/esign/login', body);
    expect(replay.statusCode).toBe(409);

    const stranger = await obtainCertificate({ ...person, snils: randomSnils(Math.random) });
    const unknown = await browser.post(
      '/api/auth/esign/login',
      await signed(browser, '/api/auth/esign/challenge', stranger),
    );
    expect(unknown.statusCode).toBe(404);

    const revoke = await t.app.inject({
      method: 'POST',
      url: `/sim/ca/api/certificates/${cert.serial}/revoke`,
      payload: { snils: person.snils },
    });
    expect(revoke.statusCode).toBe(200);
    const revoked = await browser.post(
      '/api/auth/esign/login',
      await signed(browser, '/api/auth/esign/challenge', cert),
    );
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json<{ detail: string }>().detail).toMatch(/отозван/);

    const failures = await t.ctx.db
      .select()
      .from(loginHistory)
      .where(and(eq(loginHistory.method, 'esign'), eq(loginHistory.result, 'failed')));
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    void user;
  });

  it('a certificate its owner removed logs in no more; nobody else can remove it', async () => {
    const { user, person } = await standardPerson();
    const owner = new TestBrowser(t.app);
    await signInWithSms(t, owner, user.phone!);
    const cert = await obtainCertificate(person);
    expect(
      (
        await owner.post(
          '/api/identity/esign/confirm',
          await signed(owner, '/api/identity/esign/challenge', cert),
        )
      ).statusCode,
    ).toBe(200);
    const [item] = (await owner.get('/api/identity/esign/certificates')).json<{
      items: Array<{ id: string }>;
    }>().items;

    const other = await createAccount(t);
    const intruder = new TestBrowser(t.app);
    await signInWithSms(t, intruder, other.phone!);
    expect(
      (await intruder.get('/api/identity/esign/certificates')).json<{ items: unknown[] }>().items,
    ).toEqual([]);
    expect((await intruder.delete(`/api/identity/esign/certificates/${item!.id}`)).statusCode).toBe(404);

    expect((await owner.delete(`/api/identity/esign/certificates/${item!.id}`)).statusCode).toBe(200);
    const browser = new TestBrowser(t.app);
    const res = await browser.post(
      '/api/auth/esign/login',
      await signed(browser, '/api/auth/esign/challenge', cert),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json<{ detail: string }>().detail).toMatch(/удалён из учётной записи/);
  });
});

describe('CA simulator', () => {
  it('refuses a request without the applicant data or with a damaged CSR, in Russian', async () => {
    const keys = await makeKeys();
    const noSnils = await t.app.inject({
      method: 'POST',
      url: '/sim/ca/api/certificates',
      payload: { csr: await makeCsr(keys), lastName: 'А', firstName: 'Б' },
    });
    expect(noSnils.statusCode).toBe(400);
    const damaged = await t.app.inject({
      method: 'POST',
      url: '/sim/ca/api/certificates',
      payload: {
        csr:
          '-----BEGIN CERTIFICATE REQUEST-----\n' + 'A'.repeat(200) + '\n-----END CERTIFICATE REQUEST-----',
        lastName: 'А',
        firstName: 'Б',
        snils: '112-233-445 95',
      },
    });
    expect(damaged.statusCode).toBe(400);
    expect(damaged.json<{ detail: string }>().detail).toMatch(/PKCS#10/);
    const page = await t.app.inject({ method: 'GET', url: '/sim/ca/?snils=11223344595' });
    expect(page.body).toContain('Удостоверяющий центр');
  });
});
