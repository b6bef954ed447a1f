import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { waitForSms } from '../../platform/messaging';
import { auditLog } from '../../platform/audit';
import { sessions } from '../../platform/sessions/schema';
import { createAccount, signInWithSms } from './testing';
import { securityQuestions, users } from './schema';
import { checkSecurityAnswer, normaliseAnswer } from './security-questions';

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

const put = (browser: TestBrowser, body: unknown) =>
  browser.request('PUT', '/api/auth/security-question', body);

const stored = async (userId: string) =>
  (await t.ctx.db.select().from(securityQuestions).where(eq(securityQuestions.userId, userId)))[0] ?? null;

const check = (userId: string, answer: string, now?: Date) =>
  t.ctx.db.transaction((tx) => checkSecurityAnswer(tx, userId, answer, t.config.secrets.pepper, now));

describe(`security questions on ${testDriver}`, () => {
  it('normalises answers: trimmed, lower-case, ё → е, spaces collapsed', () => {
    expect(normaliseAnswer('  Ёлкин   ПАЛКИН\t ')).toBe('елкин палкин');
    expect(normaliseAnswer('Мария-Луиза')).toBe('мария-луиза');
  });

  it('sets a question from the list: stored as a hash, shown without the answer, notified and audited', async () => {
    const { user, browser } = await signedIn();
    const empty = (await browser.get('/api/auth/security-question')).json();
    expect(empty.question).toBeNull();
    expect(empty.options.length).toBeGreaterThan(3);
    expect(empty.options[0].text).toMatch(/\?$/);

    const since = new Date();
    const res = await put(browser, { questionKey: 'first_teacher', answer: '  Ёлкина  Мария ' });
    expect(res.statusCode, res.body).toBe(200);
    const view = (await browser.get('/api/auth/security-question')).json();
    expect(view.question).toMatchObject({
      key: 'first_teacher',
      text: 'Как звали вашего первого учителя?',
      own: false,
    });
    expect(JSON.stringify(view)).not.toMatch(/елкина|Ёлкина/i);
    const row = await stored(user.id);
    expect(row!.answerHash).toMatch(/^\$argon2id\$/);
    expect(row!.answerHash).not.toContain('елкина');

    const notice = await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.question_changed' });
    expect(notice.text).toMatch(/задан контрольный вопрос/);
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, 'identity.security_question.set')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toMatch(/елкина/i);

    // The answer counts however it is typed; a wrong one does not.
    expect(await check(user.id, 'ЕЛКИНА мария')).toEqual({ ok: true });
    const wrong = await check(user.id, 'Петрова Мария');
    expect(wrong.ok).toBe(false);

    // Changing it: an own question, and «changed» in the audit.
    const changed = await put(browser, {
      questionKey: 'own',
      ownQuestion: '  Как звали  кота бабушки? ',
      answer: 'Барсик',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await browser.get('/api/auth/security-question')).json().question).toMatchObject({
      key: 'own',
      text: 'Как звали кота бабушки?',
      own: true,
    });
    expect(await check(user.id, 'барсик')).toEqual({ ok: true });
    expect((await check(user.id, 'Ёлкина Мария')).ok).toBe(false);
    const changes = await t.ctx.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, 'identity.security_question.changed')),
      );
    expect(changes).toHaveLength(1);
  });

  it('refuses bad input in Russian and changes nothing', async () => {
    const { user, browser } = await signedIn();
    const cases: Array<[unknown, string]> = [
      [{ questionKey: 'mothers_maiden_name', answer: 'Иванова' }, 'questionKey'],
      [{ questionKey: 'first_pet', answer: ' a ' }, 'answer'],
      [{ questionKey: 'first_pet', answer: 'я'.repeat(101) }, 'answer'],
      [{ questionKey: 'first_pet', answer: 'x'.repeat(5000) }, 'answer'],
      [{ questionKey: 'first_pet' }, 'answer'],
      [{ questionKey: 'own', answer: 'Барсик' }, 'ownQuestion'],
      [{ questionKey: 'own', ownQuestion: 'Кот?', answer: 'Барсик' }, 'ownQuestion'],
      [{ questionKey: 'own', ownQuestion: 'ф'.repeat(201), answer: 'Барсик' }, 'ownQuestion'],
      [{ questionKey: 'own', ownQuestion: '1234567890?', answer: 'Барсик' }, 'ownQuestion'],
      [{ questionKey: 'own', ownQuestion: '<script>alert(1)</script>?', answer: 'Барсик' }, 'ownQuestion'],
      [{ questionKey: 'own', ownQuestion: 'Мой кот\nБарсик?', answer: 'Мурзик' }, 'ownQuestion'],
      [{ questionKey: 'own', ownQuestion: 'Кличка кота — Барсик?', answer: 'барсик' }, 'answer'],
    ];
    for (const [body, field] of cases) {
      const res = await put(browser, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const problem = res.json();
      expect(problem.detail).toMatch(/[а-я]/i);
      const fields = (problem.errors ?? []).map((e: { field: string }) => e.field);
      expect(fields, JSON.stringify(problem)).toContain(field);
      for (const e of problem.errors) expect(e.message).toMatch(/[А-Яа-я]/);
    }
    const notJson = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/security-question',
      headers: { cookie: browser.cookie, 'content-type': 'application/json' },
      payload: '{"questionKey":',
    });
    expect(notJson.statusCode).toBeGreaterThanOrEqual(400);
    expect(notJson.statusCode).toBeLessThan(500);
    expect(await stored(user.id)).toBeNull();
  });

  it('denies guests, asks for step-up after 15 minutes and refuses while frozen after a reset', async () => {
    const guest = new TestBrowser(t.app);
    expect((await guest.get('/api/auth/security-question')).statusCode).toBe(401);
    expect((await put(guest, { questionKey: 'first_pet', answer: 'Шарик' })).statusCode).toBe(401);

    const { user, browser } = await signedIn();
    // Without the CSRF token a cross-site form cannot set it.
    const forged = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/security-question',
      headers: { cookie: browser.cookie },
      payload: { questionKey: 'first_pet', answer: 'Шарик' },
    });
    expect(forged.statusCode).toBe(403);

    await t.ctx.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.userId, user.id));
    const stale = await put(browser, { questionKey: 'first_pet', answer: 'Шарик' });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().type).toBe('urn:kabinet:problem:step-up-required');
    expect(await stored(user.id)).toBeNull();

    await t.ctx.db.update(sessions).set({ authenticatedAt: new Date() }).where(eq(sessions.userId, user.id));
    await t.ctx.db
      .update(users)
      .set({ frozenUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.id, user.id));
    const frozen = await put(browser, { questionKey: 'first_pet', answer: 'Шарик' });
    expect(frozen.statusCode).toBe(423);
    expect(frozen.json().detail).toMatch(/нельзя менять до/);
    expect(await stored(user.id)).toBeNull();
  });

  it('shows each citizen only their own question', async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect((await put(a.browser, { questionKey: 'dream_job', answer: 'Космонавтом' })).statusCode).toBe(200);
    expect((await b.browser.get('/api/auth/security-question')).json().question).toBeNull();
    expect((await put(b.browser, { questionKey: 'first_book', answer: 'Колобок' })).statusCode).toBe(200);
    expect((await a.browser.get('/api/auth/security-question')).json().question.key).toBe('dream_job');
    expect(await check(a.user.id, 'колобок')).toMatchObject({ ok: false });
    expect(await check(b.user.id, 'колобок')).toEqual({ ok: true });
  });

  it('throttles wrong answers like wrong passwords: three in a row lock answering', async () => {
    const { user, browser } = await signedIn();
    expect(await check(user.id, 'что угодно')).toMatchObject({ ok: false, lockedUntil: null });
    expect((await put(browser, { questionKey: 'first_concert', answer: 'Ария' })).statusCode).toBe(200);

    const first = await check(user.id, 'Кино');
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.problem.status).toBe(400);
    expect(first.problem.detail).toMatch(/Осталось попыток: 2/);
    expect((await check(user.id, 'ДДТ')).ok).toBe(false);
    const third = await check(user.id, 'Алиса');
    expect(third).toMatchObject({ ok: false, justLocked: true });
    if (third.ok) return;
    expect(third.problem.status).toBe(423);
    // Locked: even the right answer is refused until the lock ends.
    const right = await check(user.id, 'ария');
    expect(right).toMatchObject({ ok: false, justLocked: false });
    if (right.ok) return;
    expect(right.problem.status).toBe(423);
    expect(await check(user.id, 'ария', new Date(Date.now() + 16 * 60_000))).toEqual({ ok: true });
  });
});
