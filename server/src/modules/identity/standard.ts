// The standard level (PRODUCT.md §1): ФИО, date of birth, passport and СНИЛС (and ИНН if given)
// entered by the person and checked against the state registries — МВД, СФР, ФНС — through the
// RegistriesGateway. Submitting stores the data and a pending verification in one transaction; a
// queued job then sends the requests, polls for the answers and, when all are in, raises the level
// or rejects with each registry's reason. Everything here is scoped to the caller's own account.
import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { passportSchema, snilsSchema, validateInnPerson } from '@kabinet/shared';
import type { AppContext } from '../../platform/context';
import type { Principal } from '../../platform/access';
import type { Tx } from '../../platform/db';
import { HttpProblem, conflict, notFound } from '../../platform/errors';
import { auditLog } from '../../platform/audit';
import { defineJob, type JobDefinition } from '../../platform/jobs';
import { identityVerificationChecks, identityVerifications, users, type AccountLevel } from './schema';
import { confirmedContacts, type Client } from './login';
import type { IdentityEffects } from './effects';
import {
  RegistryError,
  registriesGateway,
  type RegistriesGateway,
  type RegistryKind,
  type RegistryPerson,
} from './registries';

export const STANDARD_CHECK_JOB = 'identity.standard.check';
export const STANDARD_SWEEP_JOB = 'identity.standard.sweep';

/** Verifications started (and duplicate attempts) per account in 24 hours: the registries are not a lookup service. */
export const STANDARD_ATTEMPTS_PER_DAY = 10;
/** A pending verification nobody has worked on for this long gets a new polling job. */
const STALE_MS = 2 * 60 * 1000;
/** How long one job run may hold a verification. */
const LEASE_MS = 2 * 60 * 1000;
/** After this, a verification still without every answer is closed with a «no answer» reason. */
export const GIVE_UP_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const DUPLICATE_MESSAGE =
  'Эти данные уже используются в другой учётной записи. Если это ваша учётная запись — восстановите доступ к ней или обратитесь в МФЦ.';
const NO_ANSWER_MESSAGE = 'Ведомства не ответили на запрос вовремя. Отправьте данные ещё раз.';

export type Verification = typeof identityVerifications.$inferSelect;
type Check = typeof identityVerificationChecks.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Input

