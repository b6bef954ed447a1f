// Identity confirmed by a Russian Post letter (PRODUCT.md §1): a standard-level citizen orders a
// registered letter to an address they enter; the letter carries a one-time code (only its HMAC is
// kept here) and is tracked through the PostGateway; entering the code within 30 days of dispatch
// raises the account to подтверждённая. Everything here is scoped to the caller's own account.
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { formatDate, postalCodeSchema } from '@kabinet/shared';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { defineJob, type JobDefinition } from '../../platform/jobs';
import { closedProblem, closedUntil, recordCodeFailure } from './codes';
import { confirmIdentity, confirmedPerson, notStandardProblem } from './confirmation';
import type { IdentityEffects } from './effects';
import { confirmedContacts, type Client } from './login';
import { PostError, postGateway, type PostGateway, type TrackingStatus } from './post-gateway';
import { postLetters, users, type AccountLevel, type PostLetterStatus } from './schema';
import { formatTimeMoscow } from './words';

/** The code in the letter is valid this long from dispatch (PRODUCT.md §1). */
export const POST_CODE_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const POST_CODE_LENGTH = 6;
/** Wrong entries per letter; then the letter no longer works. */
export const POST_MAX_WRONG = 3;
/** Letters a person may order in a window (failed hand-overs to the post do not count). */
export const POST_LETTERS_PER_WINDOW = 3;
export const POST_LETTER_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
/** The shared cap of wrong codes counts letter codes under this purpose. */
export const POST_PURPOSE = 'post_letter';
/** Tracking is asked again on a page view at most this often. */
const TRACK_REFRESH_MS = 2000;
export const POST_TRACK_SWEEP_JOB = 'identity.post.track';

/** The portal's own return address at the post: the sender of every letter. */
export const POST_SENDER = { name: 'Кабинет — портал государственных услуг', index: '101000' } as const;

export type PostLetter = typeof postLetters.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Input

const ADDRESS_CHARS = /^[0-9A-Za-zА-ЯЁа-яё .,'"«»№()/-]+$/;
const CHARS_RULE = 'Только буквы, цифры, пробел и знаки . , - / № ( )';

const addressPart = (what: string, max: number) =>
  z
    .string({ error: `Укажите ${what}` })
    .transform((v) => v.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, `Укажите ${what}`)
        .max(max, `Не длиннее ${max} символов`)
        .regex(ADDRESS_CHARS, CHARS_RULE),
    );

const optionalPart = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => (v ?? '').replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .max(max, `Не длиннее ${max} символов`)
        .refine((v) => v === '' || ADDRESS_CHARS.test(v), CHARS_RULE),
    )
    .transform((v) => (v === '' ? null : v));

export const postAddressSchema = z.object({
  index: postalCodeSchema,
  region: optionalPart(100),
  city: addressPart('населённый пункт', 100),
  street: addressPart('улицу', 150),
  house: addressPart('дом', 20),
  flat: optionalPart(20),
});
export type PostAddressInput = z.output<typeof postAddressSchema>;

export const postCodeSchema = z
  .string({ error: 'Введите код из письма — 6 цифр' })
  .trim()
  .regex(/^\d{6}$/, 'Введите код из письма — 6 цифр');

// ---------------------------------------------------------------------------------------------
// Words

export const trackingWords: Record<TrackingStatus, string> = {
  accepted: 'Принято в отделении связи',
  in_transit: 'В пути: покинуло сортировочный центр',
  arrived: 'Прибыло в место вручения — ждёт вас в отделении',
  delivered: 'Вручено адресату',
  returned: 'Возвращено отправителю: истёк срок хранения',
};

const hashCode = (pepper: string, id: string, code: string) =>
  createHmac('sha256', pepper).update(`post:${id}:${code}`).digest('hex');

const dateWords = (d: Date) => formatDate(d, 'Europe/Moscow');

