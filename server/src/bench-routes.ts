import type { FastifyInstance } from 'fastify';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from './platform/context';
import { createSession, setSessionCookie } from './platform/sessions';
import { users } from './modules/identity/schema';
import { verifyPassword } from './modules/identity/passwords';
import { DEMO_PASSWORD } from './seed/demo';
import { generateCitizens } from './seed/citizens';
import { insertUsersBulk } from './modules/identity/seed';
import { seedAuthenticatorApp } from './modules/identity/factors';
import { hashPassword } from './modules/identity/passwords';

/**
 * Routes that exist only when BENCH_ROUTES=true (never in production): the bare baseline every
 * benchmark is compared with, and a session for a demo account so that authenticated routes can
 * be measured without the login flow in the loop; generated accounts for the login scenarios.
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

  // Generated citizens with the demo password: `app` ones with a confirmed authenticator app (the
  // password step sends nothing), `sms` ones with only their phone (the step sends a code).
  let runs = 0;
  app.post(
    '/bench/accounts',
    {
      config: { access: 'public', csrf: false, rateLimit: false },
      schema: {
        hide: true,
        body: z.object({ count: z.number().int().min(1).max(20_000), factor: z.enum(['app', 'sms']) }),
      },
    },
    async (request) => {
      const { count, factor } = request.body as { count: number; factor: 'app' | 'sms' };
      const hash = await hashPassword(DEMO_PASSWORD, ctx.config.secrets.pepper);
      runs += 1;
      const rows = generateCitizens(count, hash, 900 + runs, runs);
      await insertUsersBulk(ctx.database, rows);
      const phones = rows.map((r) => r.phone!);
      if (factor === 'app') {
        const ids = await ctx.db.select({ id: users.id }).from(users).where(inArray(users.phone, phones));
        for (const { id } of ids) await seedAuthenticatorApp(ctx.db, id, ctx.config.secrets.pepper);
      }
      return { logins: phones };
    },
  );
}