const CYRILLIC_NAME = /^[А-ЯЁа-яё](?:[А-ЯЁа-яё' -]*[А-ЯЁа-яё])?$/;
const NAME_RULE = 'Как в паспорте: русские буквы, дефис, апостроф или пробел';

/**
 * «иванов-петров» or «ИВАНОВ-ПЕТРОВ» → «Иванов-Петров»; a name typed in mixed case is kept as typed
 * («Гейдар оглы»). The registries compare names regardless of case anyway.
 */
function capitalise(input: string) {
  const s = input.replace(/\s+/g, ' ');
  if (s !== s.toLowerCase() && s !== s.toUpperCase()) return s;
  return s
    .toLowerCase()
    .replace(/(^|[\s'-])([а-яё])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

const requiredName = (what: string) =>
  z
    .string({ error: `Укажите ${what}` })
    .trim()
    .min(1, `Укажите ${what}`)
    .max(60, 'Не длиннее 60 символов')
    .regex(CYRILLIC_NAME, NAME_RULE)
    .overwrite(capitalise);

const isoDate = (what: string) => z.iso.date({ error: `Укажите ${what} в формате ГГГГ-ММ-ДД` });

const ISSUER_CODE = /^(\d{3})[\s-]?(\d{3})$/;

export const standardRequestSchema = z
  .object({
    lastName: requiredName('фамилию'),
    firstName: requiredName('имя'),
    middleName: z
      .string()
      .trim()
      .max(60, 'Не длиннее 60 символов')
      .refine((v) => v === '' || CYRILLIC_NAME.test(v), NAME_RULE)
      .overwrite(capitalise)
      .nullish(),
    birthDate: isoDate('дату рождения'),
    passport: passportSchema,
    passportIssuedAt: isoDate('дату выдачи паспорта'),
    passportIssuerCode: z
      .string({ error: 'Укажите код подразделения, например 770-001' })
      .trim()
      .regex(ISSUER_CODE, 'Код подразделения — 6 цифр, например 770-001')
      .overwrite((v) => v.replace(ISSUER_CODE, '$1-$2')),
    snils: snilsSchema,
    inn: z
      .string()
      .trim()
      .superRefine((v, c) => {
        const r = v === '' ? null : validateInnPerson(v);
        if (r && !r.ok) c.addIssue({ code: 'custom', message: r.message });
      })
      .overwrite((v) => {
        const r = v === '' ? null : validateInnPerson(v);
        return r?.ok ? r.value : v;
      })
      .nullish(),
  })
  .superRefine((b, c) => {
    const today = todayInMoscow();
    const issue = (path: string, message: string) => c.addIssue({ code: 'custom', path: [path], message });
    if (b.birthDate > today) issue('birthDate', 'Дата рождения не может быть в будущем');
    else if (b.birthDate < '1900-01-01') issue('birthDate', 'Проверьте год рождения');
    else if (addYears(b.birthDate, 14) > today)
      issue('birthDate', 'Стандартная учётная запись доступна с 14 лет — с получения паспорта');
    if (b.passportIssuedAt > today) issue('passportIssuedAt', 'Дата выдачи паспорта не может быть в будущем');
    else if (b.passportIssuedAt < '1997-10-01')
      issue(
        'passportIssuedAt',
        'Паспорта этого образца выдаются с 1 октября 1997 года — проверьте дату выдачи',
      );
    else if (b.birthDate <= today && b.passportIssuedAt < addYears(b.birthDate, 14)) {
      issue('passportIssuedAt', 'Паспорт выдаётся с 14 лет — проверьте дату выдачи и дату рождения');
    }
  });

export type StandardRequest = z.output<typeof standardRequestSchema>;

interface StandardData {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  passport: string;
  passportIssuedAt: string;
  passportIssuerCode: string;
  snils: string;
  inn: string | null;
}

const normalise = (b: StandardRequest): StandardData => ({
  lastName: b.lastName,
  firstName: b.firstName,
  middleName: b.middleName ? b.middleName : null,
  birthDate: b.birthDate,
  passport: b.passport,
  passportIssuedAt: b.passportIssuedAt,
  passportIssuerCode: b.passportIssuerCode,
  snils: b.snils,
  inn: b.inn ? b.inn : null,
});

const FIELDS = [
  'lastName',
  'firstName',
  'middleName',
  'birthDate',
  'passport',
  'passportIssuedAt',
  'passportIssuerCode',
  'snils',
  'inn',
] as const;
const sameData = (v: Verification, d: StandardData) => FIELDS.every((f) => (v[f] ?? null) === d[f]);

const moscowDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export const todayInMoscow = (now = new Date()) => moscowDay.format(now);

/** YYYY-MM-DD plus whole years (29 February → 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Words

export const registryOf: Record<
  RegistryKind,
  { title: string; noun: string; registry: string; whatToDo: string }
> = {
  passport: {
    title: 'Паспорт',
    noun: 'паспорт',
    registry: 'МВД России',
    whatToDo:
      'Сверьте серию, номер, дату выдачи и код подразделения с паспортом. Если паспорт просрочен, утерян или заменён — получите новый в МВД или МФЦ и отправьте его данные.',
  },
  snils: {
    title: 'СНИЛС',
    noun: 'СНИЛС',
    registry: 'Социальный фонд России',
    whatToDo:
      'Сверьте номер СНИЛС, ФИО и дату рождения. Если сведения в Социальном фонде неверны — обратитесь в Социальный фонд или МФЦ.',
  },
  inn: {
    title: 'ИНН',
    noun: 'ИНН',
    registry: 'ФНС России',
    whatToDo: 'Сверьте ИНН — или отправьте данные без него: ИНН указывать необязательно.',
  },
};

const DEFAULT_REASON: Record<RegistryKind, string> = {
  passport: 'МВД не подтвердило паспорт.',
  snils: 'Социальный фонд не подтвердил СНИЛС.',
  inn: 'ФНС не подтвердила ИНН.',
};

const levelWord: Record<AccountLevel, string> = {
  simplified: 'упрощённая',
  standard: 'стандартная',
  confirmed: 'подтверждённая',
};

// ---------------------------------------------------------------------------------------------
// Submitting

const newToken = () => randomBytes(16).toString('base64url');

/** A unique index refused a write (PostgreSQL 23505), on either driver, however wrapped. */
export const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
};

async function findDuplicate(tx: Tx, userId: string, d: StandardData): Promise<'snils' | 'passport' | null> {
  const [holder] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.snils, d.snils), ne(users.id, userId)))
    .limit(1);
  if (holder) return 'snils';
  const [other] = await tx
    .select({ snils: identityVerifications.snils })
    .from(identityVerifications)
    .where(
      and(
        ne(identityVerifications.userId, userId),
        inArray(identityVerifications.status, ['pending', 'confirmed']),
        or(eq(identityVerifications.snils, d.snils), eq(identityVerifications.passport, d.passport)),
      ),
    )
    .limit(1);
  if (other) return other.snils === d.snils ? 'snils' : 'passport';
  return null;
}

export type SubmitResult = { verificationId: string; created: boolean };

/**
 * Starts the check of the caller's data. Sending exactly the same data again while it is pending
 * returns the same verification (a double click, a retried request); other data while pending is
 * refused. A СНИЛС or passport already used by another account is refused without saying which.
 */
export async function submitStandard(
  ctx: AppContext,
  effects: IdentityEffects,
  // Only the account is needed: an МФЦ operator submits for a walk-in citizen's new account too.
  principal: Pick<Principal, 'userId'>,
  body: StandardRequest,
  client: Client,
): Promise<SubmitResult> {
  const data = normalise(body);
  let outcome: { kind: 'same' | 'created'; id: string; token?: string } | { kind: 'duplicate' };
  try {
    outcome = await ctx.db.transaction(async (tx) => {
      // The account row is locked: one submission at a time per person.
      const [user] = await tx.select().from(users).where(eq(users.id, principal.userId)).for('update');
      if (!user) throw notFound('Учётная запись не найдена');
      if (user.level !== 'simplified') {
        throw conflict(
          `Ваша учётная запись уже ${levelWord[user.level]}. Изменить паспорт или СНИЛС можно в разделе «Мои данные».`,
        );
      }
      const [pending] = await tx
        .select()
        .from(identityVerifications)
        .where(and(eq(identityVerifications.userId, user.id), eq(identityVerifications.status, 'pending')))
        .limit(1);
      if (pending) {
        if (sameData(pending, data)) return { kind: 'same' as const, id: pending.id };
        throw conflict(
          'Ваши данные уже проверяются в ведомствах. Дождитесь результата: если данные окажутся неверными, вы сможете исправить их и отправить снова.',
        );
      }

      const since = new Date(Date.now() - DAY_MS);
      const [started] = await tx
        .select({ n: count() })
        .from(identityVerifications)
        .where(and(eq(identityVerifications.userId, user.id), gte(identityVerifications.createdAt, since)));
      const [refused] = await tx
        .select({ n: count() })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.actorUserId, user.id),
            eq(auditLog.action, 'identity.standard.duplicate'),
            gte(auditLog.occurredAt, since),
          ),
        );
      if ((started?.n ?? 0) + (refused?.n ?? 0) >= STANDARD_ATTEMPTS_PER_DAY) {
        throw new HttpProblem(
          429,
          'Слишком много попыток проверки данных за сутки. Попробуйте завтра или обратитесь в МФЦ.',
        );
      }

      const matched = await findDuplicate(tx, user.id, data);
      if (matched) {
        // Recorded (a security event), then refused: which account holds the data is never said.
        await effects.audit(tx, {
          action: 'identity.standard.duplicate',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...client,
          details: { matched },
        });
        return { kind: 'duplicate' as const };
      }

      const token = newToken();
      const [verification] = await tx
        .insert(identityVerifications)
        .values({ userId: user.id, ...data, pollToken: token })
        .returning({ id: identityVerifications.id });
      const id = verification!.id;
      const kinds: RegistryKind[] = data.inn ? ['passport', 'snils', 'inn'] : ['passport', 'snils'];
      await tx
        .insert(identityVerificationChecks)
        .values(kinds.map((kind) => ({ verificationId: id, kind, requestId: `kbn-${id}-${kind}` })));
      await effects.audit(tx, {
        action: 'identity.standard.submitted',
        actorUserId: user.id,
        subjectUserId: user.id,
        objectType: 'identity_verification',
        objectId: id,
        ...client,
        details: { checks: kinds },
      });
      return { kind: 'created' as const, id, token };
    });
  } catch (err) {
    // Another account took the same СНИЛС or passport a moment ago.
    if (isUniqueViolation(err)) throw conflict(DUPLICATE_MESSAGE);
    throw err;
  }
  if (outcome.kind === 'duplicate') throw conflict(DUPLICATE_MESSAGE);
  if (outcome.kind === 'created') await enqueueCheck(ctx, outcome.id, outcome.token!);
  return { verificationId: outcome.id, created: outcome.kind === 'created' };
}

