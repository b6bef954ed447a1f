// The contacts-lost recovery request (PRODUCT.md §1 «Recovery»). A citizen who can no longer read
// the phone or the e-mail of the account gives the passport series and number with the birth date
// and answers the security question. That knowledge only OPENS a request («ВД-1234-5678»): the
// bank's verified data, a qualified e-signature or an МФЦ operator's passport check completes it,
// and only then are a new phone and password set — knowledge alone never recovers an account.
// Passport data that name no account (or an account without a question) get a decoy question and
// are answered exactly alike, so the form never tells whether an account exists.
//
// The browser that opened a request holds it in a flow cookie (flows.ts, kind 'recovery_request'),
// so that the bank's redirect back or the signed challenge continue that very request. The routes
// are in recovery-request-routes.ts; the bank and the e-signature add their proofs in bank-routes.ts
// and esign-routes.ts, the МФЦ in mfc.ts.
import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { defineJob } from '../../platform/jobs';
import type { IdentityEffects } from './effects';
import type { StoredChallenge } from './esign';
import { revokeAllFactors } from './factors';
import { currentFlow, updateFlow, type AuthFlow } from './flows';
import { recordAttempt } from './history';
import { confirmedContacts, type Client, type User } from './login';
import { maskDestination } from './login-id';
import { RECOVERY_PROOF_TTL_MS, RECOVERY_REQUEST_TTL_MS } from './policy';
import { applyReset } from './reset';
import {
  accountActivations,
  authFlows,
  identityVerifications,
  recoveryRequests,
  securityQuestions,
  users,
  type RecoveryMethod,
  type RecoveryRequestStatus,
} from './schema';

export type RecoveryRequest = typeof recoveryRequests.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Numbers

/** «ВД-1234-5678»: eight random digits, easy to read out at the desk. Not a secret. */
export function newRequestNumber(): string {
  const d = String(randomInt(0, 100_000_000)).padStart(8, '0');
  return `ВД-${d.slice(0, 4)}-${d.slice(4)}`;
}

/** A request number however it is typed («вд 1234 5678», «12345678») → «ВД-1234-5678». */
export const requestNumberSchema = z
  .string({ error: 'Введите номер запроса, например ВД-1234-5678' })
  .trim()
  .max(32, 'Номер запроса — например ВД-1234-5678')
  .superRefine((v, c) => {
    if (!/^(?:[вВ][дД])?[\s-]*\d{4}[\s-]*\d{4}$/.test(v))
      c.addIssue({ code: 'custom', message: 'Номер запроса — «ВД», дефис и 8 цифр, например ВД-1234-5678' });
  })
  .transform((v) => {
    const d = v.replace(/\D/g, '');
    return `ВД-${d.slice(0, 4)}-${d.slice(4, 8)}`;
  });

// ---------------------------------------------------------------------------------------------
// Status

const methodWords: Record<RecoveryMethod, string> = {
  bank: 'через банк',
  esign: 'электронной подписью',
  mfc: 'в МФЦ по паспорту',
};

/** The status a request has now: an open one past its 30 days is expired, before the job marks it so. */
export const statusNow = (r: RecoveryRequest, now = new Date()): RecoveryRequestStatus =>
  r.status === 'opened' && r.expiresAt <= now ? 'expired' : r.status;

/** Why a request can no longer be completed, in Russian; null while it is open. */
export function notOpenProblem(r: RecoveryRequest, now = new Date()): HttpProblem | null {
  switch (statusNow(r, now)) {
    case 'opened':
      return null;
    case 'completed':
      return new HttpProblem(
        409,
        `Запрос № ${r.number} уже выполнен: доступ восстановлен ${methodWords[r.completedBy ?? 'mfc']}. Повторно выполнить его нельзя. Войдите с новыми данными; если потеряли их снова — откройте новый запрос.`,
      );
    case 'cancelled':
      return new HttpProblem(
        409,
        `Запрос № ${r.number} отменён. Если доступ всё ещё нужен — откройте новый запрос.`,
      );
    case 'expired':
      return new HttpProblem(
        409,
        `Срок запроса № ${r.number} истёк: запрос действует 30 дней. Откройте новый запрос.`,
      );
  }
}

