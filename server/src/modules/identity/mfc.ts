// The МФЦ operator console (PRODUCT.md §1): an operator finds a citizen by an exact identifier,
// checks the passport shown at the desk against the registry-checked data, confirms the identity
// (standard → подтверждённая), unlocks an account locked after wrong passwords, and registers a
// walk-in citizen whose account is then activated by a single-use link + temporary password.
// Everything an operator does is tied to a «lookup» of their own (the visit) and written to the
// audit log with the operator, the citizen and the reason — citizens see those accesses.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, count, desc, eq, gt, gte, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { formatDateTime, phoneSchema, validatePassport, validatePhone, validateSnils } from '@kabinet/shared';
import type { AppContext } from '../../platform/context';
import type { Principal } from '../../platform/access';
import type { Tx } from '../../platform/db';
import { HttpProblem, conflict } from '../../platform/errors';
import { revokeUserSessions } from '../../platform/sessions';
import { sendSms } from '../../platform/messaging';
import { confirmIdentity, confirmedPerson } from './confirmation';
import { confirmedContacts, type Client } from './login';
import { maskDestination, userKey } from './login-id';
import { hashPassword } from './passwords';
import { fullName } from './queries';
import { CONSENT_VERSION } from './registration-routes';
import { accountActivations, identityVerifications, mfcLookups, users, type AccountLevel } from './schema';
import {
  isUniqueViolation,
  latestVerification,
  standardRequestSchema,
  standardStatus,
  submitStandard,
} from './standard';
import { currentLock, unlock } from './throttle';
import {
  completeRecovery,
  latestRequest,
  openRequest,
  openRequestOf,
  PHONE_TAKEN,
  phoneTaken,
  requestByNumber,
  requestNumberSchema,
  requestSummary,
  requireOpen,
  statusNow,
  type RecoveryRequest,
} from './recovery-request';
import type { IdentityEffects } from './effects';

/** PRODUCT.md §1: the activation link and the temporary password live 72 hours. */
export const ACTIVATION_TTL_MS = 72 * 60 * 60 * 1000;
/** How long the console keeps a found citizen open for the operator (one visit at the desk). */
export const LOOKUP_TTL_MS = 60 * 60 * 1000;
/** Lookups (found or not) and new accounts per operator per hour: the console is not a search engine. */
export const LOOKUPS_PER_HOUR = 60;

export const lookupReasons = {
  identity_confirmation: 'Подтверждение личности по паспорту',
  unlock: 'Разблокировка учётной записи',
  activation: 'Выдача данных для активации учётной записи',
  consultation: 'Консультация по обращению гражданина',
  recovery: 'Восстановление доступа: нет доступа к телефону и почте',
} as const;
export type LookupReason = keyof typeof lookupReasons | 'registration';
const reasonLabel = (r: string) =>
  r === 'registration'
    ? 'Регистрация учётной записи в МФЦ'
    : (lookupReasons[r as keyof typeof lookupReasons] ?? r);

export const identifierKinds = ['snils', 'phone', 'passport'] as const;
const validators = { snils: validateSnils, phone: validatePhone, passport: validatePassport };

export const lookupRequestSchema = z
  .object({
    kind: z.enum(identifierKinds, { error: 'Выберите, по какому документу искать' }),
    value: z.string({ error: 'Введите номер' }).trim().min(1, 'Введите номер').max(40, 'Слишком длинно'),
    reason: z.enum(Object.keys(lookupReasons) as [keyof typeof lookupReasons], {
      error: 'Выберите цель обращения',
    }),
  })
  .superRefine((b, c) => {
    const r = validators[b.kind](b.value);
    if (!r.ok) c.addIssue({ code: 'custom', path: ['value'], message: r.message });
  })
  .transform((b) => ({ ...b, value: (validators[b.kind](b.value) as { value: string }).value }));

const passportField = z
  .string({ error: 'Введите серию и номер паспорта' })
  .trim()
  .max(40, 'Слишком длинно')
  .superRefine((v, c) => {
    const r = validatePassport(v);
    if (!r.ok) c.addIssue({ code: 'custom', message: r.message });
  })
  .transform((v) => (validatePassport(v) as { value: string }).value);

