import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { checkPassword } from '@kabinet/shared/password';
import type { Principal } from '../../platform/access';
import type { Api, AppContext } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { HttpProblem, notFound } from '../../platform/errors';
import { markReauthenticated, revokeUserSessions } from '../../platform/sessions';
import { STEP_UP_MS } from '../../platform/sessions/policy';
import { sendCode } from './codes';
import {
  backupCodesLeft,
  factorCounts,
  listFactors,
  regenerateBackupCodes,
  removeFactor,
  startTotp,
  verifyTotp,
} from './factors';
import { authRateLimit, clientOf } from './http';
import { checkFactor, confirmedContacts, currentSecondFactors, loadUser, type User } from './login';
import { hashPassword, verifyPassword } from './passwords';
import { userKey } from './login-id';
import { users } from './schema';
import type { IdentityEffects } from './effects';
import { liftBlock, listBlockedSources } from './suspicious';
import { securityEventRoutes } from './security-events';
import { formatTimeMoscow } from './words';

export const STEP_UP_PROBLEM = 'urn:kabinet:problem:step-up-required';

/** Critical actions need a proof of identity from the last 15 minutes (PRODUCT.md §1). */
export function requireRecentAuth(principal: Principal, now = new Date()) {
  if (now.getTime() - principal.session.authenticatedAt.getTime() > STEP_UP_MS) {
    throw new HttpProblem(
      403,
      'Подтвердите, что это вы: введите код второго фактора и повторите действие.',
      undefined,
      STEP_UP_PROBLEM,
    );
  }
}

/** After a password reset, contacts and second factors stay as they are for 24 hours. */
export function requireNotFrozen(user: User, now = new Date()) {
  if (user.frozenUntil && user.frozenUntil > now) {
    throw new HttpProblem(
      423,
      `После восстановления пароля способы входа и контакты нельзя менять до ${formatTimeMoscow(user.frozenUntil)} — это защищает учётную запись от захвата.`,
    );
  }
}

/**
 * A change to the ways in (factors, password, contacts): step-up first, then in one transaction the
 * caller's account, refused while frozen after a reset (a new name for a factor changes no way in:
 * `frozenMatters` false), and the change.
 */
export async function changeFactors<T>(
  db: Db,
  principal: Principal,
  run: (tx: Tx, user: User) => Promise<T>,
  frozenMatters = true,
): Promise<T> {
  requireRecentAuth(principal);
  return db.transaction(async (tx) => {
    const user = await loadUser(tx, principal.userId);
    if (frozenMatters) requireNotFrozen(user);
    return run(tx, user);
  });
}

const codeFactor = z.enum(['sms', 'email']);
const anyFactor = z.enum(['sms', 'email', 'totp', 'backup']);
const code = z
  .string()
  .trim()
  .regex(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, 'Введите код из 6 цифр или резервный код');

const staff = { roles: ['security', 'admin'] } as const;

