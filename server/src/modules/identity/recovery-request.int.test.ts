import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { and, count, eq, isNull } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomSnils } from '@kabinet/shared';
import { auditLog } from '../../platform/audit';
import { codeIn, waitForSms } from '../../platform/messaging';
import { mailOutbox, smsOutbox } from '../../platform/messaging/schema';
import { sessions } from '../../platform/sessions/schema';
import { addBankCustomer, type NewBankCustomer } from '../../simulators/bank';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { bankBrowser, bankPerson } from './bank-testing';
import { obtainCertificate, signClientData } from './esign-testing';
import { hashAnswer, saveSecurityQuestion, SECURITY_QUESTIONS } from './security-questions';
import { expireRequests } from './recovery-request';
import { identityEffects } from './effects-impl';
import {
  backupCodes,
  identityVerifications,
  passkeys,
  recoveryRequests,
  userFactors,
  users,
  type Role,
} from './schema';
import { createAccount, signInWithSms, TEST_PASSWORD } from './testing';

// The contacts-lost recovery request (recovery-request.ts): passport + birth date + the security
// question only open it; the bank simulator (OpenID Connect), the CA simulator's certificates or an
// МФЦ operator complete it. The app listens on a real port: Kabinet reaches the bank over HTTP, and
// the e-signature check fetches the CA's revocation list from the certificate's address.

let t: TestApp;
let origin: string;
const bank = bankBrowser(() => ({ t, origin }));

const ANSWER = 'Ёлкина Мария';
const NEW_PASSWORD = 'северный ветер поёт над рекой';
const QUESTION = 'Как звали вашего первого учителя?';
const QUESTIONS = SECURITY_QUESTIONS.map((q) => q.text as string);

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // The bank sends the browser back to PUBLIC_URL; e-signatures are made for this origin.
  t.config.publicUrl = origin;
}, 180_000);
afterAll(async () => t?.close());

let phones = 0;
/** A mobile number no account has yet. */
const freshPhone = () => `+7902777${String(++phones).padStart(4, '0')}`;

/**
 * A standard account whose passport, СНИЛС and ФИО the registries confirmed, with a security
 * question (unless `question: false`), and the bank customer with the same data.
 */
async function citizen(options: { question?: boolean; roles?: Role[] } = {}) {
  const person = bankPerson({}, 500);
  const user = await createAccount(t, { roles: options.roles });
  await t.ctx.db
    .update(users)
    .set({
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName,
      birthDate: person.birthDate,
      snils: person.snils,
    })
    .where(eq(users.id, user.id));
  await t.ctx.db.insert(identityVerifications).values({
    userId: user.id,
    status: 'confirmed',
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName ?? null,
    birthDate: person.birthDate,
    passport: person.passport,
    passportIssuedAt: person.passportIssuedAt,
    passportIssuerCode: person.passportIssuerCode,
    snils: person.snils,
    completedAt: new Date(),
  });
  if (options.question !== false) {
    const answerHash = await hashAnswer(ANSWER, t.config.secrets.pepper);
    await t.ctx.db.transaction((tx) =>
      saveSecurityQuestion(tx, {
        userId: user.id,
        questionKey: 'first_teacher',
        questionText: QUESTION,
        answerHash,
      }),
    );
  }
  const [row] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
  return { user: row!, person };
}

type Person = Pick<NewBankCustomer, 'passport' | 'birthDate'>;
const question = (b: TestBrowser, p: Person) =>
  b.post('/api/auth/recovery/request/question', { passport: p.passport, birthDate: p.birthDate });
const answer = (b: TestBrowser, text: string) =>
  b.post('/api/auth/recovery/request/answer', { answer: text });

interface View {
  number: string;
  status: string;
  expiresAt: string;
  completedBy: string | null;
  proof: { method: string; until: string } | null;
  newPhone: string | null;
  newPhoneConfirmed: boolean;
}

/** Opens (or resumes) the person's request in this browser: passport, birth date, the right answer. */
async function opened(b: TestBrowser, p: Person) {
  const q = await question(b, p);
  expect(q.statusCode, q.body).toBe(200);
  const a = await answer(b, ANSWER);
  expect(a.statusCode, a.body).toBe(200);
  return a.json<View>();
}

const requestRow = async (number: string) =>
  (await t.ctx.db.select().from(recoveryRequests).where(eq(recoveryRequests.number, number)))[0]!;
