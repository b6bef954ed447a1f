import { z } from 'zod';
import type { Api, AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { renewSession, setSessionCookie } from '../../platform/sessions';
import type { IdentityEffects } from './effects';
import { authRateLimit, clientOf } from './http';
import {
  confirmLetter,
  latestLetter,
  orderLetter,
  postAddressSchema,
  postCodeSchema,
  postStatus,
  refreshLetter,
} from './post';
import { postGateway, trackingStatuses, type PostGateway } from './post-gateway';
import { callerAccount } from './queries';
import { accountLevels, postLetterStatuses } from './schema';

const addressView = z.object({
  index: z.string(),
  region: z.string().nullable(),
  city: z.string(),
  street: z.string(),
  house: z.string(),
  flat: z.string().nullable(),
});

const statusView = z.object({
  level: z.enum(accountLevels),
  canOrder: z.boolean(),
  orderRefusal: z.string().nullable(),
  ordersLeft: z.number().int(),
  letter: z
    .object({
      id: z.string().uuid(),
      status: z.enum(postLetterStatuses),
      message: z.string(),
      trackNumber: z.string().nullable(),
      recipientName: z.string(),
      address: addressView,
      dispatchedAt: z.string().nullable(),
      expiresAt: z.string().nullable(),
      attemptsLeft: z.number().int(),
      trackingStatus: z.enum(trackingStatuses).nullable(),
      trackingUpdatedAt: z.string().nullable(),
      events: z.array(
        z.object({ status: z.enum(trackingStatuses), title: z.string(), at: z.string(), place: z.string() }),
      ),
    })
    .nullable(),
});

/** Identity confirmed by a Russian Post letter with a one-time code: order, follow, enter the code. */
export function postRoutes(
  app: Api,
  ctx: AppContext,
  effects: IdentityEffects,
  gateway: PostGateway = postGateway(ctx.config),
) {
  const secure = ctx.config.cookieSecure;

  const view = async (userId: string, principal: Parameters<typeof callerAccount>[1]) => {
    const user = await callerAccount(ctx.db, principal);
    if (!user) throw notFound('Учётная запись не найдена');
    return postStatus(ctx.db, userId, user.level);
  };

  app.get(
    '/api/identity/post',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Письмо Почтой России с кодом: состояние и отслеживание',
        security: [{ session: [] }],
        response: { 200: statusView },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const letter = await latestLetter(ctx.db, principal.userId);
      if (letter) await refreshLetter(ctx, effects, gateway, letter);
      return view(principal.userId, principal);
    },
  );

  app.post(
    '/api/identity/post',
    {
      config: { access: 'user', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Заказать письмо Почтой России с кодом подтверждения личности',
        security: [{ session: [], csrf: [] }],
        body: z.object({ address: postAddressSchema }),
        response: { 201: statusView },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      await orderLetter(ctx, effects, gateway, principal.userId, request.body.address, clientOf(request));
      reply.code(201);
      return view(principal.userId, principal);
    },
  );

  app.post(
    '/api/identity/post/confirm',
    {
      config: { access: 'user', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Ввести код из письма и подтвердить личность',
        security: [{ session: [], csrf: [] }],
        body: z.object({ code: postCodeSchema }),
        response: { 200: z.object({ status: z.literal('confirmed'), level: z.enum(accountLevels) }) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const client = clientOf(request);
      const result = await ctx.db.transaction(async (tx) => {
        const r = await confirmLetter(ctx, effects, tx, principal.userId, request.body.code, client);
        // The level changed: this session gets a new id, as at every level change.
        if (r.ok && r.raised)
          return { ...r, token: (await renewSession(tx, principal.session, 'level_changed')).token };
        return { ...r, token: null };
      });
      // Failures are committed (they count against the caps) and only then reported.
      if (!result.ok) throw result.problem;
      if (result.token) setSessionCookie(reply, result.token, secure);
      return { status: 'confirmed' as const, level: 'confirmed' as const };
    },
  );
}
