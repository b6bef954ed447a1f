import {
  createHmac,
  createPublicKey,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { and, asc, count, desc, eq, gt, isNotNull, lt, max } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { describeLocation, locate } from '../../platform/geoip';
import { closedProblem, closedUntil, recordCodeFailure } from './codes';
import { describeDevice } from './device';
import type { IdentityEffects } from './effects';
import { updateFlow, type AuthFlow } from './flows';
import type { Client } from './login';
import { recordAttempt } from './history';
import { userKey } from './login-id';
import {
  MAX_PUSH_DEVICES,
  PUSH_CHALLENGE_MS,
  PUSH_CHALLENGES_PER_FLOW,
  PUSH_NONCE_MS,
  PUSH_RESEND_GAP_MS,
} from './policy';
import type { PushGateway } from './push-gateway';
import { pushChallenges, pushDevices } from './schema';
import { formatTimeMoscow, secondsWord } from './words';

// Push to a registered browser (PRODUCT.md §1): a browser the owner registered in the security
// settings holds a non-extractable ECDSA P-256 key; a login (or a critical action) asks it to
// confirm, with number matching — the page that asked shows a number, the device picks it among
// three — and the device answers with a signature of its key. Requests reach the device by Web Push
// when it has a subscription, and by its own polling while a portal tab is open.

export type PushDevice = typeof pushDevices.$inferSelect;
export type PushChallenge = typeof pushChallenges.$inferSelect;
export type PushPurpose = PushChallenge['purpose'];

/* ----------------------------------------------------------------- device keys */

const b64url = (length: number, what: string) =>
  z
    .string()
    .length(length, `${what}: ожидается ${length} символов base64url`)
    .regex(/^[A-Za-z0-9_-]+$/, `${what}: ожидается base64url`);

/** The device's public key as WebCrypto exports it (JWK); other members (ext, key_ops) are dropped. */
export const deviceKeySchema = z.object({
  kty: z.literal('EC', { error: 'Ключ устройства должен быть ключом ECDSA (kty EC)' }),
  crv: z.literal('P-256', { error: 'Ключ устройства должен быть на кривой P-256' }),
  x: b64url(43, 'Координата x ключа'),
  y: b64url(43, 'Координата y ключа'),
});

/** base64url SPKI of a JWK public key, or null when it is not a point of P-256. */
export function deviceKeySpki(jwk: z.infer<typeof deviceKeySchema>): string | null {
  try {
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
    return key.export({ type: 'spki', format: 'der' }).toString('base64url');
  } catch {
    return null;
  }
}

/** An ECDSA P-256 / SHA-256 signature as WebCrypto makes it: IEEE P1363 r‖s, 64 bytes, base64url. */
export const signatureSchema = b64url(86, 'Подпись устройства');

export function verifyDeviceSignature(spki: string, message: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spki, 'base64url'), format: 'der', type: 'spki' });
    return verify(
      'sha256',
      Buffer.from(message, 'utf8'),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** What a device signs (shared with the web app, which signs). */
export { pushAnswerMessage as answerMessage, pushPollMessage as pollMessage } from '@kabinet/shared';

/* ---------------------------------------------------------------------- nonces */

// A device authenticates its polls by signing a nonce the server issued moments ago: no session and
// no clock of its own are needed. Nonces are stateless (a timestamp and random bytes under an HMAC
// of a key derived from the cookie secret) and usable for PUSH_NONCE_MS; they only open the read of
// the device's own pending requests — every answer is signed over the request it answers.

const nonceKey = (secret: string) => Buffer.from(hkdfSync('sha256', secret, 'kabinet', 'push-nonce-v1', 32));

export function issueNonce(secret: string, now = Date.now()): string {
  const body = Buffer.alloc(24);
  body.writeBigUInt64BE(BigInt(now));
  randomBytes(16).copy(body, 8);
  const mac = createHmac('sha256', nonceKey(secret)).update(body).digest().subarray(0, 16);
  return Buffer.concat([body, mac]).toString('base64url');
}

export const nonceSchema = b64url(54, 'Одноразовое значение');

export function nonceFresh(secret: string, nonce: string, now = Date.now()): boolean {
  const raw = Buffer.from(nonce, 'base64url');
  if (raw.length !== 40) return false;
  const body = raw.subarray(0, 24);
  const mac = createHmac('sha256', nonceKey(secret)).update(body).digest().subarray(0, 16);
  if (!timingSafeEqual(mac, raw.subarray(24))) return false;
  const at = Number(body.readBigUInt64BE());
  return at <= now + 5_000 && now - at <= PUSH_NONCE_MS;
}

/* --------------------------------------------------------------------- devices */

export function listPushDevices(db: Db | Tx, userId: string) {
  return db
    .select()
    .from(pushDevices)
    .where(eq(pushDevices.userId, userId))
    .orderBy(asc(pushDevices.createdAt), asc(pushDevices.id));
}

/** One of the caller's own devices; someone else's is «not found», exactly like a missing one. */
export async function ownPushDevice(tx: Tx, userId: string, id: string): Promise<PushDevice | null> {
  const [row] = await tx
    .select()
    .from(pushDevices)
    .where(and(eq(pushDevices.id, id), eq(pushDevices.userId, userId)))
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function findPushDevice(db: Db | Tx, id: string): Promise<PushDevice | null> {
  const [row] = await db.select().from(pushDevices).where(eq(pushDevices.id, id)).limit(1);
  return row ?? null;
}

export const deviceGone = () =>
  new HttpProblem(
    404,
    'Этот браузер не зарегистрирован для подтверждения входа или его удалили в настройках. Зарегистрируйте его заново.',
  );
export const badSignature = () =>
  new HttpProblem(401, 'Подпись устройства не прошла проверку. Обновите страницу и попробуйте ещё раз.');

/** The device a signed request names, with the signature checked; a problem otherwise. */
export async function signedDevice(
  db: Db | Tx,
  deviceId: string,
  message: string,
  signature: string,
): Promise<
  { ok: true; device: PushDevice } | { ok: false; problem: HttpProblem; device: PushDevice | null }
> {
  const device = await findPushDevice(db, deviceId);
  if (!device) return { ok: false, problem: deviceGone(), device: null };
  if (!verifyDeviceSignature(device.publicKey, message, signature))
    return { ok: false, problem: badSignature(), device };
  return { ok: true, device };
}

export async function addPushDevice(
  tx: Tx,
  input: {
    userId: string;
    label: string;
    publicKey: string;
    userAgent: string | undefined;
    subscription: { endpoint: string; p256dh: string; auth: string } | null;
  },
): Promise<{ ok: true; device: PushDevice } | { ok: false; problem: HttpProblem }> {
  const existing = await listPushDevices(tx, input.userId);
  if (existing.length >= MAX_PUSH_DEVICES)
    return {
      ok: false,
      problem: new HttpProblem(
        409,
        `Можно зарегистрировать не больше ${MAX_PUSH_DEVICES} браузеров. Удалите ненужный и повторите.`,
      ),
    };
  const [taken] = await tx
    .select({ id: pushDevices.id })
    .from(pushDevices)
    .where(eq(pushDevices.publicKey, input.publicKey))
    .limit(1);
  if (taken)
    return {
      ok: false,
      problem: new HttpProblem(409, 'Этот ключ устройства уже зарегистрирован. Обновите страницу.'),
    };
  const device = describeDevice(input.userAgent);
  const [row] = await tx
    .insert(pushDevices)
    .values({
      userId: input.userId,
      label: input.label,
      publicKey: input.publicKey,
      browser: device.browser,
      os: device.os,
      pushEndpoint: input.subscription?.endpoint ?? null,
      pushP256dh: input.subscription?.p256dh ?? null,
      pushAuth: input.subscription?.auth ?? null,
    })
    .returning();
  return { ok: true, device: row! };
}

/* ------------------------------------------------------------------ challenges */

/** What a request is bound to: the login flow, or the session that asks step-up. */
export type Binding = { purpose: 'login'; flowId: string } | { purpose: 'step_up'; sessionId: string };

const bindingWhere = (b: Binding) =>
  b.purpose === 'login' ? eq(pushChallenges.flowId, b.flowId) : eq(pushChallenges.sessionId, b.sessionId);

/** The right number and two others, 10–99, in random order. */
function numbers(): { number: number; choices: number[] } {
  const number = randomInt(10, 100);
  const choices = [number];
  while (choices.length < 3) {
    const n = randomInt(10, 100);
    if (!choices.includes(n)) choices.push(n);
  }
  for (let i = choices.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [choices[i], choices[j]] = [choices[j]!, choices[i]!];
  }
  return { number, choices };
}

/**
 * A new request to the account's registered browsers. Refused while code entry is closed by the
 * daily cap, after PUSH_CHALLENGES_PER_FLOW requests of one login (or of one session in the last
 * 10 minutes) and sooner than PUSH_RESEND_GAP_MS after the last; a pending earlier request of the
 * same login is closed (expired), so only the number shown last can be confirmed.
 */
export async function startChallenge(
  tx: Tx,
  input: { userId: string; binding: Binding; ip?: string; userAgent?: string },
  now = new Date(),
): Promise<PushChallenge> {
  const { binding } = input;
  const closed = await closedUntil(tx, userKey(input.userId), binding.purpose, now);
  if (closed) throw closedProblem(closed);
  const since = new Date(now.getTime() - 10 * 60_000);
  const [sent] = await tx
    .select({ n: count(), last: max(pushChallenges.createdAt) })
    .from(pushChallenges)
    .where(and(bindingWhere(binding), gt(pushChallenges.createdAt, since)));
  if (Number(sent?.n ?? 0) >= PUSH_CHALLENGES_PER_FLOW)
    throw new HttpProblem(
      429,
      'Запросов на устройство отправлено слишком много. Выберите другой способ подтверждения.',
    );
  const last = sent?.last ? new Date(sent.last) : null;
  if (last && now.getTime() - last.getTime() < PUSH_RESEND_GAP_MS) {
    const wait = Math.ceil((PUSH_RESEND_GAP_MS - (now.getTime() - last.getTime())) / 1000);
    throw new HttpProblem(
      429,
      `Новый запрос можно отправить через ${wait} ${secondsWord(wait)}.`,
      undefined,
      'about:blank',
      { 'retry-after': String(wait) },
    );
  }
  await tx
    .update(pushChallenges)
    .set({ status: 'expired' })
    .where(and(bindingWhere(binding), eq(pushChallenges.status, 'pending')));
  const { number, choices } = numbers();
  const [row] = await tx
    .insert(pushChallenges)
    .values({
      id: randomBytes(16).toString('base64url'),
      userId: input.userId,
      purpose: binding.purpose,
      flowId: binding.purpose === 'login' ? binding.flowId : null,
      sessionId: binding.purpose === 'step_up' ? binding.sessionId : null,
      number,
      choices,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PUSH_CHALLENGE_MS),
    })
    .returning();
  return row!;
}

/** The latest request of a login or a session, locked; a pending one past its time becomes expired. */
export async function latestChallenge(
  tx: Tx,
  binding: Binding,
  now = new Date(),
): Promise<PushChallenge | null> {
  const [row] = await tx
    .select()
    .from(pushChallenges)
    .where(bindingWhere(binding))
    .orderBy(desc(pushChallenges.createdAt))
    .limit(1)
    .for('update');
  if (!row) return null;
  return expireIfLate(tx, row, now);
}

async function expireIfLate(tx: Tx, row: PushChallenge, now: Date): Promise<PushChallenge> {
  if (row.status !== 'pending' || row.expiresAt > now) return row;
  await tx.update(pushChallenges).set({ status: 'expired' }).where(eq(pushChallenges.id, row.id));
  return { ...row, status: 'expired' };
}

/** Marks an approval as spent on its login or step-up; false when it already was. */
export async function useApproval(tx: Tx, challenge: PushChallenge, now = new Date()): Promise<boolean> {
  if (challenge.status !== 'approved' || challenge.usedAt) return false;
  await tx.update(pushChallenges).set({ usedAt: now }).where(eq(pushChallenges.id, challenge.id));
  return true;
}

/** What the waiting page is told about its request. */
export type ChallengeState =
  | { status: 'pending'; expiresAt: string }
  | { status: 'approved' }
  | { status: 'denied'; reason: 'not_me' | 'wrong_number'; message: string }
  | { status: 'expired'; message: string };

export function challengeState(c: PushChallenge): ChallengeState {
  switch (c.status) {
    case 'pending':
      return { status: 'pending', expiresAt: c.expiresAt.toISOString() };
    case 'approved':
      return { status: 'approved' };
    case 'denied':
      return c.reason === 'wrong_number'
        ? {
            status: 'denied',
            reason: 'wrong_number',
            message:
              'На устройстве выбрано не то число, запрос отклонён. Отправьте новый запрос и выберите число, которое показано здесь.',
          }
        : {
            status: 'denied',
            reason: 'not_me',
            message:
              'На вашем зарегистрированном устройстве нажали «Это не я», поэтому этот вход отменён. Если это были вы — начните вход заново.',
          };
    case 'expired':
      return {
        status: 'expired',
        message: 'Время ответа истекло: запрос действовал 2 минуты. Отправьте его ещё раз.',
      };
  }
}

/** A request as the device shows it: when, from where, which browser, and the three numbers. */
export interface PendingView {
  id: string;
  purpose: PushPurpose;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
  location: string | null;
  browser: string;
  os: string;
  deviceType: string;
  choices: number[];
}

/** The pending requests a device may answer: its owner's, newest first. */
export async function pendingFor(db: Db | Tx, device: PushDevice, now = new Date()): Promise<PendingView[]> {
  const rows = await db
    .select()
    .from(pushChallenges)
    .where(
      and(
        eq(pushChallenges.userId, device.userId),
        eq(pushChallenges.status, 'pending'),
        gt(pushChallenges.expiresAt, now),
      ),
    )
    .orderBy(desc(pushChallenges.createdAt))
    .limit(10);
  return rows.map((c) => {
    const d = describeDevice(c.userAgent ?? undefined);
    return {
      id: c.id,
      purpose: c.purpose,
      createdAt: c.createdAt.toISOString(),
      expiresAt: c.expiresAt.toISOString(),
      ip: c.ip,
      location: describeLocation(locate(c.ip)),
      browser: d.browser,
      os: d.os,
      deviceType: d.deviceType,
      choices: c.choices,
    };
  });
}

export type AnswerResult = { ok: true; status: 'approved' | 'denied' } | { ok: false; problem: HttpProblem };

const notFoundChallenge = () =>
  new HttpProblem(404, 'Запрос на подтверждение не найден. Возможно, его отправили другой учётной записи.');

/**
 * A device's answer to a request of its owner, its signature already checked. Single use: only a
 * pending request within its 2 minutes is answered. «Это не я» refuses the login (its flow ends),
 * notifies the owner and is audited; a wrong number closes the request and counts as a wrong code
 * toward the daily cap. The caller commits whatever the result, then reports a problem.
 */
export async function answerChallenge(
  tx: Tx,
  effects: IdentityEffects,
  input: {
    device: PushDevice;
    challengeId: string;
    decision: 'approve' | 'deny';
    number: number | null;
    /** The device's own request (its address), for the audit. */
    client: { ip?: string; userAgent?: string };
    /** The owner's confirmed contacts, for the notice after «Это не я». */
    contacts: () => Promise<{ phone: string | null; email: string | null }>;
  },
  now = new Date(),
): Promise<AnswerResult> {
  const { device, client } = input;
  const [found] = await tx
    .select()
    .from(pushChallenges)
    .where(and(eq(pushChallenges.id, input.challengeId), eq(pushChallenges.userId, device.userId)))
    .limit(1)
    .for('update');
  if (!found) return { ok: false, problem: notFoundChallenge() };
  const challenge = await expireIfLate(tx, found, now);
  if (challenge.status === 'expired')
    return {
      ok: false,
      problem: new HttpProblem(
        409,
        'Время на ответ истекло: запрос действовал 2 минуты. Он больше не нужен.',
      ),
    };
  if (challenge.status !== 'pending')
    return {
      ok: false,
      problem: new HttpProblem(409, 'На этот запрос уже ответили. Повторно ответить нельзя.'),
    };

  const subject = userKey(device.userId);
  const audit = { actorUserId: device.userId, subjectUserId: device.userId, ...client };
  const details = { deviceId: device.id, challengeId: challenge.id, purpose: challenge.purpose };
  const attempt = (reason: string) =>
    challenge.purpose === 'login'
      ? recordAttempt(tx, {
          userId: device.userId,
          ip: challenge.ip ?? undefined,
          userAgent: challenge.userAgent ?? undefined,
          method: 'push',
          result: 'second_factor_failed',
          reason,
        })
      : Promise.resolve();

  if (input.decision === 'deny') {
    await tx
      .update(pushChallenges)
      .set({ status: 'denied', reason: 'not_me', answeredAt: now, deviceId: device.id })
      .where(eq(pushChallenges.id, challenge.id));
    // The login itself is refused: its browser cannot go on with another factor.
    if (challenge.flowId) await updateFlow(tx, challenge.flowId, { completedAt: now });
    await attempt('denied_on_device');
    await effects.audit(tx, {
      action: challenge.purpose === 'login' ? 'identity.login.push_denied' : 'identity.step_up.push_denied',
      ...audit,
      details: { ...details, ip: challenge.ip },
    });
    const where = describeLocation(locate(challenge.ip)) ?? 'неизвестное место';
    await effects.notifyOwner(tx, await input.contacts(), {
      kind: 'security.push_denied',
      subject: challenge.purpose === 'login' ? 'Вход в Кабинет отклонён' : 'Действие в Кабинете отклонено',
      text:
        challenge.purpose === 'login'
          ? `На устройстве «${device.label}» вы нажали «Это не я», и вход отклонён (${formatTimeMoscow(challenge.createdAt)}, IP ${challenge.ip ?? 'неизвестен'}, ${where}). Тот, кто входил, знает ваш пароль или получил код из SMS: смените пароль и проверьте сеансы в настройках безопасности.`
          : `На устройстве «${device.label}» вы нажали «Это не я», и изменение защиты учётной записи отклонено. Если вы ничего не меняли — смените пароль и завершите чужие сеансы в настройках безопасности.`,
    });
    return { ok: true, status: 'denied' };
  }

  const closed = await closedUntil(tx, subject, challenge.purpose, now);
  if (closed) return { ok: false, problem: closedProblem(closed) };
  if (input.number !== challenge.number) {
    await tx
      .update(pushChallenges)
      .set({ status: 'denied', reason: 'wrong_number', answeredAt: now, deviceId: device.id })
      .where(eq(pushChallenges.id, challenge.id));
    const nowClosed = await recordCodeFailure(tx, subject, challenge.purpose, now);
    await attempt('wrong_number');
    await effects.audit(tx, { action: 'identity.push.wrong_number', ...audit, details });
    return {
      ok: false,
      problem: nowClosed
        ? closedProblem(nowClosed)
        : new HttpProblem(
            400,
            'Выбрано не то число, поэтому запрос отклонён. Если входите вы — отправьте новый запрос и выберите число, которое показано на странице входа.',
            [{ field: 'number', message: 'Не то число' }],
          ),
    };
  }
  await tx
    .update(pushChallenges)
    .set({ status: 'approved', answeredAt: now, deviceId: device.id })
    .where(eq(pushChallenges.id, challenge.id));
  await tx.update(pushDevices).set({ lastUsedAt: now }).where(eq(pushDevices.id, device.id));
  await effects.audit(tx, { action: 'identity.push.approved', ...audit, details });
  return { ok: true, status: 'approved' };
}

/* -------------------------------------------------------------------- delivery */

/**
 * Sends the request to every registered browser of the owner that has a Web Push subscription,
 * after the request is committed. The message carries the request's id and a short text — never the
 * number, which only the page that asked shows. A subscription the push service no longer knows
 * (404/410) is dropped; the browser still gets requests while a portal tab is open.
 */
export async function deliverChallenge(
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: PushGateway,
  challenge: PushChallenge,
): Promise<void> {
  const devices = await ctx.db
    .select()
    .from(pushDevices)
    .where(and(eq(pushDevices.userId, challenge.userId), isNotNull(pushDevices.pushEndpoint)));
  const payload = JSON.stringify({
    type: challenge.purpose,
    challenge: challenge.id,
    title: challenge.purpose === 'login' ? 'Подтвердите вход в Кабинет' : 'Подтвердите действие в Кабинете',
    body: 'Откройте, чтобы посмотреть, кто входит, и подтвердить или отклонить.',
  });
  const ttl = Math.max(1, Math.ceil((challenge.expiresAt.getTime() - Date.now()) / 1000));
  await Promise.all(
    devices.map(async (d) => {
      const outcome = await gateway.send(
        { endpoint: d.pushEndpoint!, p256dh: d.pushP256dh!, auth: d.pushAuth! },
        payload,
        { ttl, urgency: 'high', topic: 'kabinet-confirmation' },
      );
      if (outcome.result === 'failed')
        ctx.log.warn({ device: d.id, reason: outcome.reason }, 'web push not delivered');
      if (outcome.result !== 'gone') return;
      await ctx.db.transaction(async (tx) => {
        const dropped = await tx
          .update(pushDevices)
          .set({ pushEndpoint: null, pushP256dh: null, pushAuth: null })
          .where(and(eq(pushDevices.id, d.id), eq(pushDevices.pushEndpoint, d.pushEndpoint!)))
          .returning({ id: pushDevices.id });
        if (dropped.length)
          await effects.audit(tx, {
            action: 'identity.push.subscription_dropped',
            subjectUserId: d.userId,
            details: { deviceId: d.id },
          });
      });
    }),
  );
}

/** Answered and expired requests are kept a day (for the page that asked), then deleted. */
export async function purgeChallenges(db: Db, now = new Date()) {
  const gone = await db
    .delete(pushChallenges)
    .where(lt(pushChallenges.createdAt, new Date(now.getTime() - 24 * 3600_000)))
    .returning({ id: pushChallenges.id });
  return gone.length;
}

/** The login flow keeps the id of the push request it sent last. */
export const LOGIN_CHALLENGE_KEY = 'pushChallenge';

/**
 * Sends a login's push request when the account has a registered browser: in the password step
 * when push is the preferred factor, or when the person chooses it. The flow remembers the
 * request; null when there is no browser to ask.
 */
export async function startLoginChallenge(
  tx: Tx,
  flow: AuthFlow,
  client: Client,
): Promise<PushChallenge | null> {
  if (!flow.userId || !(await listPushDevices(tx, flow.userId)).length) return null;
  const challenge = await startChallenge(tx, {
    userId: flow.userId,
    binding: { purpose: 'login', flowId: flow.id },
    ...client,
  });
  await updateFlow(tx, flow.id, { data: { ...flow.data, [LOGIN_CHALLENGE_KEY]: challenge.id } });
  return challenge;
}
