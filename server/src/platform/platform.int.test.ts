import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { closeContext, createContext, type KabinetModule } from './context';
import { modules } from '../modules';
import { defineJob } from './jobs';
import { createSession, revokeSession } from './sessions';
import { sessions } from './sessions/schema';
import { SESSION_IDLE_MS } from './sessions/policy';
import { insertUsersBulk } from '../modules/identity/seed';
import { cookieHeader, createTestApp, csrf, testDriver, type TestApp } from '../test/harness';

const handled: string[] = [];
let failures = 0;

// A module that exists only in this test: a JSON route with a validated body and two jobs.
const probe: KabinetModule = {
  name: 'probe',
  routes: (app) => {
    app.post(
      '/api/probe',
      {
        config: { access: 'public' },
        schema: { body: z.object({ name: z.string().min(2), age: z.number().int().min(0) }) },
      },
      async (request) => ({ ok: true, body: request.body }),
    );
    app.get('/api/probe/staff', { config: { access: { roles: ['admin'] } } }, async () => ({ ok: true }));
  },
  jobs: () => [
    defineJob<{ value: string }>({
      name: 'probe.ok',
      handler: async (data) => void handled.push(data.value),
    }),
    defineJob({
      name: 'probe.fail',
      retryLimit: 1,
      retryDelaySeconds: 1,
      handler: async () => {
        failures += 1;
        throw new Error('always fails');
      },
    }),
  ],
};

let t: TestApp;
let userId: string;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp({ extraModules: [probe], config: { rateLimitMax: 1000 } });
  await insertUsersBulk(t.ctx.database, [
    {
      phone: '+79000000001',
      email: 'a@example.ru',
      snils: null,
      passwordHash: 'x',
      level: 'standard',
      lastName: 'Иванов',
      firstName: 'Иван',
      middleName: null,
      birthDate: null,
      roles: ['citizen'],
      confirmed: true,
    },
    {
      phone: '+79000000002',
      email: 'b@example.ru',
      snils: null,
      passwordHash: 'x',
      level: 'confirmed',
      lastName: null,
      firstName: null,
      middleName: null,
      birthDate: null,
      roles: ['citizen', 'admin'],
      confirmed: true,
    },
  ]);
  const { rows } = await t.ctx.database.query<{ id: string; email: string }>(
    'SELECT id, email FROM users ORDER BY email',
  );
  userId = rows[0]!.id;
  adminId = rows[1]!.id;
});
afterAll(async () => t?.close());

const sessionCookie = (token: string) => `${t.config.cookieSecure ? '__Host-kabinet' : 'kabinet'}=${token}`;

