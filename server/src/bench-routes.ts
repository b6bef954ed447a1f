import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { AppContext } from './platform/context';
import { createSession, setSessionCookie } from './platform/sessions';
import { users } from './modules/identity/schema';

/**
 * Routes that exist only when BENCH_ROUTES=true (never in production): the bare baseline every
 * benchmark is compared with, and a session for a demo account so that authenticated routes can
 * be measured without the login flow in the loop.
 */
export function benchRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/bench/baseline', { config: { access: 'public', rateLimit: false }, logLevel: 'warn', schema: { hide: true } }, async () => ({ ok: true }));
  app.post(
    '/bench/session',
    { config: { access: 'public', csrf: false, rateLimit: false }, schema: { hide: true } },
    async (_request, reply) => {
      const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, 'ivanov@demo.kabinet.ru')).limit(1);
      if (!user) return reply.code(404).send({ error: 'no demo user' });
      const { token } = await createSession(ctx.db, { userId: user.id, method: 'bench', assurance: 2 });
      setSessionCookie(reply, token, ctx.config.cookieSecure);
      return { ok: true };
    },
  );
}