function letterText(name: string, code: string) {
  return [
    `${name}, здравствуйте!`,
    '',
    `Код подтверждения личности для портала «Кабинет»: ${code}`,
    '',
    'Введите его в личном кабинете: Профиль → Подтвердить личность → Письмо Почтой России.',
    'Код действует 30 дней со дня отправки письма. Никому его не сообщайте: сотрудники портала и почты никогда не спрашивают код.',
    '',
    'Если вы не заказывали это письмо — не вводите код и сообщите в поддержку.',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The caller's latest letter (scoped to the caller in SQL). */
export async function latestLetter(db: Tx, userId: string): Promise<PostLetter | null> {
  const [row] = await db
    .select()
    .from(postLetters)
    .where(eq(postLetters.userId, userId))
    .orderBy(desc(postLetters.createdAt))
    .limit(1);
  return row ?? null;
}

async function ordersInWindow(tx: Tx, userId: string, now: Date) {
  const rows = await tx
    .select({ createdAt: postLetters.createdAt })
    .from(postLetters)
    .where(
      and(
        eq(postLetters.userId, userId),
        ne(postLetters.status, 'failed'),
        gt(postLetters.createdAt, new Date(now.getTime() - POST_LETTER_WINDOW_MS)),
      ),
    )
    .orderBy(postLetters.createdAt);
  return rows.map((r) => r.createdAt);
}

export interface PostStatusView {
  level: AccountLevel;
  /** Whether a new letter can be ordered now, and why not. */
  canOrder: boolean;
  orderRefusal: string | null;
  ordersLeft: number;
  letter: {
    id: string;
    status: PostLetterStatus;
    message: string;
    trackNumber: string | null;
    recipientName: string;
    address: PostLetter['address'];
    dispatchedAt: string | null;
    expiresAt: string | null;
    attemptsLeft: number;
    trackingStatus: TrackingStatus | null;
    trackingUpdatedAt: string | null;
    events: Array<{ status: TrackingStatus; title: string; at: string; place: string }>;
  } | null;
}

const statusMessage = (l: PostLetter): string => {
  switch (l.status) {
    case 'ordering':
      return 'Передаём письмо Почте России.';
    case 'sent':
      return l.trackingStatus === 'arrived' || l.trackingStatus === 'delivered'
        ? `Письмо в отделении связи. Заберите его с паспортом и введите код из письма до ${dateWords(l.expiresAt!)}.`
        : `Письмо отправлено. Когда оно придёт, введите код из письма — он действует до ${dateWords(l.expiresAt!)}.`;
    case 'confirmed':
      return 'Личность подтверждена кодом из письма.';
    case 'returned':
      return 'Письмо не забрали за 30 дней, и оно вернулось. Закажите новое письмо.';
    case 'closed':
      return 'Неверный код введён 3 раза — письмо больше не действует. Закажите новое письмо.';
    case 'expired':
      return 'Срок действия кода истёк: код действует 30 дней с отправки письма. Закажите новое письмо.';
    case 'failed':
      return 'Почта России не приняла письмо. Закажите его ещё раз.';
  }
};

export async function postStatus(
  tx: Tx,
  userId: string,
  level: AccountLevel,
  now = new Date(),
): Promise<PostStatusView> {
  const letter = await latestLetter(tx, userId);
  const recent = await ordersInWindow(tx, userId, now);
  const ordersLeft = Math.max(0, POST_LETTERS_PER_WINDOW - recent.length);
  const active = letter && (letter.status === 'ordering' || letter.status === 'sent');
  let orderRefusal: string | null = null;
  if (level === 'simplified')
    orderRefusal =
      'Сначала получите стандартную учётную запись: укажите паспорт и СНИЛС и дождитесь проверки.';
  else if (level === 'confirmed') orderRefusal = 'Ваша личность уже подтверждена.';
  else if (active) orderRefusal = 'Письмо уже в пути: дождитесь его и введите код.';
  else if (!ordersLeft) orderRefusal = limitMessage(recent[0]!);
  return {
    level,
    canOrder: !orderRefusal,
    orderRefusal,
    ordersLeft,
    letter: letter && {
      id: letter.id,
      status: letter.status,
      message: statusMessage(letter),
      trackNumber: letter.trackNumber,
      recipientName: letter.recipientName,
      address: letter.address,
      dispatchedAt: letter.dispatchedAt?.toISOString() ?? null,
      expiresAt: letter.expiresAt?.toISOString() ?? null,
      attemptsLeft: letter.status === 'sent' ? POST_MAX_WRONG - letter.wrongAttempts : 0,
      trackingStatus: (letter.trackingStatus as TrackingStatus | null) ?? null,
      trackingUpdatedAt: letter.trackedAt?.toISOString() ?? null,
      events: letter.trackingEvents.map((e) => ({
        status: e.status as TrackingStatus,
        title: trackingWords[e.status as TrackingStatus] ?? e.status,
        at: e.at,
        place: e.place,
      })),
    },
  };
}

const limitMessage = (oldest: Date) =>
  `Заказать можно не больше ${POST_LETTERS_PER_WINDOW} писем за 30 дней. Следующее письмо можно будет заказать ${dateWords(new Date(oldest.getTime() + POST_LETTER_WINDOW_MS))}.`;

// ---------------------------------------------------------------------------------------------
// Ordering

/**
 * Orders a letter: checks and a pending row with the code's HMAC in one transaction, then the
 * letter goes to the post (the code exists only in memory and in the sealed letter), then the track
 * number and the dispatch date are recorded and the owner is told. If the post does not take the
 * letter, it is marked failed and does not count toward the limit.
 */
export async function orderLetter(
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: PostGateway,
  userId: string,
  address: PostAddressInput,
  client: Client,
) {
  const now = new Date();
  const prepared = await ctx.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw new HttpProblem(404, 'Учётная запись не найдена.');
    if (user.level === 'simplified') throw notStandardProblem();
    if (user.level === 'confirmed') throw new HttpProblem(409, 'Ваша личность уже подтверждена.');
    const [active] = await tx
      .select({ id: postLetters.id })
      .from(postLetters)
      .where(and(eq(postLetters.userId, userId), inArray(postLetters.status, ['ordering', 'sent'])))
      .limit(1);
    if (active)
      throw new HttpProblem(
        409,
        'Письмо уже в пути: дождитесь его и введите код. Новое письмо можно заказать, если это вернётся или код перестанет действовать.',
      );
    const recent = await ordersInWindow(tx, userId, now);
    if (recent.length >= POST_LETTERS_PER_WINDOW) throw new HttpProblem(429, limitMessage(recent[0]!));
    // The letter goes to the person the registries confirmed: the name must match the passport at the office.
    const person = await confirmedPerson(tx, userId);
    const name = [
      person?.lastName ?? user.lastName,
      person?.firstName ?? user.firstName,
      person?.middleName ?? user.middleName,
    ]
      .filter(Boolean)
      .join(' ');
    if (!person?.lastName && !user.lastName)
      throw new HttpProblem(409, 'В учётной записи нет ФИО получателя. Укажите паспортные данные.');
    const id = randomUUID();
    const code = String(randomInt(0, 10 ** POST_CODE_LENGTH)).padStart(POST_CODE_LENGTH, '0');
    await tx.insert(postLetters).values({
      id,
      userId,
      status: 'ordering',
      requestId: `kbn-post-${id}`,
      recipientName: name,
      address,
      codeHash: hashCode(ctx.config.secrets.pepper, id, code),
      createdAt: now,
    });
    await effects.audit(tx, {
      action: 'identity.post.ordered',
      actorUserId: userId,
      actorRole: 'citizen',
      subjectUserId: userId,
      objectType: 'post_letter',
      objectId: id,
      ip: client.ip,
      userAgent: client.userAgent,
      details: { index: address.index },
    });
    return { id, code, name, requestId: `kbn-post-${id}`, contacts: confirmedContacts(user) };
  });

  let sent: { trackNumber: string; acceptedAt: Date };
  try {
    sent = await gateway.send({
      requestId: prepared.requestId,
      sender: { ...POST_SENDER },
      recipient: { name: prepared.name, address },
      contents: letterText(prepared.name, prepared.code),
    });
  } catch (err) {
    ctx.log.warn({ err, letter: prepared.id }, 'post: letter not accepted');
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(postLetters)
        .set({ status: 'failed', closedAt: new Date() })
        .where(and(eq(postLetters.id, prepared.id), eq(postLetters.status, 'ordering')));
      await effects.audit(tx, {
        action: 'identity.post.failed',
        actorRole: 'system',
        subjectUserId: userId,
        objectType: 'post_letter',
        objectId: prepared.id,
        details: { error: err instanceof PostError ? err.code : 'error' },
      });
    });
    throw new HttpProblem(503, 'Почта России сейчас не принимает письма. Попробуйте заказать письмо позже.');
  }

  await ctx.db.transaction(async (tx) => {
    const expiresAt = new Date(sent.acceptedAt.getTime() + POST_CODE_TTL_MS);
    await tx
      .update(postLetters)
      .set({
        status: 'sent',
        trackNumber: sent.trackNumber,
        dispatchedAt: sent.acceptedAt,
        expiresAt,
        trackingStatus: 'accepted',
        trackingEvents: [
          {
            status: 'accepted',
            at: sent.acceptedAt.toISOString(),
            place: `${POST_SENDER.index}, место приёма`,
          },
        ],
        trackedAt: new Date(),
      })
      .where(and(eq(postLetters.id, prepared.id), eq(postLetters.status, 'ordering')));
    await effects.notifyOwner(tx, prepared.contacts, {
      kind: 'identity.post_sent',
      subject: 'Письмо с кодом отправлено',
      text: `Письмо с кодом подтверждения личности отправлено Почтой России, трек-номер ${sent.trackNumber}. Код действует до ${dateWords(expiresAt)}. Если вы не заказывали письмо — обратитесь в поддержку.`,
    });
    await effects.audit(tx, {
      action: 'identity.post.sent',
      actorRole: 'system',
      subjectUserId: userId,
      objectType: 'post_letter',
      objectId: prepared.id,
      details: { trackNumber: sent.trackNumber, expiresAt: expiresAt.toISOString() },
    });
  });
  return prepared.id;
}