const userRow = async (id: string) => (await t.ctx.db.select().from(users).where(eq(users.id, id)))[0]!;
const auditOf = async (subject: string) =>
  (await t.ctx.db.select().from(auditLog).where(eq(auditLog.subjectUserId, subject))).map((a) => a.action);
const liveSessions = async (userId: string) =>
  (
    await t.ctx.db
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
  )[0]!.n;
const smsTo = (phone: string, purpose: string) =>
  t.ctx.db
    .select()
    .from(smsOutbox)
    .where(and(eq(smsOutbox.toPhone, phone), eq(smsOutbox.purpose, purpose)));
const mailTo = (address: string, purpose: string) =>
  t.ctx.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, address), eq(mailOutbox.purpose, purpose)));
const requestsOf = async (userId: string) =>
  t.ctx.db.select().from(recoveryRequests).where(eq(recoveryRequests.userId, userId));

/** The new phone confirmed by its code and the new password set, in the browser that holds the proof. */
async function finish(b: TestBrowser, phone: string, password = NEW_PASSWORD) {
  const since = new Date();
  const sent = await b.post('/api/auth/recovery/request/phone', { phone });
  expect(sent.statusCode, sent.body).toBe(200);
  const sms = await waitForSms(t.ctx, phone, { since, purpose: 'code.contact' });
  const verified = await b.post('/api/auth/recovery/request/phone/verify', { code: codeIn(sms.text) });
  expect(verified.statusCode, verified.body).toBe(200);
  expect(verified.json<View>().newPhoneConfirmed).toBe(true);
  return b.post('/api/auth/recovery/request/complete', { newPassword: password });
}

async function staff(roles: Role[]) {
  const user = await createAccount(t, { roles });
  const browser = new TestBrowser(t.app);
  expect((await signInWithSms(t, browser, user.phone!)).statusCode).toBe(200);
  return { user, browser };
}

