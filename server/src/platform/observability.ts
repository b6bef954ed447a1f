import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from './db';

/** /healthz (the process answers), /readyz (the database answers), /metrics (Prometheus). */
export function registerObservability(app: FastifyInstance, database: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kabinet_' });
  const requests = new Counter({
    name: 'kabinet_http_requests_total',
    help: 'HTTP requests by route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'kabinet_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps the label set bounded; unknown URLs share one label.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  const quiet = {
    logLevel: 'warn' as const,
    config: { access: 'public' as const, rateLimit: false as const },
  };

  app.get('/healthz', { ...quiet, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { ...quiet, schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.query('SELECT 1');
      return { status: 'ok', database: database.driver };
    } catch {
      return reply.code(503).type('application/problem+json; charset=utf-8').send({
        type: 'about:blank',
        title: 'Сервис временно недоступен',
        status: 503,
        detail: 'База данных не отвечает',
      });
    }
  });

  app.get('/metrics', { ...quiet, schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });

  return registry;
}
