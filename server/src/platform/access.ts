import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from './db';
import { findLiveSession, readSessionToken, type Session } from './sessions';
import { forbidden, unauthorized } from './errors';

/**
 * Who may call a route. Every /api route declares it (`config: { access }`); the app refuses to
 * start when one does not, so an endpoint is never open by omission.
 *  - 'public': anyone; the caller is still recognised when a session cookie is present;
 *  - 'user': any signed-in person;
 *  - { roles }: a signed-in person holding at least one of the roles.
 */
export type Access = 'public' | 'user' | { roles: readonly string[] };

/** The signed-in caller as routes see it. */
export interface Principal {
  userId: string;
  roles: readonly string[];
  level: string;
  session: Session;
}

export type PrincipalLoader = (db: Db, session: Session) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Cookie-authenticated writes need the CSRF token; machine-to-machine routes opt out. */
    csrf?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AccessOptions {
  db: Db;
  secureCookies: boolean;
  loadPrincipal: PrincipalLoader;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function resolvePrincipal(request: FastifyRequest, options: AccessOptions) {
  const token = readSessionToken(request, options.secureCookies);
  if (!token) return null;
  const session = await findLiveSession(options.db, token);
  return session ? options.loadPrincipal(options.db, session) : null;
}

export const accessControl = fp<AccessOptions>(async (app: FastifyInstance, options) => {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (route.config?.access) return;
    // Outside /api only static files of the web app are served (and the API's docs UI): public.
    const isApi = route.url.startsWith('/api/') && !route.url.startsWith('/api/docs');
    if (!isApi) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
  });

  app.addHook('preHandler', (request, reply, done) => {
    const config = request.routeOptions.config;
    if (config?.access && UNSAFE.has(request.method) && config.csrf !== false) {
      app.csrfProtection(request, reply, done);
      return;
    }
    done();
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    request.principal = await resolvePrincipal(request, options);
    if (access === 'public') return;
    if (!request.principal) throw unauthorized();
    if (typeof access === 'object' && !access.roles.some((r) => request.principal!.roles.includes(r))) {
      throw forbidden();
    }
  });
});
