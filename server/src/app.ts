import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Redis } from 'ioredis';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext, KabinetModule } from './platform/context';
import { HttpProblem, installErrorHandling } from './platform/errors';
import { accessControl, type PrincipalLoader } from './platform/access';
import { registerObservability } from './platform/observability';
import { registerWeb } from './platform/web';
import { sessionCookieName } from './platform/sessions';
import { registerSimulators } from './simulators';
import '@kabinet/shared'; // sets zod's Russian messages

export interface BuildOptions {
  modules: KabinetModule[];
  loadPrincipal: PrincipalLoader;
  /** Extra routes (benchmarks' baseline) registered inside the same app. */
  extraRoutes?: (app: FastifyInstance, ctx: AppContext) => void;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Builds the whole HTTP app from the modules; the server and the tests use this same factory. */
export async function buildApp(ctx: AppContext, options: BuildOptions): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: ctx.log,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
  }) as unknown as FastifyInstance; // pino's Logger type is wider than FastifyBaseLogger
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; anything else is refused with 415 rather than half-parsed.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets its CSS variables in a <style> element and style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure && config.env === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.env === 'production',
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie, { secret: config.secrets.cookie });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: `${sessionCookieName(config.cookieSecure)}-csrf`,
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.cookieSecure, signed: true },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, lazyConnect: false })
    : null;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => undefined)));
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: '1 minute',
    // Shared across instances through Redis when there is one; per process otherwise.
    ...(redis ? { redis, nameSpace: `${config.redisPrefix}rl:` } : {}),
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, context) =>
      new HttpProblem(429, `Слишком много запросов. Повторите через ${Math.ceil(context.ttl / 1000)} с.`),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kabinet API',
        version: '0.1.0',
        description:
          'API личного кабинета портала государственных услуг. Ошибки — RFC 9457 application/problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config.cookieSecure) },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(accessControl, {
    db: ctx.db,
    secureCookies: config.cookieSecure,
    loadPrincipal: options.loadPrincipal,
  });

  registerObservability(app, ctx.database);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get(
    '/api/csrf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Токен защиты от CSRF для изменяющих запросов (заголовок x-csrf-token)',
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (_request, reply) => ({ token: reply.generateCsrf() }),
  );

  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const module of options.modules) await module.routes?.(api, ctx);
  await registerSimulators(app, ctx);
  options.extraRoutes?.(app, ctx);
  await registerWeb(app, config.webDist);
  return app;
}
