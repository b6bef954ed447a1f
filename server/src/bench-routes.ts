import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { AppContext } from './platform/context';
import { createSession, setSessionCookie } from './platform/sessions';
import { users } from './modules/identity/schema';
import { verifyPassword } from './modules/identity/passwords';
import { DEMO_PASSWORD } from './seed/demo';

/**
 * Routes that exist only when BENCH_ROUTES=true (never in production): the bare baseline every
 * benchmark is compared with, and a session for a demo account so that authenticated routes can
 * be measured without the login flow in the loop.
 */
export function benchRoutes(app: FastifyInstance, ctx: AppContext) {
  // The physical limit of a password login: one argon2id verification of a demo password, nothing else.
  let demoHash: Promise<string | null> | null = null;
  app.get(
    '/bench/argon2',
    { config: { access: 'public', rateLimit: false }, logLevel: 'warn', schema: { hide: true } },
    async (_request, reply) => {
      demoHash ??= ctx.db
        .select({ hash: users.passwordHash })
        .from(users)
        .where(eq(users.email, 'ivanov@demo.kabinet.ru'))
        .limit(1)
        .then(([u]) => u?.hash ?? null);
      const hash = await demoHash;
      if (!hash) return reply.code(404).send({ error: 'no demo user' });
      return { ok: await verifyPassword(hash, DEMO_PASSWORD, ctx.config.secrets.pepper) };
    },
  );
  app.get(
    '/bench/baseline',
    { config: { access: 'public', rateLimit: false }, logLevel: 'warn', schema: { hide: true } },
    async () => ({ ok: true }),
  );
  app.post(
    '/bench/session',
    { config: { access: 'public', csrf: false, rateLimit: false }, schema: { hide: true } },
    async (_request, reply) => {
      const [user] = await ctx.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, 'ivanov@demo.kabinet.ru'))
        .limit(1);
      if (!user) return reply.code(404).send({ error: 'no demo user' });
      const { token } = await createSession(ctx.db, { userId: user.id, method: 'bench', assurance: 2 });
      setSessionCookie(reply, token, ctx.config.cookieSecure);
      return { ok: true };
    },
  );
}
