import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { findUserById, fullName, shortName } from './queries';
import { accountLevels } from './schema';

export const meSchema = z.object({
  id: z.string().uuid(),
  fullName: z.string().nullable(),
  shortName: z.string(),
  level: z.enum(accountLevels),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
  timeZone: z.string(),
});

export function identityRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Текущий пользователь',
        security: [{ session: [] }],
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const user = await findUserById(ctx.db, request.principal!.userId);
      if (!user) throw notFound('Учётная запись не найдена');
      return {
        id: user.id,
        fullName: fullName(user),
        shortName: shortName(user),
        level: user.level,
        phone: user.phone,
        email: user.email,
        roles: user.roles,
        timeZone: user.timeZone,
      };
    },
  );
}