export const requireOpen = (r: RecoveryRequest, now = new Date()) => {
  const problem = notOpenProblem(r, now);
  if (problem) throw problem;
};

/** What the citizen, the owner and the operator see of a request. */
export const requestSummary = (r: RecoveryRequest, now = new Date()) => ({
  number: r.number,
  status: statusNow(r, now),
  openedVia: r.openedVia,
  openedAt: r.openedAt.toISOString(),
  expiresAt: r.expiresAt.toISOString(),
  completedAt: r.completedAt?.toISOString() ?? null,
  completedBy: r.completedBy ?? null,
});

// ---------------------------------------------------------------------------------------------
// Reads

/**
 * The account whose registry-confirmed passport (its latest confirmed data) and birth date these
 * are, with its security question — one round trip, whether or not there is one.
 */
export async function accountByPassport(tx: Tx, passport: string, birthDate: string) {
  const v = identityVerifications;
  const [row] = await tx
    .select({ userId: v.userId, questionText: securityQuestions.questionText })
    .from(v)
    .innerJoin(users, eq(users.id, v.userId))
    .leftJoin(securityQuestions, eq(securityQuestions.userId, v.userId))
    .where(
      and(
        eq(v.passport, passport),
        eq(v.status, 'confirmed'),
        eq(v.birthDate, birthDate),
        sql`NOT EXISTS (SELECT 1 FROM identity_verifications later WHERE later.user_id = ${v.userId} AND later.status = 'confirmed' AND later.completed_at > ${v.completedAt})`,
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function requestById(tx: Tx, id: string, lock = false) {
  const q = tx.select().from(recoveryRequests).where(eq(recoveryRequests.id, id)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function requestByNumber(tx: Tx, number: string, lock = false) {
  const q = tx.select().from(recoveryRequests).where(eq(recoveryRequests.number, number)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The account's open request (status 'opened', possibly past its date), locked when asked. */
export async function openRequestOf(tx: Tx, userId: string, lock = false) {
  const q = tx
    .select()
    .from(recoveryRequests)
    .where(and(eq(recoveryRequests.userId, userId), eq(recoveryRequests.status, 'opened')))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The account's latest request (for the operator's card). */
export async function latestRequest(tx: Tx, userId: string) {
  const [row] = await tx
    .select()
    .from(recoveryRequests)
    .where(eq(recoveryRequests.userId, userId))
    .orderBy(desc(recoveryRequests.openedAt))
    .limit(1);
  return row ?? null;
}

/** The owner's own requests, newest first. */
export function requestsOf(tx: Tx, userId: string, limit = 20) {
  return tx
    .select()
    .from(recoveryRequests)
    .where(eq(recoveryRequests.userId, userId))
    .orderBy(desc(recoveryRequests.openedAt))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Opening, cancelling, expiring

async function markExpired(tx: Tx, effects: IdentityEffects, r: RecoveryRequest, now: Date) {
  await tx
    .update(recoveryRequests)
    .set({ status: 'expired', closedAt: now })
    .where(and(eq(recoveryRequests.id, r.id), eq(recoveryRequests.status, 'opened')));
  await effects.audit(tx, {
    action: 'identity.recovery_request.expired',
    actorRole: 'system',
    subjectUserId: r.userId,
    objectType: 'recovery_request',
    objectId: r.id,
    details: { number: r.number },
  });
}

/**
 * Opens a request for the account (or returns the one already open, now bound to one more
 * browser): written to the audit log and told to the owner's contacts — they may still read them.
 */
export async function openRequest(
  tx: Tx,
  effects: IdentityEffects,
  input: { user: User; via: 'online' | 'mfc'; client: Client; operator?: { id: string; role: string } },
  now = new Date(),
): Promise<{ request: RecoveryRequest; created: boolean }> {
  const { user, client } = input;
  let current: RecoveryRequest | null = await openRequestOf(tx, user.id, true);
  if (current && current.expiresAt <= now) {
    await markExpired(tx, effects, current, now);
    current = null;
  }
  let request: RecoveryRequest | null | undefined = current;
  for (let i = 0; !request && i < 5; i++) {
    // Two opened at once, or a number taken: nothing inserted; the open one is read again.
    [request] = await tx
      .insert(recoveryRequests)
      .values({
        number: newRequestNumber(),
        userId: user.id,
        status: 'opened',
        openedVia: input.via,
        openedAt: now,
        expiresAt: new Date(now.getTime() + RECOVERY_REQUEST_TTL_MS),
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 512),
      })
      .onConflictDoNothing()
      .returning();
    request ??= await openRequestOf(tx, user.id, true);
  }
  if (!request) throw new HttpProblem(503, 'Не удалось открыть запрос. Попробуйте ещё раз.');
  const created = request.id !== current?.id;
  await effects.audit(tx, {
    action: created ? 'identity.recovery_request.opened' : 'identity.recovery_request.resumed',
    actorUserId: input.operator?.id ?? null,
    actorRole: input.operator?.role ?? null,
    subjectUserId: user.id,
    objectType: 'recovery_request',
    objectId: request.id,
    ...client,
    details: { number: request.number, via: input.via },
  });
  if (input.via === 'online')
    await effects.notifyOwner(tx, confirmedContacts(user), {
      kind: 'security.recovery_request',
      subject: 'Открыт запрос на восстановление доступа',
      text: `По вашим паспортным данным и ответу на контрольный вопрос открыт запрос на восстановление доступа № ${request.number}. Доступ восстановится, только если личность подтвердят банк, электронная подпись или сотрудник МФЦ по паспорту. Если это были не вы — войдите в Кабинет, отмените запрос и смените контрольный вопрос (Настройки → Вход и безопасность → Контрольный вопрос).`,
    });
  return { request, created };
}

/** Cancels an open request (by the browser that opened it, or by the signed-in owner). */
export async function cancelRequest(
  tx: Tx,
  effects: IdentityEffects,
  request: RecoveryRequest,
  input: { actorUserId: string | null; client: Client },
  now = new Date(),
) {
  requireOpen(request, now);
  await tx
    .update(recoveryRequests)
    .set({ status: 'cancelled', closedAt: now })
    .where(eq(recoveryRequests.id, request.id));
  await effects.audit(tx, {
    action: 'identity.recovery_request.cancelled',
    actorUserId: input.actorUserId,
    actorRole: 'citizen',
    subjectUserId: request.userId,
    objectType: 'recovery_request',
    objectId: request.id,
    ...input.client,
    details: { number: request.number },
  });
  const [user] = await tx.select().from(users).where(eq(users.id, request.userId)).limit(1);
  if (user)
    await effects.notifyOwner(tx, confirmedContacts(user), {
      kind: 'security.recovery_request',
      subject: 'Запрос на восстановление доступа отменён',
      text: `Запрос на восстановление доступа № ${request.number} отменён. Восстановить доступ по нему больше нельзя.`,
    });
}

/** The scheduled job: open requests past their 30 days become 'expired'. Returns how many. */
export async function expireRequests(db: Db, effects: IdentityEffects, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(recoveryRequests)
      .where(and(eq(recoveryRequests.status, 'opened'), lte(recoveryRequests.expiresAt, now)))
      .limit(500)
      .for('update', { skipLocked: true });
    for (const r of due) await markExpired(tx, effects, r, now);
    return due.length;
  });
}

export const recoveryRequestJobs = (ctx: AppContext, effects: IdentityEffects) => [
  defineJob({
    name: 'identity.recovery_requests.expire',
    schedule: '17 * * * *',
    handler: async () => {
      const expired = await expireRequests(ctx.db, effects);
      if (expired) ctx.log.info({ expired }, 'recovery requests past 30 days expired');
    },
  }),
];

// ---------------------------------------------------------------------------------------------
// The request bound to this browser

export interface RequestFlowData {
  stage: 'question' | 'request';
  /** question stage: the question shown (real or decoy) and the throttle key of its answers. */
  question?: string;
  key?: string;
  /** request stage */
  requestId?: string;
  /** The bank or an e-signature proved who the person is, until then. */
  proof?: { method: 'bank' | 'esign'; until: string };
  /** The new phone the code went to, and whether the code was entered. */
  newPhone?: string;
  newPhoneConfirmed?: boolean;
  /** An e-signature challenge waiting for its signature (esign-routes.ts). */
  esign?: StoredChallenge;
}

export const NO_REQUEST =
  'В этом браузере нет открытого запроса на восстановление. Сначала укажите паспорт и дату рождения и ответьте на контрольный вопрос.';

export interface BrowserRequest {
  flow: AuthFlow;
  data: RequestFlowData;
  request: RecoveryRequest;
}

function ofFlow(flow: AuthFlow | undefined, request: RecoveryRequest | null): BrowserRequest | null {
  if (!flow) return null;
  const data = flow.data as unknown as RequestFlowData;
  if (data.stage !== 'request' || !request || request.userId !== flow.userId) return null;
  return { flow, data, request };
}

/** This browser's request (flow and request locked), or a 409 saying to open one first. */
export async function browserRequest(
  tx: Tx,
  request: FastifyRequest,
  secure: boolean,
): Promise<BrowserRequest> {
  let flow: AuthFlow;
  try {
    flow = await currentFlow(tx, request, secure, 'recovery_request');
  } catch (err) {
    // No flow at all reads exactly like a question not (yet) answered — or a decoy's.
    if (err instanceof HttpProblem && err.status === 409) throw new HttpProblem(409, NO_REQUEST);
    throw err;
  }
  const data = flow.data as unknown as RequestFlowData;
  const found = ofFlow(flow, data.requestId ? await requestById(tx, data.requestId, true) : null);
  if (!found) throw new HttpProblem(409, NO_REQUEST);
  return found;
}

/**
 * The browser's request as a bank round trip kept it: the bank's redirect back is a cross-site
 * navigation, which carries no SameSite=Strict flow cookie, so the bank flow remembers the ids.
 */
export async function requestFlowById(tx: Tx, flowId: string, requestId: string, now = new Date()) {
  const [flow] = await tx
    .select()
    .from(authFlows)
    .where(
      and(
        eq(authFlows.id, flowId),
        eq(authFlows.kind, 'recovery_request'),
        isNull(authFlows.completedAt),
        gt(authFlows.expiresAt, now),
      ),
    )
    .limit(1)
    .for('update');
  const found = ofFlow(flow, await requestById(tx, requestId, true));
  return found && found.data.requestId === requestId ? found : null;
}

/** The proof of the bank or an e-signature, while it lasts. */
export function requireProof(data: RequestFlowData, now = new Date()) {
  if (!data.proof)
    throw new HttpProblem(409, 'Сначала подтвердите личность: через банк или электронной подписью.');
  if (Date.parse(data.proof.until) <= now.getTime())
    throw new HttpProblem(
      409,
      'Подтверждение личности устарело: новый телефон и пароль нужно задать в течение 15 минут. Подтвердите личность ещё раз.',
    );
  return data.proof;
}

/** The bank or an e-signature proved who the person is: this browser may now set a phone and a password. */
export async function markProven(
  tx: Tx,
  effects: IdentityEffects,
  found: BrowserRequest,
  method: 'bank' | 'esign',
  client: Client,
  details: Record<string, unknown>,
  now = new Date(),
) {
  const until = new Date(now.getTime() + RECOVERY_PROOF_TTL_MS);
  const { esign: _spent, ...rest } = found.data;
  await updateFlow(tx, found.flow.id, {
    data: { ...rest, proof: { method, until: until.toISOString() } } as unknown as Record<string, unknown>,
  });
  await effects.audit(tx, {
    action: 'identity.recovery_request.verified',
    subjectUserId: found.request.userId,
    objectType: 'recovery_request',
    objectId: found.request.id,
    ...client,
    details: { number: found.request.number, method, ...details },
  });
  return until;
}

/** A proof that named someone else: recorded, nothing else changes. */
export async function recordRefusal(
  tx: Tx,
  effects: IdentityEffects,
  request: RecoveryRequest,
  method: 'bank' | 'esign',
  client: Client,
  details: Record<string, unknown>,
) {
  await effects.audit(tx, {
    action: 'identity.recovery_request.refused',
    subjectUserId: request.userId,
    objectType: 'recovery_request',
    objectId: request.id,
    ...client,
    details: { number: request.number, method, ...details },
  });
}

/** The new phone must not be another account's. */
export async function phoneTaken(tx: Tx, phone: string, userId: string): Promise<boolean> {
  const [other] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phone, phone), sql`${users.id} <> ${userId}`))
    .limit(1);
  return !!other;
}

export const PHONE_TAKEN =
  'Этот номер уже указан в другой учётной записи. Укажите другой номер — тот, который будет только вашим.';

// ---------------------------------------------------------------------------------------------
// Completion

/**
 * Completes a request, in the caller's transaction: the new phone (confirmed by its code — or, at
 * the МФЦ, confirmed later by the activation code) and the new password (at the МФЦ none: the
 * citizen chooses one at activation) replace the lost ones. Like every reset (reset.ts) all sessions
 * end, the lock is lifted and contacts and second factors freeze for 24 hours; besides, whatever
 * may have been on the lost phone stops working — authenticator apps, backup codes, passkeys, an
 * unused activation link — and the old e-mail loses its confirmation: this path is for people who
 * cannot read it, so it no longer receives notices or codes until confirmed again. The old contacts
 * are told first (they may still reach the owner), the new phone too.
 */
export async function completeRecovery(
  tx: Tx,
  effects: IdentityEffects,
  input: {
    request: RecoveryRequest;
    user: User;
    method: RecoveryMethod;
    phone: string;
    phoneConfirmed: boolean;
    passwordHash: string | null;
    client: Client;
    operator?: { id: string; role: string };
  },
  now = new Date(),
) {
  const { request, user } = input;
  requireOpen(request, now);
  const told = confirmedContacts(user);
  const { endedSessions } = await applyReset(
    tx,
    user.id,
    {
      phone: input.phone,
      phoneConfirmedAt: input.phoneConfirmed ? now : null,
      emailConfirmedAt: null,
      passwordHash: input.passwordHash,
      passwordChangedAt: input.passwordHash ? now : user.passwordChangedAt,
    },
    'recovery_request',
    now,
  );
  const revoked = await revokeAllFactors(tx, user.id);
  const activations = await tx
    .update(accountActivations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(accountActivations.userId, user.id),
        isNull(accountActivations.usedAt),
        isNull(accountActivations.revokedAt),
      ),
    )
    .returning({ id: accountActivations.id });
  await tx
    .update(recoveryRequests)
    .set({
      status: 'completed',
      completedAt: now,
      completedBy: input.method,
      operatorId: input.operator?.id ?? null,
    })
    .where(eq(recoveryRequests.id, request.id));
  if (!input.operator)
    await recordAttempt(tx, {
      userId: user.id,
      ...input.client,
      method: 'recovery_request',
      result: 'recovered',
    });
  await effects.audit(tx, {
    action: 'identity.recovery_request.completed',
    actorUserId: input.operator?.id ?? user.id,
    actorRole: input.operator?.role ?? 'citizen',
    subjectUserId: user.id,
    objectType: 'recovery_request',
    objectId: request.id,
    ...input.client,
    details: {
      number: request.number,
      method: input.method,
      endedSessions,
      revoked: { ...revoked, activations: activations.length },
      phoneChanged: user.phone !== input.phone,
      emailUnconfirmed: !!told.email,
    },
  });
  const masked = maskDestination('sms', input.phone);
  const how =
    input.method === 'mfc'
      ? `личность проверил сотрудник МФЦ по паспорту, ссылка для входа отправлена на новый номер ${masked}`
      : `личность подтверждена ${methodWords[input.method]}, задан новый номер телефона ${masked} и новый пароль`;
  await effects.notifyOwner(tx, told, {
    kind: 'security.recovered',
    subject: 'Доступ к учётной записи восстановлен',
    text: `Доступ к учётной записи восстановлен по запросу № ${request.number}: ${how}. Все сеансы завершены; приложения-аутентификаторы, резервные коды и ключи доступа отключены; почта больше не подтверждена. Способы входа и контакты нельзя менять 24 часа. Если это были не вы — срочно обратитесь в МФЦ с паспортом.`,
  });
  if (input.phoneConfirmed && input.phone !== told.phone)
    await effects.notifyOwner(
      tx,
      { phone: input.phone, email: null },
      {
        kind: 'security.recovered',
        subject: 'Доступ к учётной записи восстановлен',
        text: `Доступ к учётной записи Кабинета восстановлен по запросу № ${request.number}: этот номер теперь основной. Входите с новым паролем и кодом из SMS. Способы входа и контакты нельзя менять 24 часа.`,
      },
    );
  return { endedSessions, revoked };
}
