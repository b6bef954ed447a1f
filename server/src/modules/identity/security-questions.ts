import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { securityQuestions } from './schema';
import { lockedUntil, readThrottle, recordPasswordFailure, recordPasswordSuccess } from './throttle';
import { formatTimeMoscow } from './words';

// The security question (контрольный вопрос). PRODUCT.md §1: together with passport data it only
// opens a contacts-lost recovery request that the bank, an e-signature or an МФЦ check completes —
// knowledge alone never recovers an account. So the answer is a weak secret: stored like a
// password (argon2id over the peppered text) and throttled like one.

/**
 * Questions whose answers are stable, not on social networks and not guessable from the passport
 * data the request already holds (no «город рождения», no «девичья фамилия матери»).
 */
export const SECURITY_QUESTIONS = [
  { key: 'first_teacher', text: 'Как звали вашего первого учителя?' },
  { key: 'childhood_friend', text: 'Как звали вашего лучшего друга детства?' },
  { key: 'first_pet', text: 'Как звали вашего первого домашнего питомца?' },
  { key: 'first_concert', text: 'На чьём концерте вы были впервые?' },
  { key: 'childhood_street', text: 'На какой улице вы жили в детстве?' },
  { key: 'first_book', text: 'Какую книгу вы первой прочитали сами?' },
  { key: 'dream_job', text: 'Кем вы мечтали стать в детстве?' },
] as const;

export const OWN_QUESTION = 'own';
export const questionKeys: [string, ...string[]] = [
  OWN_QUESTION,
  ...SECURITY_QUESTIONS.map((q) => q.key as string),
];

export const OWN_QUESTION_MIN = 10;
export const OWN_QUESTION_MAX = 200;
export const ANSWER_MIN = 3;
export const ANSWER_MAX = 100;

/** «  Ёлкина   Мария » → «елкина мария»: the answer counts however it is typed. */
export function normaliseAnswer(answer: string): string {
  return answer.normalize('NFC').trim().toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

/** The throttle key: wrong answers lock like wrong passwords (3 in a row → 15 min, doubling). */
export const answerKey = (userId: string) => `security-answer:${userId}`;

export type SecurityQuestion = typeof securityQuestions.$inferSelect;

export async function loadSecurityQuestion(tx: Tx, userId: string): Promise<SecurityQuestion | null> {
  const [row] = await tx
    .select()
    .from(securityQuestions)
    .where(eq(securityQuestions.userId, userId))
    .limit(1);
  return row ?? null;
}

/** The question's text for a key of the list, or the person's own text. */
export function questionText(key: string, own: string | null | undefined): string {
  if (key === OWN_QUESTION) return (own ?? '').trim().replace(/\s+/g, ' ');
  return SECURITY_QUESTIONS.find((q) => q.key === key)!.text;
}

/** Hashes the normalised answer (slow: do it before opening the transaction). */
export const hashAnswer = (answer: string, pepper: string) => hashPassword(normaliseAnswer(answer), pepper);

/** Saves (or replaces) the account's question. Returns whether one was there before. */
export async function saveSecurityQuestion(
  tx: Tx,
  input: { userId: string; questionKey: string; questionText: string; answerHash: string },
  now = new Date(),
): Promise<{ replaced: boolean }> {
  const before = await loadSecurityQuestion(tx, input.userId);
  await tx
    .insert(securityQuestions)
    .values({ ...input, updatedAt: now })
    .onConflictDoUpdate({
      target: securityQuestions.userId,
      set: {
        questionKey: input.questionKey,
        questionText: input.questionText,
        answerHash: input.answerHash,
        updatedAt: now,
      },
    });
  // A new answer starts with a clean run of failures.
  await recordPasswordSuccess(tx, answerKey(input.userId));
  return { replaced: !!before };
}

export type AnswerCheck =
  { ok: true } | { ok: false; problem: HttpProblem; justLocked: boolean; lockedUntil: Date | null };

export const lockedAnswerProblem = (until: Date) =>
  new HttpProblem(
    423,
    `Слишком много неверных ответов на контрольный вопрос. Попробуйте после ${formatTimeMoscow(until)}.`,
    undefined,
    'about:blank',
    { 'retry-after': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) },
  );