/** Queues the polling job; should the queue be unavailable, the sweep picks the verification up. */
async function enqueueCheck(ctx: AppContext, id: string, token: string, startAfterSeconds?: number) {
  try {
    await ctx.jobs.send(STANDARD_CHECK_JOB, { id, token }, { startAfterSeconds });
  } catch (err) {
    ctx.log.warn({ err, verificationId: id }, 'registry check not queued; the sweep will retry');
  }
}

// ---------------------------------------------------------------------------------------------
// Talking to the registries (the job)

const personOf = (v: Verification): RegistryPerson => ({
  lastName: v.lastName,
  firstName: v.firstName,
  middleName: v.middleName,
  birthDate: v.birthDate,
  passport: {
    series: v.passport.slice(0, 4),
    number: v.passport.slice(4),
    issuedAt: v.passportIssuedAt,
    issuerCode: v.passportIssuerCode,
  },
  snils: v.snils,
  ...(v.inn ? { inn: v.inn } : {}),
});

/**
 * One run of the polling job. Only the run holding the verification's current token works on it
 * (a lease keeps two runs apart), so however many copies of the job exist, one chain polls: each
 * run either finishes, or hands a new token to the next run. Network calls happen outside any
 * transaction. A failure (registries unreachable, an answer with a bad signature) is thrown so
 * the queue retries with backoff; nothing from an unsigned answer is ever stored.
 */