describe(`platform on ${testDriver}`, () => {
  it('answers health, readiness and metrics', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: testDriver });
    const metrics = await t.app.inject('/metrics');
    expect(metrics.body).toContain('kabinet_http_requests_total{method="GET",route="/readyz",status="200"}');
    expect(metrics.body).toContain('kabinet_http_request_duration_seconds_bucket');
  });

  it('publishes an OpenAPI 3.1 document built from the zod schemas', async () => {
    const res = await t.app.inject('/api/openapi.json');
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(
      doc.paths['/api/me'].get.responses['200'].content['application/json'].schema.properties.level.enum,
    ).toEqual(['simplified', 'standard', 'confirmed']);
    expect(doc.paths['/api/probe'].post.requestBody).toBeDefined();
    expect((await t.app.inject('/api/docs/')).statusCode).toBe(200);
  });

  it('sets security headers and a request id', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-1234567' } });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBe('trace-1234567');
    const hostile = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('bad input gets problem+json in Russian and changes nothing', () => {
    const post = async (payload: string, headers: Record<string, string> = {}) => {
      const c = await csrf(t.app);
      return t.app.inject({
        method: 'POST',
        url: '/api/probe',
        payload,
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': c.token,
          cookie: c.cookie,
          ...headers,
        },
      });
    };
    const expectProblem = (res: Awaited<ReturnType<typeof post>>, status: number, detail: RegExp) => {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body).toMatchObject({ type: 'about:blank', status });
      expect(body.title).toMatch(/[а-яё]/i);
      expect(body.detail).toMatch(detail);
      return body;
    };

    it('accepts a valid body', async () => {
      const res = await post(JSON.stringify({ name: 'Анна', age: 30 }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, body: { name: 'Анна', age: 30 } });
    });
    it('malformed JSON', async () => {
      expectProblem(await post('{"name": "Анна",'), 400, /корректным JSON/);
    });
    it('invalid fields are reported per field', async () => {
      const body = expectProblem(await post(JSON.stringify({ name: 'А', age: -1 })), 400, /Проверьте данные/);
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['age', 'name']);
      for (const e of body.errors) expect(e.message).toMatch(/[а-яё]/i);
    });
    it('oversized body', async () => {
      expectProblem(
        await post(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), age: 1 })),
        413,
        /слишком большой/,
      );
    });
    it('wrong content type', async () => {
      expectProblem(
        await post('name=Анна', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        /формат/,
      );
      expectProblem(await post('hello', { 'content-type': 'text/plain' }), 415, /JSON/);
    });
    it('unknown API route', async () => {
      const res = await t.app.inject('/api/nothing-here');
      expectProblem(res as never, 404, /не найден/);
    });
    it('a write without the CSRF token', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/probe',
        payload: { name: 'Анна', age: 3 },
      });
      expectProblem(res as never, 403, /токен/);
      const forged = await t.app.inject({
        method: 'POST',
        url: '/api/probe',
        payload: { name: 'Анна', age: 3 },
        headers: { 'x-csrf-token': 'forged', cookie: (await csrf(t.app)).cookie },
      });
      expectProblem(forged as never, 403, /токен/);
    });
  });

  describe('sessions and access', () => {
    it('refuses /api/me without a session', async () => {
      const res = await t.app.inject('/api/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('Войдите в личный кабинет, чтобы продолжить');
    });

    it('answers /api/me for a live session and stops after revocation', async () => {
      const { token, session } = await createSession(t.ctx.db, { userId, method: 'test', assurance: 2 });
      const me = await t.app.inject({ url: '/api/me', headers: { cookie: sessionCookie(token) } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        id: userId,
        shortName: 'Иван И.',
        level: 'standard',
        fullName: 'Иванов Иван',
      });
      await revokeSession(t.ctx.db, session.id, 'logout');
      expect(
        (await t.app.inject({ url: '/api/me', headers: { cookie: sessionCookie(token) } })).statusCode,
      ).toBe(401);
    });

    it('expires an idle session after 30 minutes and any session after 12 hours', async () => {
      const idle = await createSession(t.ctx.db, { userId, method: 'test', assurance: 2 });
      await t.ctx.db
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) })
        .where(eq(sessions.id, idle.session.id));
      expect(
        (await t.app.inject({ url: '/api/me', headers: { cookie: sessionCookie(idle.token) } })).statusCode,
      ).toBe(401);

      const old = await createSession(
        t.ctx.db,
        { userId, method: 'test', assurance: 2 },
        new Date(Date.now() - 12 * 3600_000 - 1000),
      );
      await t.ctx.db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, old.session.id));
      expect(
        (await t.app.inject({ url: '/api/me', headers: { cookie: sessionCookie(old.token) } })).statusCode,
      ).toBe(401);
    });

    it('ignores a made-up session token', async () => {
      const res = await t.app.inject({ url: '/api/me', headers: { cookie: sessionCookie('A'.repeat(43)) } });
      expect(res.statusCode).toBe(401);
    });

    it('lets only the declared roles in', async () => {
      const citizen = await createSession(t.ctx.db, { userId, method: 'test', assurance: 2 });
      const admin = await createSession(t.ctx.db, { userId: adminId, method: 'test', assurance: 2 });
      expect((await t.app.inject('/api/probe/staff')).statusCode).toBe(401);
      const denied = await t.app.inject({
        url: '/api/probe/staff',
        headers: { cookie: sessionCookie(citizen.token) },
      });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().detail).toBe('У вас нет прав на это действие');
      expect(
        (await t.app.inject({ url: '/api/probe/staff', headers: { cookie: sessionCookie(admin.token) } }))
          .statusCode,
      ).toBe(200);
    });
  });

  it('runs queued jobs, retries failures and moves them to the dead-letter queue', async () => {
    await t.ctx.jobs.send('probe.ok', { value: 'доставлено' });
    await t.ctx.jobs.send('probe.fail', {});
    const deadline = Date.now() + 25_000;
    while (Date.now() < deadline) {
      const dead = await t.ctx.jobs.deadLetters('probe.fail');
      if (handled.includes('доставлено') && dead.length > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(handled).toContain('доставлено');
    expect(failures).toBe(2); // the first attempt and one retry
    expect(await t.ctx.jobs.deadLetters('probe.fail')).toHaveLength(1);
  });
});

describe('rate limiting', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ config: { rateLimitMax: 3 } });
  });
  afterAll(async () => limited?.close());

  it('answers 429 in Russian after the limit and never limits health checks', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.app.inject('/api/csrf')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const res = await limited.app.inject('/api/csrf');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/Слишком много запросов/);
    expect(res.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 5; i++) expect((await limited.app.inject('/healthz')).statusCode).toBe(200);
  });
});

describe('rate limits shared by two instances through Redis', () => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((a) => a.close())));

  it('counts requests to either instance against one limit', async () => {
    const redisPrefix = `kabinet-test-${Math.random().toString(36).slice(2)}:`;
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    for (let i = 0; i < 2; i++)
      apps.push(await createTestApp({ config: { rateLimitMax: 4, redisUrl, redisPrefix } }));
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await apps[i % 2]!.app.inject('/api/csrf')).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('route declarations', () => {
  it('refuses to start when an API route does not say who may call it', async () => {
    const careless: KabinetModule = {
      name: 'careless',
      routes: (app) => void app.get('/api/open', async () => ({})),
    };
    await expect(createTestApp({ extraModules: [careless] })).rejects.toThrow(
      /does not declare config.access/,
    );
  });
});

void cookieHeader;

describe('external workers (WORKERS=external)', () => {
  it.runIf(testDriver === 'pg')(
    'an app instance only enqueues; a separate worker process runs the job',
    async () => {
      const ran: string[] = [];
      const job: KabinetModule = {
        name: 'external-probe',
        jobs: () => [
          defineJob<{ v: string }>({ name: 'probe.external', handler: async (d) => void ran.push(d.v) }),
        ],
      };
      // The app instance: jobs are enqueued here but never handled.
      const app = await createTestApp({ extraModules: [job], config: { workers: 'external' } });
      try {
        await app.ctx.jobs.send('probe.external', { v: 'из приложения' });
        await new Promise((r) => setTimeout(r, 1500));
        expect(ran).toEqual([]);
        // The worker: the same modules and database, handlers on.
        const worker = await createContext({
          config: app.config,
          modules: [...modules, job],
          logger: pino({ level: 'silent' }),
          work: true,
          pollingIntervalSeconds: 0.5,
        });
        await worker.jobs.start();
        try {
          const deadline = Date.now() + 15_000;
          while (!ran.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
          expect(ran).toEqual(['из приложения']);
        } finally {
          await closeContext(worker);
        }
      } finally {
        await app.close();
      }
    },
  );
});