export const passportCheckSchema = z.object({ passport: passportField });

export const walkInSchema = z.object({
  person: standardRequestSchema,
  phone: phoneSchema,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'Не длиннее 254 символов')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Введите адрес почты, например ivanov@mail.ru')
    .nullish(),
  consent: z.literal(true, {
    error: 'Гражданин должен принять пользовательское соглашение и согласие на обработку данных',
  }),
});
export type WalkInRequest = z.output<typeof walkInSchema>;

const levelWords: Record<AccountLevel, string> = {
  simplified: 'Упрощённая',
  standard: 'Стандартная',
  confirmed: 'Подтверждённая',
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The role an action is recorded under: operator first, support otherwise. */
export const actorRoleOf = (p: Principal) => (p.roles.includes('mfc_operator') ? 'mfc_operator' : 'support');

type User = typeof users.$inferSelect;
type Lookup = typeof mfcLookups.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Finding a citizen

const lookupGone = () =>
  new HttpProblem(404, 'Карточка гражданина закрыта или устарела. Найдите гражданина заново.');

async function checkLookupBudget(tx: Tx, operatorId: string, now: Date) {
  const [row] = await tx
    .select({ n: count() })
    .from(mfcLookups)
    .where(
      and(
        eq(mfcLookups.operatorId, operatorId),
        gte(mfcLookups.createdAt, new Date(now.getTime() - 60 * 60 * 1000)),
      ),
    );
  if ((row?.n ?? 0) >= LOOKUPS_PER_HOUR)
    throw new HttpProblem(
      429,
      'Слишком много поисков за час. Подождите немного; если поток посетителей большой — обратитесь к руководителю МФЦ.',
    );
}

/** The one account an exact identifier names, if any (passport: the data checked or being checked). */
async function findByIdentifier(tx: Tx, kind: (typeof identifierKinds)[number], value: string) {
  if (kind === 'passport') {
    const [v] = await tx
      .select({ userId: identityVerifications.userId })
      .from(identityVerifications)
      .where(
        and(
          eq(identityVerifications.passport, value),
          inArray(identityVerifications.status, ['pending', 'confirmed']),
        ),
      )
      .orderBy(desc(identityVerifications.createdAt))
      .limit(1);
    if (!v) return null;
    const [u] = await tx.select().from(users).where(eq(users.id, v.userId)).limit(1);
    return u ?? null;
  }
  const column = kind === 'snils' ? users.snils : users.phone;
  const [u] = await tx.select().from(users).where(eq(column, value)).limit(1);
  return u ?? null;
}

/**
 * Looks a citizen up by an exact СНИЛС, phone or passport. Found or not, the lookup is recorded
 * (and counted against the operator's hourly budget); a hit opens the visit the other actions use.
 */
export async function lookupCitizen(
  ctx: AppContext,
  effects: IdentityEffects,
  operator: Principal,
  input: z.output<typeof lookupRequestSchema>,
  client: Client,
) {
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    await checkLookupBudget(tx, operator.userId, now);
    const found = await findByIdentifier(tx, input.kind, input.value);
    // Staff accounts are not citizens' records: an operator cannot look colleagues up here.
    const user = found && found.roles.includes('citizen') ? found : null;
    const [lookup] = await tx
      .insert(mfcLookups)
      .values({
        operatorId: operator.userId,
        userId: user?.id ?? null,
        identifierKind: input.kind,
        reason: input.reason,
        createdAt: now,
        expiresAt: new Date(now.getTime() + LOOKUP_TTL_MS),
      })
      .returning();
    await effects.audit(tx, {
      action: user ? 'mfc.citizen.viewed' : 'mfc.citizen.not_found',
      actorUserId: operator.userId,
      actorRole: actorRoleOf(operator),
      subjectUserId: user?.id ?? null,
      objectType: 'mfc_lookup',
      objectId: lookup!.id,
      reason: reasonLabel(input.reason),
      ...client,
      details: { identifier: input.kind },
    });
    if (!user) return null;
    return citizenView(tx, lookup!, user);
  });
}