// ---------------------------------------------------------------------------------------------
// Tracking

/**
 * Asks the post where an active letter is and records the answer; a letter sent back is closed and
 * the owner told. Also closes a letter whose code has expired. Failures of the post leave the cached
 * answer in place (the next view or sweep asks again).
 */
export async function refreshLetter(
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: PostGateway,
  letter: PostLetter,
  options: { force?: boolean; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  if (letter.status !== 'sent' || !letter.trackNumber) return;
  if (letter.expiresAt && letter.expiresAt <= now) {
    await expireLetter(ctx, effects, letter.id, now);
    return;
  }
  if (!options.force && letter.trackedAt && now.getTime() - letter.trackedAt.getTime() < TRACK_REFRESH_MS)
    return;
  let answer: Awaited<ReturnType<PostGateway['track']>>;
  try {
    answer = await gateway.track(letter.trackNumber);
  } catch (err) {
    ctx.log.warn({ err, letter: letter.id }, 'post: tracking failed');
    return;
  }
  await ctx.db.transaction(async (tx) => {
    const returned = answer.status === 'returned';
    const [row] = await tx
      .update(postLetters)
      .set({
        trackingStatus: answer.status,
        trackingEvents: answer.events,
        trackedAt: now,
        ...(returned ? { status: 'returned' as const, closedAt: now } : {}),
      })
      .where(and(eq(postLetters.id, letter.id), eq(postLetters.status, 'sent')))
      .returning({ id: postLetters.id });
    if (!row || !returned) return;
    const [user] = await tx.select().from(users).where(eq(users.id, letter.userId));
    if (user)
      await effects.notifyOwner(tx, confirmedContacts(user), {
        kind: 'identity.post_returned',
        subject: 'Письмо с кодом вернулось',
        text: `Письмо с кодом подтверждения личности (трек-номер ${letter.trackNumber}) не забрали за 30 дней, и оно вернулось. Код из него больше не действует — закажите новое письмо в личном кабинете.`,
      });
    await effects.audit(tx, {
      action: 'identity.post.returned',
      actorRole: 'system',
      subjectUserId: letter.userId,
      objectType: 'post_letter',
      objectId: letter.id,
      details: { trackNumber: letter.trackNumber },
    });
  });
}

async function expireLetter(ctx: AppContext, effects: IdentityEffects, id: string, now: Date) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(postLetters)
      .set({ status: 'expired', closedAt: now })
      .where(and(eq(postLetters.id, id), eq(postLetters.status, 'sent')))
      .returning({ userId: postLetters.userId });
    if (row)
      await effects.audit(tx, {
        action: 'identity.post.expired',
        actorRole: 'system',
        subjectUserId: row.userId,
        objectType: 'post_letter',
        objectId: id,
      });
  });
}