export async function processVerification(
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: RegistriesGateway,
  job: { id: string; token: string },
): Promise<'finished' | 'waiting' | 'skipped'> {
  const now = new Date();
  const v = identityVerifications;
  const [claimed] = await ctx.db
    .update(v)
    .set({ leaseUntil: new Date(now.getTime() + LEASE_MS), polledAt: now })
    .where(
      and(
        eq(v.id, job.id),
        eq(v.status, 'pending'),
        eq(v.pollToken, job.token),
        or(isNull(v.leaseUntil), lt(v.leaseUntil, now)),
      ),
    )
    .returning();
  if (!claimed) return 'skipped';
  const c = identityVerificationChecks;
  try {
    const checks = await ctx.db.select().from(c).where(eq(c.verificationId, claimed.id));
    const person = personOf(claimed);
    const runs = await Promise.allSettled(
      checks.filter((check) => !check.answeredAt).map((check) => askRegistry(ctx, gateway, check, person)),
    );
    const failed = runs.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    const open = await ctx.db
      .select({ id: c.id })
      .from(c)
      .where(and(eq(c.verificationId, claimed.id), isNull(c.answeredAt)));
    if (!open.length) {
      await finalizeVerification(ctx, effects, claimed.id);
      return 'finished';
    }
    const next = newToken();
    const [moved] = await ctx.db
      .update(v)
      .set({ pollToken: next, leaseUntil: null })
      .where(and(eq(v.id, claimed.id), eq(v.pollToken, job.token)))
      .returning({ id: v.id });
    if (moved) await enqueueCheck(ctx, claimed.id, next, ctx.config.registriesPollSeconds);
    return 'waiting';
  } catch (err) {
    await ctx.db
      .update(v)
      .set({ leaseUntil: null })
      .where(and(eq(v.id, claimed.id), eq(v.pollToken, job.token)));
    throw err;
  }
}