/** Until when answering under this throttle key is locked, if it is: refused before any hashing. */
export async function answerLock(tx: Tx, key: string, now = new Date()): Promise<Date | null> {
  return lockedUntil(await readThrottle(tx, key, false), now);
}

/**
 * Argon2id of the normalised answer against the stored hash — or against a throwaway one when there
 * is no real question, so that a question with no account behind it takes as long. Slow: run it
 * outside any transaction.
 */
export async function answerMatches(answerHash: string | null, answer: string, pepper: string) {
  const normalised = normaliseAnswer(answer);
  const stored = answerHash ?? (await dummyHash(pepper));
  const matches = normalised.length <= ANSWER_MAX * 2 && (await verifyPassword(stored, normalised, pepper));
  return matches && answerHash !== null;
}

/**
 * Records the outcome of an answer under the throttle row's lock: a lock set meanwhile still
 * refuses (even a right answer), a wrong answer counts like a wrong password — the 3rd in a row
 * locks answering for 15 minutes, each further lock doubles up to 4 hours. The caller commits even
 * when the answer was wrong, so that the failure is remembered.
 */
export async function settleAnswer(
  tx: Tx,
  key: string,
  matches: boolean,
  now = new Date(),
): Promise<AnswerCheck> {
  const throttle = await readThrottle(tx, key, true);
  const locked = lockedUntil(throttle, now);
  if (locked)
    return { ok: false, problem: lockedAnswerProblem(locked), justLocked: false, lockedUntil: locked };
  if (matches) {
    if (throttle && throttle.failures > 0) await recordPasswordSuccess(tx, key);
    return { ok: true };
  }
  const state = await recordPasswordFailure(tx, key, now);
  if (state.lockedUntil) {
    return {
      ok: false,
      problem: lockedAnswerProblem(state.lockedUntil),
      justLocked: true,
      lockedUntil: state.lockedUntil,
    };
  }
  return {
    ok: false,
    problem: new HttpProblem(400, `Неверный ответ. Осталось попыток: ${state.failuresLeft}.`, [
      { field: 'answer', message: 'Неверный ответ' },
    ]),
    justLocked: false,
    lockedUntil: null,
  };
}

/**
 * Checks an answer to the account's security question within one transaction (the recovery
 * request checks it in two steps, hashing outside: answerLock → answerMatches → settleAnswer).
 * The caller must commit even when the check fails, and should tell the owner when `justLocked`.
 */
export async function checkSecurityAnswer(
  tx: Tx,
  userId: string,
  answer: string,
  pepper: string,
  now = new Date(),
): Promise<AnswerCheck> {
  const key = answerKey(userId);
  const locked = await answerLock(tx, key, now);
  if (locked)
    return { ok: false, problem: lockedAnswerProblem(locked), justLocked: false, lockedUntil: locked };
  const row = await loadSecurityQuestion(tx, userId);
  if (!row) {
    return {
      ok: false,
      problem: new HttpProblem(409, 'Контрольный вопрос не задан. Подтвердите личность другим способом.'),
      justLocked: false,
      lockedUntil: null,
    };
  }
  return settleAnswer(tx, key, await answerMatches(row.answerHash, answer, pepper), now);
}

/**
 * The question shown for passport data that name no account with a question: one of the fixed
 * list, chosen by an HMAC of the normalised data with the pepper — the same every time for the same
 * data, so asking again reveals nothing — with its own throttle key, so that it locks alike.
 */
export function decoyQuestion(input: string, pepper: string): { text: string; key: string } {
  const mac = createHmac('sha256', pepper).update(`recovery-decoy:${input}`).digest();
  return {
    text: SECURITY_QUESTIONS[mac.readUInt32BE(0) % SECURITY_QUESTIONS.length]!.text,
    key: `security-answer-decoy:${mac.toString('hex')}`,
  };
}
