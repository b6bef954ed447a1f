import { z } from 'zod';
import type { Api, AppContext } from '../../platform/context';
import { HttpProblem } from '../../platform/errors';
import type { IdentityEffects } from './effects';
import { clientOf } from './http';
import { confirmedContacts, loadUser } from './login';
import { bankLinkOf } from './bank';
import { listCertificates } from './esign';
import {
  methodEnabled,
  reminderDue,
  reminderMonths,
  setMethodEnabled,
  setPasswordReminder,
  switchableLabels,
  switchableMethods,
} from './login-methods';
import { changeFactors } from './security-routes';

const methodItem = z.object({
  method: z.enum(switchableMethods),
  enabled: z.boolean(),
  /** Whether the account can use the method at all now (a confirmed phone, a linked bank, a certificate). */
  available: z.boolean(),
});

const preferences = z.object({
  methods: z.array(methodItem),
  passwordReminderMonths: z.number().int().nullable(),
  passwordReminderDue: z.string().nullable(),
});

/** Настройки → Вход и безопасность: which login methods are on, and the password-change reminder. */
export function loginMethodRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  async function view(userId: string): Promise<z.infer<typeof preferences>> {
    const user = await loadUser(ctx.db, userId);
    const [bank, certificates] = await Promise.all([
      bankLinkOf(ctx.db, user.id),
      listCertificates(ctx.db, user.id),
    ]);
    const available = {
      sms: !!confirmedContacts(user).phone,
      bank: !!bank,
      esign: certificates.some((c) => !c.revokedAt),
    };
    return {
      methods: switchableMethods.map((method) => ({
        method,
        enabled: methodEnabled(user, method),
        available: available[method],
      })),
      passwordReminderMonths: user.passwordReminderMonths,
      passwordReminderDue: reminderDue(user)?.toISOString() ?? null,
    };
  }

  app.get(
    '/api/auth/login-methods',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Какие способы входа включены; напоминание о смене пароля',
        response: { 200: preferences },
      },
    },
    async (request) => view(request.principal!.userId),
  );

  app.put(
    '/api/auth/login-methods/:method',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Включить или отключить способ входа (нужно недавнее подтверждение второго фактора)',
        params: z.object({
          method: z.enum(switchableMethods, { error: 'Такого способа входа нет' }),
        }),
        body: z.object({ enabled: z.boolean({ error: 'Укажите, включить способ или отключить' }) }),
        response: { 200: preferences },
      },
    },
    async (request) => {
      const { method } = request.params;
      const { enabled } = request.body;
      await changeFactors(ctx.db, request.principal!, async (tx, user) => {
        if (methodEnabled(user, method) === enabled) return; // repeated: nothing changes, nobody is told twice
        await setMethodEnabled(tx, user.id, method, enabled);
        await effects.audit(tx, {
          action: enabled ? 'identity.login_method.enabled' : 'identity.login_method.disabled',
          actorUserId: user.id,
          subjectUserId: user.id,
          ...clientOf(request),
          details: { method },
        });
        await effects.notifyOwner(tx, confirmedContacts(user), {
          kind: 'security.login_method',
          subject: enabled ? 'Способ входа включён' : 'Способ входа отключён',
          text: `${enabled ? 'Включён' : 'Отключён'} вход ${switchableLabels[method]}. Если это были не вы — смените пароль и завершите чужие сеансы.`,
        });
      });
      return view(request.principal!.userId);
    },
  );

  app.put(
    '/api/auth/password-reminder',
    {
      config: { access: 'user' },
      schema: {
        tags: ['security'],
        summary: 'Напоминать о смене пароля раз в 3, 6 или 12 месяцев (или не напоминать)',
        body: z.object({
          months: z
            .number({ error: 'Выберите, как часто напоминать' })
            .int()
            .nullable()
            .refine((m) => m === null || (reminderMonths as readonly number[]).includes(m), {
              message: 'Напоминать можно раз в 3, 6 или 12 месяцев',
            }),
        }),
        response: { 200: preferences },
      },
    },
    async (request) => {
      const userId = request.principal!.userId;
      await ctx.db.transaction(async (tx) => {
        const user = await loadUser(tx, userId);
        if (user.passwordReminderMonths === request.body.months) return;
        if (!user.passwordHash)
          throw new HttpProblem(409, 'У учётной записи нет пароля — напоминать не о чем.');
        await setPasswordReminder(tx, userId, request.body.months);
      });
      return view(userId);
    },
  );
}