describe(`contacts-lost recovery request on ${testDriver}`, () => {
  it('opens a request with the right passport, birth date and answer — and knowledge alone changes nothing else', async () => {
    const { user, person } = await citizen();
    const owner = new TestBrowser(t.app);
    expect((await signInWithSms(t, owner, user.phone!)).statusCode).toBe(200);

    const b = new TestBrowser(t.app);
    const since = new Date();
    // The passport typed with spaces and «№», as people write it.
    const q = await b.post('/api/auth/recovery/request/question', {
      passport: `${person.passport.slice(0, 2)} ${person.passport.slice(2, 4)} № ${person.passport.slice(4)}`,
      birthDate: person.birthDate,
    });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toEqual({ question: QUESTION });
    const res = await answer(b, '  ЕЛКИНА   мария ');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<View>();
    expect(view).toMatchObject({ status: 'opened', completedBy: null, proof: null, newPhone: null });
    expect(view.number).toMatch(/^ВД-\d{4}-\d{4}$/);
    const days = (Date.parse(view.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    // No session, nothing about the account changed, the owner's sessions live on.
    expect((await b.get('/api/me')).statusCode).toBe(401);
    const after = await userRow(user.id);
    expect(after).toEqual(user);
    expect((await owner.get('/api/me')).statusCode).toBe(200);
    // Nothing can be set with knowledge alone.
    const phone = await b.post('/api/auth/recovery/request/phone', { phone: freshPhone() });
    expect(phone.statusCode).toBe(409);
    expect(phone.json<{ detail: string }>().detail).toMatch(/Сначала подтвердите личность/);
    expect(
      (await b.post('/api/auth/recovery/request/complete', { newPassword: NEW_PASSWORD })).statusCode,
    ).toBe(409);
    expect(await userRow(user.id)).toEqual(user);

    // The old contacts are told, with the number; the audit log has it.
    const notice = await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.recovery_request' });
    expect(notice.text).toContain(view.number);
    expect((await mailTo(user.email!, 'security.recovery_request')).length).toBe(1);
    expect(await auditOf(user.id)).toContain('identity.recovery_request.opened');
    const row = await requestRow(view.number);
    expect(row).toMatchObject({ userId: user.id, status: 'opened', openedVia: 'online', ip: b.ip });

    // This browser sees its request; another that answers too gets the same one, not a second.
    const status = (await b.get('/api/auth/recovery/request')).json();
    expect(status).toMatchObject({ stage: 'request', request: { number: view.number, status: 'opened' } });
    expect((await opened(new TestBrowser(t.app), person)).number).toBe(view.number);
    expect((await requestsOf(user.id)).length).toBe(1);
    expect(await auditOf(user.id)).toContain('identity.recovery_request.resumed');
    // A browser without the request sees none.
    expect((await new TestBrowser(t.app).get('/api/auth/recovery/request')).json()).toEqual({
      stage: 'none',
      question: null,
      request: null,
    });
  });

  it('throttles wrong answers like passwords: the third locks answering and says until when', async () => {
    const { user, person } = await citizen();
    const b = new TestBrowser(t.app);
    const since = new Date();
    await question(b, person);
    const first = await answer(b, 'Петрова Анна');
    expect(first.statusCode).toBe(400);
    expect(first.json()).toMatchObject({
      detail: 'Неверный ответ. Осталось попыток: 2.',
      errors: [{ field: 'answer', message: 'Неверный ответ' }],
    });
    expect((await answer(b, 'Сидорова')).json<{ detail: string }>().detail).toBe(
      'Неверный ответ. Осталось попыток: 1.',
    );
    const third = await answer(b, 'Иванова');
    expect(third.statusCode).toBe(423);
    expect(third.json<{ detail: string }>().detail).toMatch(/Попробуйте после \d\d:\d\d\.$/);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(800);
    // Locked: even the right answer is refused, in a fresh browser too (the lock is the account's).
    expect((await answer(b, ANSWER)).statusCode).toBe(423);
    const other = new TestBrowser(t.app);
    await question(other, person);
    expect((await answer(other, ANSWER)).statusCode).toBe(423);
    expect(await requestsOf(user.id)).toEqual([]);
    // The owner is told, and the lock is in the audit log.
    await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.locked' });
    expect(await auditOf(user.id)).toContain('identity.security_question.locked');
  });

  it('answers passport data of no account, or of an account without a question, exactly like a known one', async () => {
    const known = await citizen();
    const noQuestion = await citizen({ question: false });
    const unknown = { passport: '4599123456', birthDate: '1980-01-01' };
    const strip = (s: string) => s.replace(/\d\d:\d\d/g, 'ЧЧ:ММ');
    const runs = [];
    for (const p of [known.person, noQuestion.person, unknown]) {
      const b = new TestBrowser(t.app);
      const q = await question(b, p);
      const steps = [];
      for (const guess of ['не тот ответ', 'снова не тот', 'опять мимо']) steps.push(await answer(b, guess));
      runs.push({ q, steps });
    }
    const [real, ...decoys] = runs;
    expect(QUESTIONS).toContain(real!.q.json<{ question: string }>().question);
    for (const decoy of decoys) {
      expect(decoy.q.statusCode).toBe(real!.q.statusCode);
      expect(Object.keys(decoy.q.json())).toEqual(Object.keys(real!.q.json()));
      expect(QUESTIONS).toContain(decoy.q.json<{ question: string }>().question);
      decoy.steps.forEach((step, i) => {
        const r = real!.steps[i]!;
        expect(step.statusCode).toBe(r.statusCode);
        expect(step.headers['content-type']).toBe(r.headers['content-type']);
        expect(Object.keys(step.json()).sort()).toEqual(Object.keys(r.json()).sort());
        expect(strip(step.json<{ detail: string }>().detail)).toBe(
          strip(r.json<{ detail: string }>().detail),
        );
        expect(step.json<{ errors?: unknown }>().errors).toEqual(r.json<{ errors?: unknown }>().errors);
      });
    }
    expect(real!.steps.map((s) => s.statusCode)).toEqual([400, 400, 423]);
    // The decoy is the same for the same data every time: asking again reveals nothing.
    const again = await question(new TestBrowser(t.app), unknown);
    expect(again.json()).toEqual(decoys[1]!.q.json());
    // Nothing was opened or sent for the account without a question.
    expect(await requestsOf(noQuestion.user.id)).toEqual([]);
    expect((await smsTo(noQuestion.user.phone!, 'security.recovery_request')).length).toBe(0);
    // A decoy's browser holds no request: completing anything fails like having none.
    const decoyBrowser = new TestBrowser(t.app);
    await question(decoyBrowser, unknown);
    const start = await decoyBrowser.post('/api/auth/bank/start', { purpose: 'recover' });
    const none = await new TestBrowser(t.app).post('/api/auth/bank/start', { purpose: 'recover' });
    expect(start.statusCode).toBe(409);
    expect(none.statusCode).toBe(409);
    expect(start.json<{ detail: string }>().detail).toBe(none.json<{ detail: string }>().detail);
  });

  it('completes by the bank when its verified data match: a new phone by code, a new password — and everything old stops working', async () => {
    const { user, person } = await citizen();
    await addBankCustomer(t.ctx.db, person);
    // Before: a signed-in browser, an authenticator app, backup codes, a passkey, a lock.
    const old = new TestBrowser(t.app);
    expect((await signInWithSms(t, old, user.phone!)).statusCode).toBe(200);
    const { id, secret } = (await old.post('/api/auth/factors/totp')).json<{ id: string; secret: string }>();
    expect(
      (await old.post('/api/auth/factors/totp/confirm', { id, code: await generate({ secret }) })).statusCode,
    ).toBe(200);
    expect((await old.post('/api/auth/backup-codes')).statusCode).toBe(200);
    await t.ctx.db.insert(passkeys).values({
      userId: user.id,
      credentialId: `cred-${user.id}`,
      publicKey: 'pQECAyYgASFYIA',
      deviceType: 'singleDevice',
      aaguid: '00000000-0000-0000-0000-000000000000',
      label: 'Телефон',
    });
    const locker = new TestBrowser(t.app);
    for (let i = 0; i < 3; i++)
      await locker.post('/api/auth/login', { login: user.phone, password: `неверный пароль ${i}` });
    expect(
      (await locker.post('/api/auth/login', { login: user.phone, password: TEST_PASSWORD })).statusCode,
    ).toBe(423);

    const b = new TestBrowser(t.app);
    const view = await opened(b, person);
    const since = new Date();
    const { result } = await bank.roundTrip(b, 'recover', { customer: person });
    expect(result.status, result.message).toBe('verified');
    expect(result.message).toMatch(/Банк подтвердил вашу личность/);
    expect((await b.get('/api/auth/recovery/request')).json()).toMatchObject({
      stage: 'request',
      request: { number: view.number, status: 'opened', proof: { method: 'bank' } },
    });
    expect((await b.get('/api/me')).statusCode).toBe(401); // the bank proof is no session either

    // A number another account has, a malformed one: refused, said by the field.
    // The account's own number may come back to it (a SIM card restored by the carrier).
    expect((await b.post('/api/auth/recovery/request/phone', { phone: user.phone })).statusCode).toBe(200);
    const holder = await createAccount(t);
    const busy = await b.post('/api/auth/recovery/request/phone', { phone: holder.phone });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ errors: [{ field: 'phone' }] });
    const bad = await b.post('/api/auth/recovery/request/phone', { phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Array<{ field: string; message: string }> }>().errors[0]!.field).toBe('phone');

    const newPhone = freshPhone();
    const codeSince = new Date();
    expect((await b.post('/api/auth/recovery/request/phone', { phone: newPhone })).statusCode).toBe(200);
    const sms = await waitForSms(t.ctx, newPhone, { since: codeSince, purpose: 'code.contact' });
    // The password before the code: refused; a wrong code: refused and counted.
    expect(
      (await b.post('/api/auth/recovery/request/complete', { newPassword: NEW_PASSWORD })).json<{
        detail: string;
      }>().detail,
    ).toMatch(/Сначала подтвердите новый номер/);
    const wrong = codeIn(sms.text) === '000000' ? '111111' : '000000';
    const wrongCode = await b.post('/api/auth/recovery/request/phone/verify', { code: wrong });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json<{ detail: string }>().detail).toMatch(/Неверный код/);
    expect(
      (await b.post('/api/auth/recovery/request/phone/verify', { code: codeIn(sms.text) })).statusCode,
    ).toBe(200);
    const weak = await b.post('/api/auth/recovery/request/complete', { newPassword: 'qwertyuiop12' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toBe('newPassword');
    const done = await b.post('/api/auth/recovery/request/complete', { newPassword: NEW_PASSWORD });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<{ message: string }>().message).toContain(view.number);

    // Every session ended; the old authenticators are gone; the e-mail is no longer confirmed.
    expect((await old.get('/api/me')).statusCode).toBe(401);
    expect(await liveSessions(user.id)).toBe(0);
    const after = await userRow(user.id);
    expect(after.phone).toBe(newPhone);
    expect(after.phoneConfirmedAt).not.toBeNull();
    expect(after.email).toBe(user.email);
    expect(after.emailConfirmedAt).toBeNull();
    expect(after.frozenUntil!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    for (const table of [userFactors, backupCodes, passkeys])
      expect(await t.ctx.db.select().from(table).where(eq(table.userId, user.id))).toEqual([]);
    expect(await requestRow(view.number)).toMatchObject({
      status: 'completed',
      completedBy: 'bank',
      operatorId: null,
    });

    // Every channel, old and new, is told; the audit log has each step.
    expect((await smsTo(user.phone!, 'security.recovered')).length).toBe(1);
    expect((await mailTo(user.email!, 'security.recovered')).length).toBe(1);
    const toNew = await waitForSms(t.ctx, newPhone, { since, purpose: 'security.recovered' });
    expect(toNew.text).toContain(view.number);
    expect(await auditOf(user.id)).toEqual(
      expect.arrayContaining([
        'identity.recovery_request.opened',
        'identity.recovery_request.verified',
        'identity.recovery_request.completed',
      ]),
    );

    // The old phone signs in no more; the new phone with the new password and its SMS code does —
    // the lock was lifted. Changes are frozen for 24 hours.
    expect(
      (await new TestBrowser(t.app).post('/api/auth/login', { login: user.phone, password: NEW_PASSWORD }))
        .statusCode,
    ).toBe(401);
    const fresh = new TestBrowser(t.app);
    expect((await signInWithSms(t, fresh, newPhone, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await fresh.get('/api/me')).json<{ id: string }>().id).toBe(user.id);
    expect((await fresh.post('/api/auth/factors/totp')).statusCode).toBe(423);
    // The owner sees the request, completed.
    expect((await fresh.get('/api/auth/recovery/requests')).json()).toMatchObject({
      items: [{ number: view.number, status: 'completed', completedBy: 'bank' }],
    });

    // The finished request cannot be replayed from this browser, nor completed again.
    expect(
      (await b.post('/api/auth/recovery/request/complete', { newPassword: 'третий пароль для проверки' }))
        .statusCode,
    ).toBe(409);
    expect((await b.get('/api/auth/recovery/request')).json<{ stage: string }>().stage).toBe('none');
    expect((await b.post('/api/auth/bank/start', { purpose: 'recover' })).statusCode).toBe(409);
  });

  it('refuses the bank when its verified data name someone else, and changes nothing', async () => {
    const { user, person } = await citizen();
    const stranger = bankPerson({ lastName: 'Чужова', birthDate: '1975-05-05' }, 500);
    await addBankCustomer(t.ctx.db, stranger);
    const b = new TestBrowser(t.app);
    const view = await opened(b, person);
    const { result } = await bank.roundTrip(b, 'recover', { customer: stranger });
    expect(result.status).toBe('mismatch');
    expect(result.fields).toEqual(['ФИО', 'дата рождения', 'паспорт', 'СНИЛС']);
    expect(result.message).toMatch(/не совпадают.*Доступ не восстановлен, ничего не изменилось/);
    const status = (await b.get('/api/auth/recovery/request')).json<{ request: View }>();
    expect(status.request).toMatchObject({ status: 'opened', proof: null });
    expect((await b.post('/api/auth/recovery/request/phone', { phone: freshPhone() })).statusCode).toBe(409);
    expect(await userRow(user.id)).toEqual(user);
    expect(await requestRow(view.number)).toMatchObject({ status: 'opened' });
    expect(await auditOf(user.id)).toContain('identity.recovery_request.refused');
  });

  it('completes by a qualified e-signature with the account’s СНИЛС and refuses another person’s certificate', async () => {
    const { user, person } = await citizen();
    const b = new TestBrowser(t.app);
    const view = await opened(b, person);
    const signed = async (cert: Awaited<ReturnType<typeof obtainCertificate>>) => {
      const ch = await b.post('/api/auth/esign/recover/challenge');
      expect(ch.statusCode, ch.body).toBe(200);
      const { challenge, type } = ch.json<{ challenge: string; type: string }>();
      expect(type).toBe('kabinet.esign.recover');
      return {
        certificate: cert.certificate,
        ...(await signClientData(cert.keys.privateKey, { type, challenge, origin })),
      };
    };
    const names = { lastName: person.lastName, firstName: person.firstName, middleName: person.middleName! };

    // Someone else's certificate (another СНИЛС): refused, nothing changes.
    const other = await obtainCertificate(t.app, { ...names, snils: randomSnils(Math.random) });
    const refused = await b.post('/api/auth/esign/recover', await signed(other));
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toMatch(/выдан другому человеку.*ничего не изменилось/);
    expect((await b.get('/api/auth/recovery/request')).json<{ request: View }>().request.proof).toBeNull();

    // The owner's certificate: proven. The same signed answer cannot be used twice.
    const own = await obtainCertificate(t.app, { ...names, snils: person.snils });
    const body = await signed(own);
    const ok = await b.post('/api/auth/esign/recover', body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'verified' });
    expect((await b.post('/api/auth/esign/recover', body)).statusCode).toBe(409);
    // Another browser cannot use this one's request.
    expect((await new TestBrowser(t.app).post('/api/auth/esign/recover/challenge')).statusCode).toBe(409);

    const newPhone = freshPhone();
    const done = await finish(b, newPhone);
    expect(done.statusCode, done.body).toBe(200);
    expect(await requestRow(view.number)).toMatchObject({ status: 'completed', completedBy: 'esign' });
    expect((await userRow(user.id)).phone).toBe(newPhone);
    expect(await auditOf(user.id)).toContain('identity.recovery_request.refused');
    expect((await signInWithSms(t, new TestBrowser(t.app), newPhone, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('completes at the МФЦ: the operator checks the passport and enters the new phone; the citizen activates by the link and the temporary password', async () => {
    const operator = await staff(['citizen', 'mfc_operator']);
    const otherOperator = await staff(['citizen', 'mfc_operator']);
    const bystander = await staff(['citizen']);
    const { user, person } = await citizen();
    const owner = new TestBrowser(t.app);
    await signInWithSms(t, owner, user.phone!);
    const b = new TestBrowser(t.app);
    const view = await opened(b, person);

    // Citizens and guests cannot reach the console.
    const fake = '00000000-0000-4000-8000-000000000000';
    const body = { passport: person.passport, phone: freshPhone(), request: view.number };
    expect((await bystander.browser.post(`/api/operator/lookups/${fake}/recovery`, body)).statusCode).toBe(
      403,
    );
    expect(
      (await new TestBrowser(t.app).post(`/api/operator/lookups/${fake}/recovery`, body)).statusCode,
    ).toBe(401);

    // The operator finds the citizen by passport, for recovery: the card shows the open request.
    const found = await operator.browser.post('/api/operator/lookups', {
      kind: 'passport',
      value: person.passport,
      reason: 'recovery',
    });
    expect(found.statusCode, found.body).toBe(200);
    const card = found.json<{
      lookupId: string;
      reason: string;
      recovery: { number: string; status: string };
    }>();
    expect(card.reason).toMatch(/Восстановление доступа/);
    expect(card.recovery).toMatchObject({ number: view.number, status: 'opened' });
    const url = `/api/operator/lookups/${card.lookupId}/recovery`;
    // Another operator cannot act on this operator's card.
    expect((await otherOperator.browser.post(url, body)).statusCode).toBe(404);
    // A passport that does not match, a number another account has, a malformed request number.
    const wrongPassport = await operator.browser.post(url, { ...body, passport: '4599000001' });
    expect(wrongPassport.statusCode).toBe(422);
    expect(wrongPassport.json()).toMatchObject({ errors: [{ field: 'passport' }] });
    const holder = await createAccount(t);
    expect((await operator.browser.post(url, { ...body, phone: holder.phone })).statusCode).toBe(409);
    const badNumber = await operator.browser.post(url, { ...body, request: 'ВД-12' });
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json()).toMatchObject({ errors: [{ field: 'request' }] });
    expect(await requestRow(view.number)).toMatchObject({ status: 'opened' });
    expect(await userRow(user.id)).toEqual(user);

    const since = new Date();
    const done = await operator.browser.post(url, body);
    expect(done.statusCode, done.body).toBe(200);
    const { slip, citizen: after } = done.json<{
      slip: { path: string; tempPassword: string; phone: string };
      citizen: {
        recovery: { status: string; completedBy: string };
        activation: { status: string; purpose: string };
        activated: boolean;
      };
    }>();
    expect(after.recovery).toMatchObject({ status: 'completed', completedBy: 'mfc' });
    expect(after.activation).toMatchObject({ status: 'active', purpose: 'recovery' });
    expect(after.activated).toBe(false);
    expect(await requestRow(view.number)).toMatchObject({
      status: 'completed',
      completedBy: 'mfc',
      operatorId: operator.user.id,
    });
    const changed = await userRow(user.id);
    expect(changed).toMatchObject({
      phone: body.phone,
      phoneConfirmedAt: null,
      passwordHash: null,
      emailConfirmedAt: null,
    });
    expect((await owner.get('/api/me')).statusCode).toBe(401);
    const link = await waitForSms(t.ctx, body.phone, { since, purpose: 'mfc.activation' });
    expect(link.text).toContain(slip.path);
    expect(link.text).toMatch(/восстановлен в МФЦ/);
    expect((await smsTo(user.phone!, 'security.recovered')).length).toBe(1);
    const completed = (
      await t.ctx.db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.subjectUserId, user.id),
            eq(auditLog.action, 'identity.recovery_request.completed'),
          ),
        )
    )[0]!;
    expect(completed).toMatchObject({ actorUserId: operator.user.id, actorRole: 'mfc_operator' });
    // Completed once: the same request again is refused, saying so.
    const twice = await operator.browser.post(url, { ...body, phone: freshPhone() });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ detail: string }>().detail).toMatch(/уже выполнен/);
    // The browser that opened it sees it completed at the МФЦ.
    expect((await b.get('/api/auth/recovery/request')).json()).toMatchObject({
      request: { status: 'completed', completedBy: 'mfc' },
    });

    // The citizen opens the link: the temporary password, an own password, the code to the new phone.
    const token = slip.path.split('/').pop()!;
    const c = new TestBrowser(t.app);
    expect((await c.get(`/api/activation/${token}`)).json()).toMatchObject({ purpose: 'recovery' });
    expect((await c.post(`/api/activation/${token}`, { tempPassword: slip.tempPassword })).statusCode).toBe(
      200,
    );
    const codeSince = new Date();
    expect((await c.post('/api/activation/password', { password: NEW_PASSWORD })).statusCode).toBe(200);
    const code = await waitForSms(t.ctx, body.phone, { since: codeSince, purpose: 'code.contact' });
    const activated = await c.post('/api/activation/verify', { code: codeIn(code.text) });
    expect(activated.json()).toEqual({ status: 'signed_in' });
    expect((await c.get('/api/me')).json<{ id: string }>().id).toBe(user.id);
    expect((await signInWithSms(t, new TestBrowser(t.app), body.phone, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('lets support complete at the desk a request the citizen has none of, recording who did it', async () => {
    const support = await staff(['citizen', 'support']);
    // No security question: the citizen could never open a request online.
    const { user, person } = await citizen({ question: false });
    const card = (
      await support.browser.post('/api/operator/lookups', {
        kind: 'passport',
        value: person.passport,
        reason: 'recovery',
      })
    ).json<{ lookupId: string; recovery: unknown }>();
    expect(card.recovery).toBeNull();
    const phone = freshPhone();
    const done = await support.browser.post(`/api/operator/lookups/${card.lookupId}/recovery`, {
      passport: person.passport,
      phone,
      request: null,
    });
    expect(done.statusCode, done.body).toBe(200);
    const [row] = await requestsOf(user.id);
    expect(row).toMatchObject({
      status: 'completed',
      completedBy: 'mfc',
      openedVia: 'mfc',
      operatorId: support.user.id,
    });
    expect((await userRow(user.id)).phone).toBe(phone);
  });

  it('refuses expired, cancelled and completed requests, and another browser’s request', async () => {
    const { user, person } = await citizen();
    await addBankCustomer(t.ctx.db, person);
    const b = new TestBrowser(t.app);
    const view = await opened(b, person);
    // Past its 30 days: refused on every path at once, shown as expired; the job then marks it.
    await t.ctx.db
      .update(recoveryRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(recoveryRequests.number, view.number));
    const bankStart = await b.post('/api/auth/bank/start', { purpose: 'recover' });
    expect(bankStart.statusCode).toBe(409);
    expect(bankStart.json<{ detail: string }>().detail).toMatch(/Срок запроса .* истёк/);
    expect((await b.post('/api/auth/esign/recover/challenge')).statusCode).toBe(409);
    expect((await b.get('/api/auth/recovery/request')).json()).toMatchObject({
      request: { status: 'expired' },
    });
    expect(await expireRequests(t.ctx.db, identityEffects(t.ctx))).toBeGreaterThanOrEqual(1);
    expect(await requestRow(view.number)).toMatchObject({ status: 'expired' });
    expect(await auditOf(user.id)).toContain('identity.recovery_request.expired');

    // A new request; the bank proves the person in this browser, but the request expires before the
    // phone is set: the completion is refused and nothing changes.
    const second = await opened(b, person);
    expect(second.number).not.toBe(view.number);
    expect((await bank.roundTrip(b, 'recover', { customer: person })).result.status).toBe('verified');
    const phone = freshPhone();
    const since = new Date();
    await b.post('/api/auth/recovery/request/phone', { phone });
    const sms = await waitForSms(t.ctx, phone, { since, purpose: 'code.contact' });
    await b.post('/api/auth/recovery/request/phone/verify', { code: codeIn(sms.text) });
    await t.ctx.db
      .update(recoveryRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(recoveryRequests.number, second.number));
    const late = await b.post('/api/auth/recovery/request/complete', { newPassword: NEW_PASSWORD });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ detail: string }>().detail).toMatch(/истёк/);
    expect(await userRow(user.id)).toEqual(user);

    // A third, cancelled by the signed-in owner from the settings: the browser can do nothing with it.
    const third = await opened(b, person);
    const owner = new TestBrowser(t.app);
    await signInWithSms(t, owner, user.phone!);
    const list = (await owner.get('/api/auth/recovery/requests')).json<{
      items: Array<{ number: string; status: string }>;
    }>();
    expect(list.items.map((i) => i.status)).toEqual(['opened', 'expired', 'expired']);
    expect(
      (await owner.post(`/api/auth/recovery/requests/${encodeURIComponent(third.number)}/cancel`)).statusCode,
    ).toBe(200);
    expect(
      (await b.post('/api/auth/bank/start', { purpose: 'recover' })).json<{ detail: string }>().detail,
    ).toMatch(/отменён/);
    // Someone else cannot cancel it (or learn it exists): «not found».
    const stranger = await staff(['citizen']);
    const fourth = await opened(b, person);
    const foreign = await stranger.browser.post(
      `/api/auth/recovery/requests/${encodeURIComponent(fourth.number)}/cancel`,
    );
    expect(foreign.statusCode).toBe(404);
    expect(await requestRow(fourth.number)).toMatchObject({ status: 'opened' });

    // Another browser has no request of its own: it cannot start any completion or set anything.
    const thief = new TestBrowser(t.app);
    for (const [url, payload] of [
      ['/api/auth/bank/start', { purpose: 'recover' }],
      ['/api/auth/esign/recover/challenge', {}],
      ['/api/auth/recovery/request/phone', { phone: freshPhone() }],
      ['/api/auth/recovery/request/phone/verify', { code: '123456' }],
      ['/api/auth/recovery/request/complete', { newPassword: NEW_PASSWORD }],
      ['/api/auth/recovery/request/cancel', {}],
    ] as const) {
      const res = await thief.post(url, payload);
      expect(res.statusCode, url).toBe(409);
      expect(res.json<{ detail: string }>().detail, url).toMatch(/запрос/);
    }
    expect(await requestRow(fourth.number)).toMatchObject({ status: 'opened' });
  });

  it('refuses malformed, oversized and out-of-order input with Russian messages', async () => {
    const b = new TestBrowser(t.app);
    const badPassport = await b.post('/api/auth/recovery/request/question', {
      passport: 'AB123',
      birthDate: '1990-01-01',
    });
    expect(badPassport.statusCode).toBe(400);
    expect(badPassport.json()).toMatchObject({ errors: [{ field: 'passport' }] });
    expect(badPassport.json<{ errors: Array<{ message: string }> }>().errors[0]!.message).toMatch(/паспорт/i);
    const future = await b.post('/api/auth/recovery/request/question', {
      passport: '4510123456',
      birthDate: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({
      errors: [{ field: 'birthDate', message: 'Проверьте дату рождения' }],
    });
    const notDate = await b.post('/api/auth/recovery/request/question', {
      passport: '4510123456',
      birthDate: '31.02.1990',
    });
    expect(notDate.json()).toMatchObject({ errors: [{ field: 'birthDate' }] });
    expect((await b.post('/api/auth/recovery/request/question', {})).statusCode).toBe(400);
    // An answer before any question; an empty and an oversized answer.
    const early = await b.post('/api/auth/recovery/request/answer', { answer: 'что-то' });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ detail: string }>().detail).toMatch(/нет открытого запроса/);
    await b.post('/api/auth/recovery/request/question', { passport: '4510123456', birthDate: '1990-01-01' });
    const empty = await b.post('/api/auth/recovery/request/answer', { answer: '   ' });
    expect(empty.json()).toMatchObject({
      status: 400,
      errors: [{ field: 'answer', message: 'Введите ответ' }],
    });
    const huge = await b.post('/api/auth/recovery/request/answer', { answer: 'я'.repeat(5000) });
    expect(huge.statusCode).toBe(400);
    expect(huge.headers['content-type']).toMatch(/application\/problem\+json/);
    // Every answer above is a problem in Russian.
    for (const res of [badPassport, future, early, empty, huge])
      expect(res.json<{ detail: string }>().detail).toMatch(/[а-яё]/i);
  });
});