export function securityRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  securityEventRoutes(app, ctx, staff);
  const blockedItem = z.object({
    id: z.string(),
    ip: z.string(),
    reason: z.string(),
    failures: z.number().int(),
    blockedAt: z.string(),
    blockedUntil: z.string(),
    active: z.boolean(),
    liftedAt: z.string().nullable(),
  });
  app.get(
    '/api/security/blocked-sources',
    {
      config: { access: staff },
      schema: {
        tags: ['security'],
        summary: 'Адреса, заблокированные за массовые неудачные входы (служба безопасности)',
        response: { 200: z.object({ items: z.array(blockedItem) }) },
      },
    },
    async () => {
      const now = new Date();
      const rows = await listBlockedSources(ctx.db, now);
      return {
        items: rows.map((r) => ({
          id: r.id,
          ip: r.ip,
          reason:
            r.reason === 'many_failed_logins'
              ? 'Много неудачных входов в разные учётные записи'
              : r.reason === 'impossible_travel'
                ? 'Невозможное перемещение между входами'
                : r.reason,
          failures: r.failures,
          blockedAt: r.blockedAt.toISOString(),
          blockedUntil: r.blockedUntil.toISOString(),
          active: !r.liftedAt && r.blockedUntil > now,
          liftedAt: r.liftedAt?.toISOString() ?? null,
        })),
      };
    },
  );
  app.post(
    '/api/security/blocked-sources/:id/lift',
    {
      config: { access: staff },
      schema: {
        tags: ['security'],
        summary: 'Снять блокировку адреса',
        params: z.object({ id: z.string().uuid('Неверный идентификатор') }),
        response: { 200: z.object({ status: z.literal('lifted') }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      await ctx.db.transaction(async (tx) => {
        const row = await liftBlock(tx, request.params.id, principal.userId);
        if (!row) throw notFound('Блокировка не найдена или уже снята');
        await effects.audit(tx, {
          action: 'identity.source.unblocked',
          actorUserId: principal.userId,
          actorRole: 'security',
          ...clientOf(request),
          details: { ip: row.ip },
        });
      });
      return { status: 'lifted' as const };
    },
  );

  const pepper = ctx.config.secrets.pepper;
  const limit = authRateLimit(ctx.config);

  const criticalChange = <T>(principal: Principal, run: (tx: Tx, user: User) => Promise<T>) =>
    changeFactors(ctx.db, principal, run);

  app.post(
    '/api/auth/step-up/send',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Отправить код для подтверждения действия',
        body: z.object({ factor: codeFactor }),
        response: { 200: z.object({ destination: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request) =>
      ctx.db.transaction(async (tx) => {
        const user = await loadUser(tx, request.principal!.userId);
        const option = (await currentSecondFactors(tx, user)).find((f) => f.type === request.body.factor);
        if (!option)
          throw new HttpProblem(400, 'Этот способ подтверждения недоступен.', [
            { field: 'factor', message: 'Выберите другой способ' },
          ]);
        const to = request.body.factor === 'sms' ? user.phone! : user.email!;
        const issued = await sendCode(tx, (d) => effects.deliverCode(tx, d), {
          subject: userKey(user.id),
          purpose: 'step_up',
          channel: request.body.factor,
          to,
          pepper,
          reuseRecent: true,
        });
        return { destination: option.destination, expiresAt: issued.expiresAt.toISOString() };
      }),
  );

  app.post(
    '/api/auth/step-up/verify',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Подтвердить действие вторым фактором',
        body: z.object({ factor: anyFactor, code }),
        response: { 200: z.object({ status: z.literal('confirmed') }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const problem = await ctx.db.transaction(async (tx) => {
        const user = await loadUser(tx, principal.userId);
        const p = await checkFactor(
          ctx,
          tx,
          user,
          request.body.factor,
          request.body.code,
          'step_up',
          effects,
          clientOf(request),
        );
        if (!p) {
          await markReauthenticated(tx, principal.session.id);
          await effects.audit(tx, {
            action: 'identity.step_up.succeeded',
            actorUserId: user.id,
            subjectUserId: user.id,
            ...clientOf(request),
            details: { factor: request.body.factor },
          });
        }
        return p;
      });
      if (problem) throw problem;
      return { status: 'confirmed' as const };
    },
  );

  const factorItem = z.object({
    id: z.string(),
    type: z.string(),
    label: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  });
  app.get(
    '/api/auth/factors',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Способы входа и вторые факторы',
        response: {
          200: z.object({
            sms: z.string().nullable(),
            email: z.string().nullable(),
            apps: z.array(factorItem),
            backupCodesLeft: z.number().int(),
            /** Browsers registered to confirm logins (push), which can also confirm an action. */
            pushDevices: z.number().int(),
            frozenUntil: z.string().nullable(),
            recentlyAuthenticated: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const user = await loadUser(ctx.db, principal.userId);
      const contacts = confirmedContacts(user);
      const apps = await listFactors(ctx.db, user.id);
      return {
        sms: contacts.phone,
        email: contacts.email,
        apps: apps.map((f) => ({
          id: f.id,
          type: f.type,
          label: f.label,
          createdAt: f.createdAt.toISOString(),
          lastUsedAt: f.lastUsedAt?.toISOString() ?? null,
        })),
        backupCodesLeft: await backupCodesLeft(ctx.db, user.id),
        pushDevices: (await factorCounts(ctx.db, user.id)).push,
        frozenUntil:
          user.frozenUntil && user.frozenUntil > new Date() ? user.frozenUntil.toISOString() : null,
        recentlyAuthenticated: Date.now() - principal.session.authenticatedAt.getTime() <= STEP_UP_MS,
      };
    },
  );

  app.post(
    '/api/auth/factors/totp',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Подключить приложение-аутентификатор: секрет и QR-код',
        response: {
          200: z.object({ id: z.string(), secret: z.string(), uri: z.string(), qrSvg: z.string() }),
        },
      },
    },
    async (request) =>
      criticalChange(request.principal!, (tx, user) =>
        startTotp(tx, user.id, user.email ?? user.phone ?? user.id, pepper),
      ),
  );

  app.post(
    '/api/auth/factors/totp/confirm',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Завершить подключение приложения первым кодом',
        body: z.object({
          id: z.string().uuid('Неверный идентификатор'),
          code: z
            .string()
            .trim()
            .regex(/^\d{6}$/, 'Введите код из 6 цифр'),
        }),
        response: { 200: z.object({ status: z.literal('added') }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      await criticalChange(principal, async (tx, user) => {
        const factor = await verifyTotp(tx, user.id, request.body.code, pepper, request.body.id);
        if (!factor)
          throw new HttpProblem(
            400,
            'Код не подошёл. Проверьте время на телефоне и введите новый код из приложения.',
            [{ field: 'code', message: 'Неверный код' }],
          );
        await effects.audit(tx, {
          action: 'identity.factor.added',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...clientOf(request),
          details: { type: 'totp' },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.factor_added',
          subject: 'Подключено приложение-аутентификатор',
          text: 'К вашей учётной записи подключено приложение-аутентификатор. Если это были не вы — срочно смените пароль и обратитесь в поддержку.',
        });
      });
      return { status: 'added' as const };
    },
  );

  app.delete(
    '/api/auth/factors/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Отключить приложение-аутентификатор',
        params: z.object({ id: z.string().uuid('Неверный идентификатор') }),
        response: { 200: z.object({ status: z.literal('removed') }) },
      },
    },
    async (request) => {
      await criticalChange(request.principal!, async (tx, user) => {
        // SMS (or e-mail) codes always remain, so the second factor can never be switched off.
        if (!(await removeFactor(tx, user.id, request.params.id))) throw notFound('Способ входа не найден');
        await effects.audit(tx, {
          action: 'identity.factor.removed',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...clientOf(request),
          details: { id: request.params.id },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.factor_removed',
          subject: 'Отключено приложение-аутентификатор',
          text: 'От вашей учётной записи отключено приложение-аутентификатор. Если это были не вы — срочно смените пароль.',
        });
      });
      return { status: 'removed' as const };
    },
  );

  app.post(
    '/api/auth/backup-codes',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Создать новые резервные коды (показываются один раз)',
        response: { 200: z.object({ codes: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const codes = await criticalChange(request.principal!, async (tx, user) => {
        const list = await regenerateBackupCodes(tx, user.id, pepper);
        await effects.audit(tx, {
          action: 'identity.backup_codes.created',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...clientOf(request),
        });
        return list;
      });
      return { codes };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'user', rateLimit: limit },
      schema: {
        tags: ['security'],
        summary: 'Сменить пароль',
        body: z.object({
          currentPassword: z.string().min(1, 'Введите текущий пароль').max(1024),
          newPassword: z.string().max(1024),
        }),
        response: { 200: z.object({ status: z.literal('changed'), endedSessions: z.number().int() }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      requireRecentAuth(principal);
      const user = await loadUser(ctx.db, principal.userId);
      if (
        !user.passwordHash ||
        !(await verifyPassword(user.passwordHash, request.body.currentPassword, pepper))
      ) {
        throw new HttpProblem(400, 'Текущий пароль введён неверно.', [
          { field: 'currentPassword', message: 'Неверный пароль' },
        ]);
      }
      const verdict = checkPassword(request.body.newPassword, [
        user.phone,
        user.email,
        user.snils,
        user.lastName,
        user.firstName,
        user.middleName,
        user.birthDate,
      ]);
      if (!verdict.ok)
        throw new HttpProblem(400, verdict.message!, [{ field: 'newPassword', message: verdict.message! }]);
      if (await verifyPassword(user.passwordHash, request.body.newPassword, pepper)) {
        throw new HttpProblem(400, 'Новый пароль совпадает с текущим.', [
          { field: 'newPassword', message: 'Придумайте другой пароль' },
        ]);
      }
      const hash = await hashPassword(request.body.newPassword, pepper);
      const ended = await ctx.db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash: hash, passwordChangedAt: new Date(), updatedAt: new Date() })
          .where(eq(users.id, user.id));
        const n = await revokeUserSessions(tx, user.id, 'password_changed', principal.session.id);
        await effects.audit(tx, {
          action: 'identity.password.changed',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...clientOf(request),
          details: { endedSessions: n },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.password_changed',
          subject: 'Пароль изменён',
          text: 'Пароль от вашей учётной записи изменён, другие сеансы завершены. Если это были не вы — восстановите доступ и обратитесь в поддержку.',
        });
        return n;
      });
      return { status: 'changed' as const, endedSessions: ended };
    },
  );
}
