import { z } from 'zod';
import type { Api, AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { renewSession, setSessionCookie } from '../../platform/sessions';
import { callerAccount } from './queries';
import { accountLevels } from './schema';
import type { IdentityEffects } from './effects';
import { authRateLimit, clientOf } from './http';
import {
  checkStatuses,
  latestVerification,
  standardRequestSchema,
  standardStatus,
  standardStatuses,
  submitStandard,
} from './standard';

const statusView = z.object({
  /** The verification shown, null when there is none. */
  id: z.string().uuid().nullable(),
  level: z.enum(accountLevels),
  status: z.enum(standardStatuses),
  message: z.string(),
  /** Why the whole request failed beside the registries' verdicts. */
  reason: z.string().nullable(),
  whatToDo: z.string().nullable(),
  submittedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  checks: z.array(
    z.object({
      kind: z.enum(['passport', 'snils', 'inn']),
      title: z.string(),
      registry: z.string(),
      status: z.enum(checkStatuses),
      reason: z.string().nullable(),
      whatToDo: z.string().nullable(),
    }),
  ),
  /** What was sent, so a rejected form can be corrected rather than retyped. */
  submitted: z
    .object({
      lastName: z.string(),
      firstName: z.string(),
      middleName: z.string().nullable(),
      birthDate: z.string(),
      passport: z.string(),
      passportIssuedAt: z.string(),
      passportIssuerCode: z.string(),
      snils: z.string(),
      inn: z.string().nullable(),
    })
    .nullable(),
});

/** The standard level: the caller's data sent to the registries, and the result. */
export function standardRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;

  app.get(
    '/api/identity/standard',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Стандартная учётная запись: состояние проверки данных в ведомствах',
        security: [{ session: [] }],
        response: { 200: statusView },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const user = await callerAccount(ctx.db, principal);
      if (!user) throw notFound('Учётная запись не найдена');
      const verification = await latestVerification(ctx.db, principal.userId);
      // The level changed after this session began (the check ends in the background): this
      // session gets a new id now, as at every level change.
      const completed = verification?.status === 'confirmed' ? verification.completedAt : null;
      if (completed && principal.session.createdAt.getTime() < completed.getTime()) {
        const { token } = await ctx.db.transaction((tx) =>
          renewSession(tx, principal.session, 'level_changed'),
        );
        setSessionCookie(reply, token, secure);
      }
      return standardStatus(ctx.db, principal.userId, user.level, verification);
    },
  );

  app.post(
    '/api/identity/standard',
    {
      config: { access: 'user', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary:
          'Отправить ФИО, дату рождения, паспорт, СНИЛС и ИНН на проверку для стандартной учётной записи',
        security: [{ session: [], csrf: [] }],
        body: standardRequestSchema,
        response: { 202: statusView },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const { verificationId } = await submitStandard(
        ctx,
        effects,
        principal,
        request.body,
        clientOf(request),
      );
      const user = await callerAccount(ctx.db, principal);
      const verification = await latestVerification(ctx.db, principal.userId);
      reply.code(202);
      return standardStatus(
        ctx.db,
        principal.userId,
        user?.level ?? 'simplified',
        verification?.id === verificationId ? verification : undefined,
      );
    },
  );
}