/** The operator's own open visit with its citizen, or 404. */
export async function openLookup(tx: Tx, operatorId: string, lookupId: string, lock = false) {
  const [lookup] = await tx
    .select()
    .from(mfcLookups)
    .where(
      and(
        eq(mfcLookups.id, lookupId),
        eq(mfcLookups.operatorId, operatorId),
        gt(mfcLookups.expiresAt, new Date()),
      ),
    )
    .limit(1);
  if (!lookup?.userId) throw lookupGone();
  const q = tx.select().from(users).where(eq(users.id, lookup.userId)).limit(1);
  const [user] = lock ? await q.for('update') : await q;
  if (!user) throw lookupGone();
  return { lookup, user };
}

export type ActivationState = 'none' | 'active' | 'expired' | 'used';

/** Only what the operator needs: name, birth date, level, masked contacts, lock, activation, check. */
export async function citizenView(tx: Tx, lookup: Lookup, given: User) {
  // The verification first, then the account: a check finished in between (it raises the level
  // in the same commit) is never shown beside the old level.
  const verification = await latestVerification(tx, given.id);
  const [user = given] = await tx.select().from(users).where(eq(users.id, given.id)).limit(1);
  const lock = await currentLock(tx, userKey(user.id));
  const [activation] = await tx
    .select()
    .from(accountActivations)
    .where(and(eq(accountActivations.userId, user.id), isNull(accountActivations.revokedAt)))
    .orderBy(desc(accountActivations.createdAt))
    .limit(1);
  const activationState: ActivationState = !activation
    ? 'none'
    : activation.usedAt
      ? 'used'
      : activation.expiresAt <= new Date()
        ? 'expired'
        : 'active';
  const status = verification ? await standardStatus(tx, user.id, user.level, verification) : null;
  const recovery = await latestRequest(tx, user.id);
  const check = status
    ? {
        status: status.status,
        message:
          status.status === 'pending'
            ? 'Данные проверяются в МВД, Социальном фонде и ФНС. Обычно это занимает несколько минут.'
            : status.status === 'confirmed'
              ? 'Паспорт и СНИЛС подтверждены ведомствами.'
              : status.status === 'rejected'
                ? `Данные не прошли проверку.${status.reason ? ` ${status.reason}` : ''}`
                : '',
        checks: status.checks.map((c) => ({
          title: c.title,
          registry: c.registry,
          status: c.status,
          reason: c.reason,
        })),
      }
    : null;
  return {
    lookupId: lookup.id,
    /** The purpose chosen at the lookup (a key of lookupReasons, or 'registration'). */
    reasonKey: lookup.reason,
    reason: reasonLabel(lookup.reason),
    openUntil: lookup.expiresAt.toISOString(),
    fullName: fullName(user),
    birthDate: user.birthDate,
    level: user.level,
    levelLabel: levelWords[user.level],
    phone: user.phone ? maskDestination('sms', user.phone) : null,
    phoneConfirmed: !!user.phoneConfirmedAt,
    email: user.email ? maskDestination('email', user.email) : null,
    emailConfirmed: !!user.emailConfirmedAt,
    locked: !!lock,
    lockedUntil: lock?.toISOString() ?? null,
    /** A walk-in account the citizen has not activated yet has no password. */
    activated: !!user.passwordHash,
    activation: {
      status: activationState,
      expiresAt: activation && activationState === 'active' ? activation.expiresAt.toISOString() : null,
      /** Issued after a recovery at the desk (the account had a password before), or for a new account. */
      purpose: activation?.recoveryRequestId ? ('recovery' as const) : ('registration' as const),
    },
    check,
    /** The latest contacts-lost recovery request: the card completes an open one. */
    recovery: recovery ? requestSummary(recovery) : null,
  };
}
export type CitizenView = Awaited<ReturnType<typeof citizenView>>;

// ---------------------------------------------------------------------------------------------
// The passport at the desk

/**
 * The passport shown must be the one the registries confirmed for this account. A mismatch is
 * recorded; the caller commits it and then reports the problem.
 */