async function askRegistry(
  ctx: AppContext,
  gateway: RegistriesGateway,
  check: Check,
  person: RegistryPerson,
) {
  const c = identityVerificationChecks;
  if (!check.submittedAt) {
    await gateway.submit(check.kind, check.requestId, person);
    await ctx.db.update(c).set({ submittedAt: new Date() }).where(eq(c.id, check.id));
  }
  let answer;
  try {
    answer = await gateway.poll(check.requestId);
  } catch (err) {
    // The registry lost the request: send it again (same key) on the next run.
    if (err instanceof RegistryError && err.code === 'unknown_request')
      await ctx.db.update(c).set({ submittedAt: null }).where(eq(c.id, check.id));
    throw err;
  }
  if (answer.status !== 'done') return;
  await ctx.db
    .update(c)
    .set({
      result: answer.result,
      reason: answer.result === 'invalid' ? (answer.reason ?? DEFAULT_REASON[check.kind]) : null,
      answeredAt: new Date(),
    })
    .where(and(eq(c.id, check.id), isNull(c.answeredAt)));
}

const checkedList = (kinds: RegistryKind[]) =>
  kinds.map((k) => `${registryOf[k].noun} — ${registryOf[k].registry}`).join(', ');

/**
 * Closes a verification once every registry has answered (or, with giveUp, when they never did):
 * all valid → the account becomes standard with the checked ФИО, birth date and СНИЛС; otherwise
 * rejected with each reason. The owner is told either way; the audit entry comes last.
 */
export async function finalizeVerification(
  ctx: AppContext,
  effects: IdentityEffects,
  id: string,
  options: { giveUp?: boolean } = {},
) {
  const v = identityVerifications;
  return ctx.db.transaction(async (tx) => {
    const [verification] = await tx
      .select()
      .from(v)
      .where(and(eq(v.id, id), eq(v.status, 'pending')))
      .for('update');
    if (!verification) return null;
    const checks = await tx
      .select()
      .from(identityVerificationChecks)
      .where(eq(identityVerificationChecks.verificationId, id));
    const unanswered = checks.filter((c) => !c.answeredAt);
    if (unanswered.length && !options.giveUp) return null;
    const [user] = await tx.select().from(users).where(eq(users.id, verification.userId)).for('update');
    const now = new Date();
    if (!user) {
      await tx
        .update(v)
        .set({
          status: 'rejected',
          reason: 'Учётная запись удалена.',
          completedAt: now,
          pollToken: null,
          leaseUntil: null,
        })
        .where(eq(v.id, id));
      return 'rejected' as const;
    }
    const failed = checks.filter((c) => c.answeredAt && c.result !== 'valid');
    let reason: string | null = unanswered.length ? NO_ANSWER_MESSAGE : null;
    if (!reason && !failed.length) {
      const [holder] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.snils, verification.snils), ne(users.id, user.id)))
        .limit(1);
      if (holder) reason = DUPLICATE_MESSAGE;
    }
    const kinds = checks.map((c) => c.kind);

    if (!reason && !failed.length) {
      const raise = user.level === 'simplified';
      if (raise) {
        await tx
          .update(users)
          .set({
            level: 'standard',
            lastName: verification.lastName,
            firstName: verification.firstName,
            middleName: verification.middleName,
            birthDate: verification.birthDate,
            snils: verification.snils,
            updatedAt: now,
          })
          .where(eq(users.id, user.id));
      }
      await tx
        .update(v)
        .set({ status: 'confirmed', completedAt: now, pollToken: null, leaseUntil: null })
        .where(eq(v.id, id));
      await effects.notifyOwner(tx, confirmedContacts(user), {
        kind: 'identity.standard_confirmed',
        subject: 'Учётная запись стала стандартной',
        text: `Данные проверены: ${checkedList(kinds)}. Теперь ваша учётная запись — стандартная: доступно большинство услуг и оплата. Если вы не отправляли данные на проверку — обратитесь в поддержку.`,
      });
      await effects.audit(tx, {
        action: 'identity.level.raised',
        actorRole: 'system',
        subjectUserId: user.id,
        objectType: 'identity_verification',
        objectId: id,
        details: { from: user.level, to: raise ? 'standard' : user.level, checks: kinds },
      });
      return 'confirmed' as const;
    }

    await tx
      .update(v)
      .set({ status: 'rejected', reason, completedAt: now, pollToken: null, leaseUntil: null })
      .where(eq(v.id, id));
    const reasons = failed.map(
      (c) =>
        `${registryOf[c.kind].title} (${registryOf[c.kind].registry}): ${c.reason ?? DEFAULT_REASON[c.kind]}`,
    );
    if (reason) reasons.unshift(reason);
    await effects.notifyOwner(tx, confirmedContacts(user), {
      kind: 'identity.standard_rejected',
      subject: 'Данные не прошли проверку',
      text: `Данные для стандартной учётной записи не прошли проверку. ${reasons.join(' ')} Исправьте данные в личном кабинете и отправьте их снова.`,
    });
    await effects.audit(tx, {
      action: 'identity.standard.rejected',
      actorRole: 'system',
      subjectUserId: user.id,
      objectType: 'identity_verification',
      objectId: id,
      details: {
        failed: failed.map((c) => c.kind),
        ...(reason === DUPLICATE_MESSAGE ? { duplicate: true } : {}),
        ...(unanswered.length ? { noAnswer: unanswered.map((c) => c.kind) } : {}),
      },
    });
    return 'rejected' as const;
  });
}