/** Every few minutes: letters nobody looked at lately are tracked, so a return or an expiry is noticed. */
export async function sweepLetters(
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: PostGateway,
  now = new Date(),
) {
  const stale = await ctx.db
    .select()
    .from(postLetters)
    .where(and(eq(postLetters.status, 'sent'), lt(postLetters.trackedAt, new Date(now.getTime() - 60_000))))
    .limit(200);
  for (const letter of stale) await refreshLetter(ctx, effects, gateway, letter, { force: true, now });
  return stale.length;
}

export function postJobs(
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: PostGateway = postGateway(ctx.config),
): JobDefinition[] {
  return [
    defineJob({
      name: POST_TRACK_SWEEP_JOB,
      schedule: '*/5 * * * *',
      retryLimit: 0,
      handler: async () => {
        const n = await sweepLetters(ctx, effects, gateway);
        if (n) ctx.log.info({ letters: n }, 'post letters tracked');
      },
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Confirming

export type ConfirmResult = { ok: true; raised: boolean } | { ok: false; problem: HttpProblem };

/**
 * Checks the code from the letter. A wrong code counts against the letter (3 tries, then it is
 * closed) and the shared daily cap of wrong codes; the caller commits the failure before reporting
 * it. The right code confirms the identity (confirmIdentity) and closes the letter.
 */
export async function confirmLetter(
  ctx: AppContext,
  effects: IdentityEffects,
  tx: Tx,
  userId: string,
  code: string,
  client: Client,
  now = new Date(),
): Promise<ConfirmResult> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new HttpProblem(404, 'Учётная запись не найдена.');
  if (user.level === 'simplified') throw notStandardProblem();
  const closed = await closedUntil(tx, userId, POST_PURPOSE, now);
  if (closed) return { ok: false, problem: closedProblem(closed) };
  const [letter] = await tx
    .select()
    .from(postLetters)
    .where(and(eq(postLetters.userId, userId), eq(postLetters.status, 'sent')))
    .limit(1)
    .for('update');
  if (!letter)
    return {
      ok: false,
      problem: new HttpProblem(409, 'Нет письма, код из которого можно ввести. Закажите письмо с кодом.'),
    };
  if (letter.expiresAt && letter.expiresAt <= now) {
    await tx
      .update(postLetters)
      .set({ status: 'expired', closedAt: now })
      .where(eq(postLetters.id, letter.id));
    await effects.audit(tx, {
      action: 'identity.post.expired',
      actorRole: 'system',
      subjectUserId: userId,
      objectType: 'post_letter',
      objectId: letter.id,
    });
    return {
      ok: false,
      problem: new HttpProblem(
        400,
        'Срок действия кода истёк: код действует 30 дней с отправки письма. Закажите новое письмо.',
        [{ field: 'code', message: 'Код устарел' }],
      ),
    };
  }
  const expected = Buffer.from(letter.codeHash, 'hex');
  const given = Buffer.from(hashCode(ctx.config.secrets.pepper, letter.id, code), 'hex');
  if (timingSafeEqual(expected, given)) {
    await tx
      .update(postLetters)
      .set({ status: 'confirmed', closedAt: now })
      .where(eq(postLetters.id, letter.id));
    const { raised } = await confirmIdentity(tx, effects, {
      userId,
      method: 'post',
      details: { trackNumber: letter.trackNumber, letterId: letter.id },
      client,
    });
    return { ok: true, raised };
  }
  const wrong = letter.wrongAttempts + 1;
  const dead = wrong >= POST_MAX_WRONG;
  await tx
    .update(postLetters)
    .set({ wrongAttempts: wrong, ...(dead ? { status: 'closed' as const, closedAt: now } : {}) })
    .where(eq(postLetters.id, letter.id));
  const cap = await recordCodeFailure(tx, userId, POST_PURPOSE, now);
  await effects.audit(tx, {
    action: 'identity.post.code_failed',
    actorUserId: userId,
    actorRole: 'citizen',
    subjectUserId: userId,
    objectType: 'post_letter',
    objectId: letter.id,
    ip: client.ip,
    userAgent: client.userAgent,
    details: { attempt: wrong, closed: dead },
  });
  if (cap)
    return {
      ok: false,
      problem: new HttpProblem(
        429,
        `Слишком много неверных кодов. Ввод кода закрыт до ${formatTimeMoscow(cap)}.`,
      ),
    };
  return {
    ok: false,
    problem: dead
      ? new HttpProblem(
          400,
          'Неверный код введён 3 раза — письмо больше не действует. Закажите новое письмо.',
          [{ field: 'code', message: 'Письмо больше не действует' }],
        )
      : new HttpProblem(400, `Неверный код. Осталось попыток: ${POST_MAX_WRONG - wrong}.`, [
          { field: 'code', message: 'Неверный код' },
        ]),
  };
}