async function matchPassport(
  tx: Tx,
  effects: IdentityEffects,
  operator: Principal,
  lookup: Lookup,
  user: User,
  passport: string,
  client: Client,
): Promise<HttpProblem | null> {
  const person = await confirmedPerson(tx, user.id);
  if (!person) {
    const pending = (await latestVerification(tx, user.id))?.status === 'pending';
    return new HttpProblem(
      409,
      pending
        ? 'Паспорт и СНИЛС гражданина ещё проверяются в ведомствах. Дождитесь результата проверки — обычно это несколько минут.'
        : 'У учётной записи нет проверенных паспортных данных: она упрощённая. Сначала гражданин указывает паспорт и СНИЛС в личном кабинете, и ведомства их проверяют — после этого личность можно подтвердить в МФЦ.',
    );
  }
  if (person.passport === passport) return null;
  await effects.audit(tx, {
    action: 'mfc.passport.mismatch',
    actorUserId: operator.userId,
    actorRole: actorRoleOf(operator),
    subjectUserId: user.id,
    objectType: 'mfc_lookup',
    objectId: lookup.id,
    reason: reasonLabel(lookup.reason),
    ...client,
  });
  return new HttpProblem(
    422,
    'Паспорт не совпадает с проверенными данными учётной записи. Сверьте серию и номер; если паспорт заменён — гражданину нужно сначала обновить паспортные данные.',
    [{ field: 'passport', message: 'Не совпадает с паспортом в учётной записи' }],
  );
}

// ---------------------------------------------------------------------------------------------
// Activation of an account created at the desk

export interface Slip {
  fullName: string | null;
  phone: string;
  /** Path of the activation page, /activate/<token>; the console prints it with its origin. */
  path: string;
  link: string;
  tempPassword: string;
  expiresAt: string;
}