/**
 * Every minute: a pending verification nobody has touched for a while (its job lost, or waiting
 * out a long retry) gets a fresh job — the new token retires any old one; after 24 hours without
 * every answer it is closed with a «no answer» reason.
 */
export async function sweepVerifications(ctx: AppContext, effects: IdentityEffects, now = new Date()) {
  const v = identityVerifications;
  const stale = await ctx.db
    .select({ id: v.id, createdAt: v.createdAt })
    .from(v)
    .where(
      and(
        eq(v.status, 'pending'),
        or(isNull(v.leaseUntil), lt(v.leaseUntil, now)),
        lt(sql`coalesce(${v.polledAt}, ${v.createdAt})`, new Date(now.getTime() - STALE_MS)),
      ),
    )
    .limit(100);
  let requeued = 0;
  let closed = 0;
  for (const row of stale) {
    if (row.createdAt.getTime() < now.getTime() - GIVE_UP_MS) {
      if (await finalizeVerification(ctx, effects, row.id, { giveUp: true })) closed += 1;
      continue;
    }
    const token = newToken();
    const [moved] = await ctx.db
      .update(v)
      .set({ pollToken: token, polledAt: now })
      .where(and(eq(v.id, row.id), eq(v.status, 'pending')))
      .returning({ id: v.id });
    if (moved) {
      await enqueueCheck(ctx, row.id, token);
      requeued += 1;
    }
  }
  return { requeued, closed };
}