// No 0/O, 1/I/l: the citizen retypes it from paper.
const TEMP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
/** 12 characters (~68 bits) in three groups: «Kp7w-Rm3x-Q9aH». */
export function newTempPassword(): string {
  const chars = Array.from({ length: 12 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]!);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export const activationTokenHash = sha256;

const publicBase = (ctx: AppContext) => ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`;

/** A new link + temporary password (the argon2 hash computed by the caller outside the transaction). */
async function issueActivation(
  ctx: AppContext,
  tx: Tx,
  effects: IdentityEffects,
  operator: Principal,
  user: User,
  temp: { password: string; hash: string },
  client: Client,
  /** The recovery request completed at the desk, when the link restores access to an existing account. */
  recoveryRequestId: string | null = null,
): Promise<Slip> {
  const now = new Date();
  const revoked = await tx
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
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ACTIVATION_TTL_MS);
  const [row] = await tx
    .insert(accountActivations)
    .values({
      userId: user.id,
      tokenHash: sha256(token),
      tempPasswordHash: temp.hash,
      createdBy: operator.userId,
      createdAt: now,
      expiresAt,
      recoveryRequestId,
    })
    .returning({ id: accountActivations.id });
  const path = `/activate/${token}`;
  const link = `${publicBase(ctx)}${path}`;
  const until = `Действует до ${formatDateTime(expiresAt, 'Europe/Moscow')} (МСК).`;
  // The link goes to the phone given at the desk; the temporary password only on paper.
  await sendSms(
    ctx,
    {
      to: user.phone!,
      text: recoveryRequestId
        ? `Доступ к учётной записи в Кабинете восстановлен в МФЦ. Чтобы войти, откройте ссылку ${link} и введите временный пароль с памятки. ${until}`
        : `Учётная запись в Кабинете создана в МФЦ. Для активации откройте ссылку ${link} и введите временный пароль с памятки. ${until}`,
      purpose: 'mfc.activation',
    },
    tx,
  );
  await effects.audit(tx, {
    action: 'mfc.activation.issued',
    actorUserId: operator.userId,
    actorRole: actorRoleOf(operator),
    subjectUserId: user.id,
    objectType: 'account_activation',
    objectId: row!.id,
    ...client,
    details: { expiresAt: expiresAt.toISOString(), revokedPrevious: revoked.length, recoveryRequestId },
  });
  return {
    fullName: fullName(user),
    phone: maskDestination('sms', user.phone!),
    path,
    link,
    tempPassword: temp.password,
    expiresAt: expiresAt.toISOString(),
  };
}

async function newTemp(ctx: AppContext) {
  const password = newTempPassword();
  return { password, hash: await hashPassword(password, ctx.config.secrets.pepper) };
}

const needsActivation = (user: User) => !user.passwordHash && !!user.phone;

// ---------------------------------------------------------------------------------------------
// Confirming identity, re-issuing activation, unlocking

/**
 * The operator has seen the passport: it must match the registry-checked data, then the account
 * becomes подтверждённая. The citizen's sessions end (their ids must change at a level change and
 * only the citizen's own browser could be given a new one). An account created at the desk and
 * not activated yet gets its activation link and temporary password now.
 */
export async function confirmAtDesk(
  ctx: AppContext,
  effects: IdentityEffects,
  operator: Principal,
  lookupId: string,
  passport: string,
  client: Client,
) {
  const peek = await openLookup(ctx.db, operator.userId, lookupId);
  // argon2 runs outside the transaction; used only if the account still needs activating.
  const temp = needsActivation(peek.user) ? await newTemp(ctx) : null;
  const result = await ctx.db.transaction(async (tx) => {
    const { lookup, user } = await openLookup(tx, operator.userId, lookupId, true);
    const problem = await matchPassport(tx, effects, operator, lookup, user, passport, client);
    if (problem) return { problem };
    const { raised } = await confirmIdentity(tx, effects, {
      userId: user.id,
      method: 'mfc',
      actorUserId: operator.userId,
      actorRole: 'mfc_operator',
      details: { lookupId: lookup.id },
      client,
    });
    const sessionsEnded = raised ? await revokeUserSessions(tx, user.id, 'level_changed') : 0;
    const slip =
      temp && needsActivation(user)
        ? await issueActivation(ctx, tx, effects, operator, user, temp, client)
        : null;
    const [fresh] = await tx.select().from(users).where(eq(users.id, user.id));
    return { raised, sessionsEnded, slip, citizen: await citizenView(tx, lookup, fresh!) };
  });
  if ('problem' in result) throw result.problem;
  return result;
}

/** A new link and temporary password for an account created at the desk (the previous ones stop working). */
export async function reissueActivation(
  ctx: AppContext,
  effects: IdentityEffects,
  operator: Principal,
  lookupId: string,
  passport: string,
  client: Client,
) {
  const temp = await newTemp(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const { lookup, user } = await openLookup(tx, operator.userId, lookupId, true);
    if (!needsActivation(user))
      throw conflict('Учётная запись уже активирована: гражданин входит со своим паролем.');
    // After a recovery at the desk the passport was checked then, whatever the level.
    const recovered = await latestRequest(tx, user.id);
    const afterRecovery = recovered?.status === 'completed' && recovered.completedBy === 'mfc';
    if (user.level !== 'confirmed' && !afterRecovery)
      throw conflict('Сначала подтвердите личность гражданина по паспорту — затем выдайте данные для входа.');
    const problem = await matchPassport(tx, effects, operator, lookup, user, passport, client);
    if (problem) return { problem };
    const slip = await issueActivation(
      ctx,
      tx,
      effects,
      operator,
      user,
      temp,
      client,
      afterRecovery ? recovered.id : null,
    );
    return { slip, citizen: await citizenView(tx, lookup, user) };
  });
  if ('problem' in result) throw result.problem;
  return result;
}

/** «Разблокировать»: after the passport check, the wrong-password lock is lifted and the owner told. */
export async function unlockAtDesk(
  ctx: AppContext,
  effects: IdentityEffects,
  operator: Principal,
  lookupId: string,
  passport: string,
  client: Client,
) {
  const result = await ctx.db.transaction(async (tx) => {
    const { lookup, user } = await openLookup(tx, operator.userId, lookupId, true);
    const until = await currentLock(tx, userKey(user.id));
    if (!until) throw conflict('Учётная запись не заблокирована: гражданин может войти как обычно.');
    const problem = await matchPassport(tx, effects, operator, lookup, user, passport, client);
    if (problem) return { problem };
    await unlock(tx, userKey(user.id));
    await effects.audit(tx, {
      action: 'identity.account.unlocked',
      actorUserId: operator.userId,
      actorRole: actorRoleOf(operator),
      subjectUserId: user.id,
      objectType: 'mfc_lookup',
      objectId: lookup.id,
      reason: reasonLabel(lookup.reason),
      ...client,
      details: { lockedUntil: until.toISOString() },
    });
    await effects.notifyOwner(tx, confirmedContacts(user), {
      kind: 'security.unlocked',
      subject: 'Вход в Кабинет разблокирован',
      text: 'Сотрудник проверил ваш паспорт и разблокировал вход. Если вы не обращались за разблокировкой — смените пароль и обратитесь в поддержку.',
    });
    return { citizen: await citizenView(tx, lookup, user) };
  });
  if ('problem' in result) throw result.problem;
  return result;
}

// ---------------------------------------------------------------------------------------------
// A contacts-lost recovery request completed at the desk

export const recoveryAtDeskSchema = z.object({
  passport: passportField,
  /** The citizen's new mobile number: the activation link goes there. */
  phone: phoneSchema,
  /** The open request the card shows; null when the citizen has none — one is opened at the desk. */
  request: requestNumberSchema.nullish(),
});

/**
 * «Восстановить доступ»: the operator has checked the passport of a citizen who lost the phone and
 * the e-mail. The open request (or, for a citizen who has none — no security question, a forgotten
 * answer — one opened at the desk) is completed by 'mfc' with the operator recorded: the new phone
 * replaces the lost one, the old password and every old factor stop working, sessions end, changes
 * freeze for 24 hours (recovery-request.ts), and the citizen gets a single-use activation link by SMS
 * to the new phone + a temporary password on the slip, both for 72 hours — at first use they choose
 * a password and confirm the phone by a code (activation.ts).
 */
export async function completeRecoveryAtDesk(
  ctx: AppContext,
  effects: IdentityEffects,
  operator: Principal,
  lookupId: string,
  body: z.output<typeof recoveryAtDeskSchema>,
  client: Client,
) {
  await openLookup(ctx.db, operator.userId, lookupId);
  // argon2 outside the transaction.
  const temp = await newTemp(ctx);
  const role = actorRoleOf(operator);
  let result: { problem: HttpProblem } | { slip: Slip; citizen: CitizenView };
  try {
    result = await ctx.db.transaction(async (tx) => {
      const { lookup, user } = await openLookup(tx, operator.userId, lookupId, true);
      let request: RecoveryRequest | null = body.request
        ? await requestByNumber(tx, body.request, true)
        : await openRequestOf(tx, user.id, true);
      // No number given and the open one is past its date: a new one is opened below.
      if (!body.request && request && statusNow(request) !== 'opened') request = null;
      if (body.request && (!request || request.userId !== user.id))
        throw new HttpProblem(404, `Запрос № ${body.request} не найден у этого гражданина. Сверьте номер.`, [
          { field: 'request', message: 'Нет такого запроса у гражданина' },
        ]);
      if (request) requireOpen(request);
      const problem = await matchPassport(tx, effects, operator, lookup, user, body.passport, client);
      if (problem) return { problem };
      if (await phoneTaken(tx, body.phone, user.id))
        return { problem: new HttpProblem(409, PHONE_TAKEN, [{ field: 'phone', message: 'Номер занят' }]) };
      request ??= (
        await openRequest(tx, effects, { user, via: 'mfc', client, operator: { id: operator.userId, role } })
      ).request;
      await effects.audit(tx, {
        action: 'mfc.recovery.checked',
        actorUserId: operator.userId,
        actorRole: role,
        subjectUserId: user.id,
        objectType: 'mfc_lookup',
        objectId: lookup.id,
        reason: reasonLabel(lookup.reason),
        ...client,
        details: { number: request.number },
      });
      await completeRecovery(tx, effects, {
        request,
        user,
        method: 'mfc',
        phone: body.phone,
        phoneConfirmed: false,
        passwordHash: null,
        client,
        operator: { id: operator.userId, role },
      });
      const [fresh] = await tx.select().from(users).where(eq(users.id, user.id));
      const slip = await issueActivation(ctx, tx, effects, operator, fresh!, temp, client, request.id);
      return { slip, citizen: await citizenView(tx, lookup, fresh!) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new HttpProblem(409, PHONE_TAKEN);
    throw err;
  }
  if ('problem' in result) throw result.problem;
  return result;
}

// ---------------------------------------------------------------------------------------------
// A walk-in citizen's new account

export const WALK_IN_DUPLICATE =
  'Учётная запись с такими данными уже существует. Найдите её по СНИЛС, телефону или паспорту: гражданин может восстановить доступ, а вы — подтвердить личность или разблокировать вход.';

/**
 * Creates the account of a citizen at the desk: no usable password, the phone not yet confirmed
 * (it cannot sign in until activated), and sends the data to the registries through the same
 * check as the standard level. A phone, e-mail, СНИЛС or passport already used is refused
 * without saying which account has it.
 */
export async function createWalkIn(
  ctx: AppContext,
  effects: IdentityEffects,
  operator: Principal,
  body: WalkInRequest,
  client: Client,
) {
  const p = body.person;
  const email = body.email ? body.email : null;
  const now = new Date();
  let created: { userId: string; lookupId: string } | null;
  try {
    created = await ctx.db.transaction(async (tx) => {
      await checkLookupBudget(tx, operator.userId, now);
      const [holder] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          or(
            eq(users.phone, body.phone),
            eq(users.snils, p.snils),
            ...(email ? [eq(users.email, email)] : []),
          ),
        )
        .limit(1);
      const [checked] = holder
        ? []
        : await tx
            .select({ id: identityVerifications.id })
            .from(identityVerifications)
            .where(
              and(
                inArray(identityVerifications.status, ['pending', 'confirmed']),
                or(eq(identityVerifications.snils, p.snils), eq(identityVerifications.passport, p.passport)),
              ),
            )
            .limit(1);
      if (holder || checked) {
        await effects.audit(tx, {
          action: 'mfc.account.duplicate',
          actorUserId: operator.userId,
          actorRole: 'mfc_operator',
          ...client,
        });
        return null;
      }
      const [user] = await tx
        .insert(users)
        .values({
          phone: body.phone,
          email,
          passwordHash: null,
          level: 'simplified',
          lastName: p.lastName,
          firstName: p.firstName,
          middleName: p.middleName || null,
          birthDate: p.birthDate,
          consentVersion: CONSENT_VERSION,
          consentAcceptedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id });
      const [lookup] = await tx
        .insert(mfcLookups)
        .values({
          operatorId: operator.userId,
          userId: user!.id,
          identifierKind: 'created',
          reason: 'registration',
          createdAt: now,
          expiresAt: new Date(now.getTime() + LOOKUP_TTL_MS),
        })
        .returning({ id: mfcLookups.id });
      await effects.audit(tx, {
        action: 'mfc.account.created',
        actorUserId: operator.userId,
        actorRole: 'mfc_operator',
        subjectUserId: user!.id,
        objectType: 'mfc_lookup',
        objectId: lookup!.id,
        reason: reasonLabel('registration'),
        ...client,
        details: { email: !!email },
      });
      return { userId: user!.id, lookupId: lookup!.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(WALK_IN_DUPLICATE);
    throw err;
  }
  if (!created) throw conflict(WALK_IN_DUPLICATE);
  try {
    await submitStandard(ctx, effects, { userId: created.userId }, p, client);
  } catch (err) {
    // Someone took the СНИЛС or passport in between: the new account is taken back whole.
    await ctx.db.transaction(async (tx) => {
      await tx.delete(mfcLookups).where(eq(mfcLookups.userId, created.userId));
      await tx.delete(users).where(eq(users.id, created.userId));
    });
    if (err instanceof HttpProblem && err.status === 409) throw conflict(WALK_IN_DUPLICATE);
    throw err;
  }
  return ctx.db.transaction(async (tx) => {
    const { lookup, user } = await openLookup(tx, operator.userId, created.lookupId);
    return citizenView(tx, lookup, user);
  });
}