export function standardJobs(
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: RegistriesGateway = registriesGateway(ctx.config),
): JobDefinition[] {
  return [
    defineJob<{ id: string; token: string }>({
      name: STANDARD_CHECK_JOB,
      retryLimit: 8,
      retryDelaySeconds: 2,
      expireInSeconds: 120,
      handler: async (data) => void (await processVerification(ctx, effects, gateway, data)),
    }),
    defineJob({
      name: STANDARD_SWEEP_JOB,
      schedule: '* * * * *',
      retryLimit: 0,
      handler: async () => {
        const done = await sweepVerifications(ctx, effects);
        if (done.requeued || done.closed) ctx.log.info(done, 'registry checks swept');
      },
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading the status

export const checkStatuses = ['pending', 'valid', 'invalid', 'no_answer'] as const;
export const standardStatuses = ['none', 'pending', 'confirmed', 'rejected'] as const;

export interface StandardStatus {
  id: string | null;
  level: AccountLevel;
  status: (typeof standardStatuses)[number];
  message: string;
  reason: string | null;
  whatToDo: string | null;
  submittedAt: string | null;
  completedAt: string | null;
  checks: Array<{
    kind: RegistryKind;
    title: string;
    registry: string;
    status: (typeof checkStatuses)[number];
    reason: string | null;
    whatToDo: string | null;
  }>;
  submitted: StandardData | null;
}

/** The caller's latest verification (scoped to the caller in SQL). */
export async function latestVerification(db: Tx, userId: string): Promise<Verification | null> {
  const [row] = await db
    .select()
    .from(identityVerifications)
    .where(eq(identityVerifications.userId, userId))
    .orderBy(desc(identityVerifications.createdAt))
    .limit(1);
  return row ?? null;
}

export async function standardStatus(
  db: Tx,
  userId: string,
  level: AccountLevel,
  verification?: Verification | null,
): Promise<StandardStatus> {
  const v = verification === undefined ? await latestVerification(db, userId) : verification;
  const empty = {
    id: null,
    reason: null,
    whatToDo: null,
    submittedAt: null,
    completedAt: null,
    checks: [],
    submitted: null,
  };
  if (!v || (level !== 'simplified' && v.status !== 'confirmed')) {
    return level === 'simplified'
      ? {
          ...empty,
          level,
          status: 'none',
          message:
            'Чтобы получить стандартную учётную запись, укажите ФИО, дату рождения, паспорт и СНИЛС: мы проверим их в МВД, Социальном фонде и ФНС.',
        }
      : { ...empty, level, status: 'confirmed', message: `Ваша учётная запись — ${levelWord[level]}.` };
  }
  const rows = await db
    .select()
    .from(identityVerificationChecks)
    .where(eq(identityVerificationChecks.verificationId, v.id));
  const order: RegistryKind[] = ['passport', 'snils', 'inn'];
  rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const checks = rows.map((c) => {
    const status = c.answeredAt
      ? c.result === 'valid'
        ? 'valid'
        : 'invalid'
      : v.status === 'pending'
        ? 'pending'
        : 'no_answer';
    return {
      kind: c.kind,
      title: registryOf[c.kind].title,
      registry: registryOf[c.kind].registry,
      status,
      reason: status === 'invalid' ? (c.reason ?? DEFAULT_REASON[c.kind]) : null,
      whatToDo: status === 'invalid' ? registryOf[c.kind].whatToDo : null,
    } as const;
  });
  const running = checks
    .filter((c) => c.status === 'pending')
    .map((c) => `${registryOf[c.kind].noun} — ${c.registry}`);
  const message =
    v.status === 'pending'
      ? `Данные проверяются в ведомствах. Ещё идёт проверка: ${running.join(', ') || 'подводим итог'}. Обычно это занимает несколько минут — результат придёт по SMS и на почту.`
      : v.status === 'confirmed'
        ? `Данные проверены. Ваша учётная запись — ${levelWord[level]}.`
        : 'Данные не прошли проверку. Исправьте их и отправьте снова.';
  const whatToDo =
    v.status !== 'rejected'
      ? null
      : v.reason === DUPLICATE_MESSAGE
        ? 'Войдите в учётную запись, в которой уже указаны эти данные, или восстановите доступ к ней. Если вы не регистрировались раньше — обратитесь в МФЦ с паспортом.'
        : v.reason
          ? 'Отправьте данные ещё раз.'
          : 'Исправьте данные, которые не подтвердили ведомства, и отправьте их снова.';
  return {
    id: v.id,
    level,
    status: v.status,
    message,
    reason: v.reason,
    whatToDo,
    submittedAt: v.createdAt.toISOString(),
    completedAt: v.completedAt?.toISOString() ?? null,
    checks,
    submitted: Object.fromEntries(FIELDS.map((f) => [f, v[f] ?? null])) as unknown as StandardData,
  };
}
