import { authRateLimit, clientOf, factorOptionSchema, stepResultSchema } from './http';
import { z } from 'zod';
import type { Api, AppContext } from '../../platform/context';
import { HttpProblem, notFound } from '../../platform/errors';
import { describeLocation } from '../../platform/geoip';
import {
  clearSessionCookie,
  revokeSession,
  revokeUserSessionByHandle,
  revokeUserSessions,
  setSessionCookie,
} from '../../platform/sessions';
import { callerAccount, fullName, shortName } from './queries';
import { accountLevels } from './schema';
import {
  completeLogin,
  confirmedContacts,
  passwordInFlow,
  passwordStep,
  proveFactor,
  sendFactorCode,
} from './login';
import { findUserByLogin, parseLogin } from './login-id';
import { blockedSourceProblem, sourceBlockedUntil } from './suspicious';
import { completeFlow, currentFlow, setFlowCookie, startFlow } from './flows';
import { listAttempts, loginMethods, loginResults } from './history';
import { listActiveSessions } from './sessions-view';
import type { IdentityEffects } from './effects';
import { registrationRoutes } from './registration-routes';
import { securityRoutes } from './security-routes';
import { recoveryRoutes } from './recovery-routes';
import { recoveryRequestRoutes } from './recovery-request-routes';
import { standardRoutes } from './standard-routes';
import { bankRoutes } from './bank-routes';
import { esignRoutes } from './esign-routes';
import { postRoutes } from './post-routes';
import { mfcRoutes } from './mfc-routes';
import { securityQuestionRoutes } from './security-question-routes';
import { passkeyRoutes } from './passkey-routes';
import { loginMethodRoutes } from './login-method-routes';
import { pushRoutes } from './push-routes';

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

const factorSchema = z.enum(['sms', 'email', 'totp', 'backup']);
const codeFactorSchema = z.enum(['sms', 'email']);
/** Six digits for SMS, e-mail and authenticator codes; «ABCDE-FGHJK» for a backup code. */
const codeSchema = z
  .string()
  .trim()
  .regex(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, 'Введите код из 6 цифр или резервный код');

export function identityRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;
  const push = pushRoutes(app, ctx, effects);

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
      const user = await callerAccount(ctx.db, request.principal!);
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

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Вход по паролю: первый шаг, затем второй фактор',
        body: z.object({
          login: z.string().trim().min(1, 'Введите телефон, почту или СНИЛС').max(254),
          password: z.string().min(1, 'Введите пароль').max(1024),
        }),
        response: {
          200: z.object({
            status: z.literal('second_factor'),
            factors: z.array(factorOptionSchema),
            sent: z
              .object({ factor: codeFactorSchema, destination: z.string(), expiresAt: z.string() })
              .nullable(),
            /** The request sent to the registered browsers when they are the preferred factor. */
            push: z.object({ number: z.number().int(), expiresAt: z.string() }).nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const step = await passwordStep(
        ctx,
        effects,
        request.body.login,
        request.body.password,
        clientOf(request),
      );
      if (!step.ok) throw step.problem;
      setFlowCookie(reply, secure, step.flowToken);
      // The request to the registered browsers goes out once the flow is committed.
      if (step.push) push.deliver(step.push);
      return {
        status: 'second_factor' as const,
        factors: step.factors,
        sent: step.sent,
        push: step.push ? { number: step.push.number, expiresAt: step.push.expiresAt.toISOString() } : null,
      };
    },
  );

  app.post(
    '/api/auth/login/send',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Отправить код второго фактора',
        body: z.object({ factor: codeFactorSchema }),
        response: { 200: z.object({ destination: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      return ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'login');
        const result = await sendFactorCode(ctx, effects, tx, flow, request.body.factor);
        void reply;
        return { destination: result.destination, expiresAt: result.expiresAt.toISOString() };
      });
    },
  );

  app.post(
    '/api/auth/login/verify',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Подтвердить код (SMS, почта, приложение, резервный) и войти — или узнать, что нужно ещё',
        body: z.object({ factor: factorSchema, code: codeSchema }),
        response: { 200: stepResultSchema },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const result = await ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'login');
        const r = await proveFactor(ctx, effects, tx, flow, request.body.factor, request.body.code, client);
        if (r.done) await completeFlow(tx, reply, secure, flow.id);
        return r;
      });
      // Failures are committed (they count against the caps) and only then reported.
      if (!result.done && result.problem) throw result.problem;
      if (!result.done) return { status: 'more' as const, factors: result.next ?? [] };
      setSessionCookie(reply, result.token, secure);
      return { status: 'signed_in' as const };
    },
  );

  app.post(
    '/api/auth/login/sms',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Вход по коду из SMS вместо пароля (затем ещё один фактор, не SMS)',
        body: z.object({ login: z.string().trim().min(1, 'Введите телефон, почту или СНИЛС').max(254) }),
        response: { 200: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const ids = parseLogin(request.body.login);
      if (!ids.length)
        throw new HttpProblem(400, 'Введите телефон, электронную почту или СНИЛС.', [
          { field: 'login', message: 'Телефон (+7 …), почта или СНИЛС' },
        ]);
      const blocked = await sourceBlockedUntil(ctx.db, client.ip);
      if (blocked) throw blockedSourceProblem(blocked);
      await ctx.db.transaction(async (tx) => {
        const user = await findUserByLogin(tx, ids);
        // An owner who switched SMS login off gets no code, and the answer stays the same.
        const phone = user && user.smsLoginEnabled ? confirmedContacts(user).phone : null;
        const flow = await startFlow(tx, reply, secure, {
          kind: 'login',
          method: 'sms',
          userId: phone ? user!.id : null,
          proven: [],
          ...client,
        });
        if (!user || !phone) return; // the same answer, and nothing sent
        try {
          await sendFactorCode(ctx, effects, tx, flow, 'sms', true);
        } catch (err) {
          if (!(err instanceof HttpProblem && err.status === 429)) throw err;
          // Resend limits: the answer stays the same; «send again» will tell the wait.
        }
      });
      return { message: 'Если номер привязан к учётной записи, мы отправили на него код для входа.' };
    },
  );

  app.post(
    '/api/auth/login/password',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Пароль как второй шаг входа, начатого кодом из SMS',
        body: z.object({ password: z.string().min(1, 'Введите пароль').max(1024) }),
        response: { 200: stepResultSchema },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const flow = await ctx.db.transaction((tx) => currentFlow(tx, request, secure, 'login'));
      if (!flow.userId || flow.proven.includes('password') || !flow.proven.length) {
        throw new HttpProblem(409, 'Сначала подтвердите код из SMS или начните вход заново.');
      }
      const result = await passwordInFlow(
        ctx,
        effects,
        flow,
        request.body.password,
        client,
        async (tx, user) => {
          const again = await currentFlow(tx, request, secure, 'login');
          const r = await completeLogin(ctx, effects, tx, again, user, 'password', client);
          if (r.done) await completeFlow(tx, reply, secure, again.id);
          return r;
        },
      );
      if (!result.done && result.problem) throw result.problem;
      if (!result.done) return { status: 'more' as const, factors: result.next ?? [] };
      setSessionCookie(reply, result.token, secure);
      return { status: 'signed_in' as const };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Выйти',
        response: { 200: z.object({ status: z.literal('signed_out') }) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      await ctx.db.transaction(async (tx) => {
        await revokeSession(tx, principal.session.id, 'logout');
        await effects.audit(tx, {
          action: 'identity.logout',
          actorUserId: principal.userId,
          subjectUserId: principal.userId,
          ...clientOf(request),
        });
      });
      clearSessionCookie(reply, secure);
      return { status: 'signed_out' as const };
    },
  );

  const sessionView = z.object({
    id: z.string(),
    current: z.boolean(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    ip: z.string().nullable(),
    os: z.string(),
    browser: z.string(),
    deviceType: z.string(),
    method: z.string(),
  });

  app.get(
    '/api/auth/sessions',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Активные сеансы и устройства',
        response: { 200: z.object({ items: z.array(sessionView) }) },
      },
    },
    async (request) => ({
      items: await listActiveSessions(ctx.db, request.principal!.userId, request.principal!.session.id),
    }),
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Завершить сеанс',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'Неверный идентификатор сеанса') }),
        response: { 200: z.object({ status: z.literal('ended') }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const ended = await ctx.db.transaction(async (tx) => {
        const ok = await revokeUserSessionByHandle(tx, principal.userId, request.params.id, 'ended_by_user');
        if (ok)
          await effects.audit(tx, {
            action: 'identity.session.ended',
            actorUserId: principal.userId,
            subjectUserId: principal.userId,
            ...clientOf(request),
          });
        return ok;
      });
      if (!ended) throw notFound('Сеанс не найден или уже завершён');
      return { status: 'ended' as const };
    },
  );

  app.post(
    '/api/auth/sessions/end-others',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Завершить все сеансы, кроме текущего',
        response: { 200: z.object({ ended: z.number().int() }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const ended = await ctx.db.transaction(async (tx) => {
        const n = await revokeUserSessions(tx, principal.userId, 'ended_by_user', principal.session.id);
        await effects.audit(tx, {
          action: 'identity.session.ended_others',
          actorUserId: principal.userId,
          subjectUserId: principal.userId,
          ...clientOf(request),
          details: { ended: n },
        });
        return n;
      });
      return { ended };
    },
  );

  const historyQuery = z.object({
    from: z.iso.date({ error: 'Дата в формате ГГГГ-ММ-ДД' }).optional(),
    to: z.iso.date({ error: 'Дата в формате ГГГГ-ММ-ДД' }).optional(),
    ip: z
      .string()
      .trim()
      .refine(
        (v) => z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]).safeParse(v).success,
        'Укажите IP-адрес или диапазон, например 203.0.113.0/24',
      )
      .optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  });
  const historyItem = z.object({
    at: z.string(),
    ip: z.string().nullable(),
    /** «Москва, Россия» from the IP-location database, when it knows the address. */
    location: z.string().nullable(),
    os: z.string().nullable(),
    browser: z.string().nullable(),
    deviceType: z.string().nullable(),
    method: z.string(),
    methodLabel: z.string(),
    result: z.string(),
    resultLabel: z.string(),
    newDevice: z.boolean(),
  });

  const historyFilter = (q: z.infer<typeof historyQuery>) => {
    const from = q.from ? new Date(`${q.from}T00:00:00+03:00`) : undefined;
    const to = q.to ? new Date(`${q.to}T23:59:59.999+03:00`) : undefined;
    if (from && to && from > to)
      throw new HttpProblem(400, 'Дата «с» позже даты «по».', [
        { field: 'from', message: 'Проверьте период' },
      ]);
    return { from, to, ip: q.ip };
  };
  const toItem = (r: Awaited<ReturnType<typeof listAttempts>>['rows'][number]) => ({
    at: r.at.toISOString(),
    ip: r.ip,
    location: describeLocation(r),
    os: r.os,
    browser: r.browser,
    deviceType: r.deviceType,
    method: r.method,
    methodLabel: r.method
      .split('+')
      .map((m) => loginMethods[m] ?? m)
      .join(' + '),
    result: r.result,
    resultLabel: loginResults[r.result] ?? r.result,
    newDevice: r.newDevice,
  });

  app.get(
    '/api/auth/history',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'История входов',
        querystring: historyQuery,
        response: {
          200: z.object({
            items: z.array(historyItem),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, total } = await listAttempts(ctx.db, request.principal!.userId, {
        ...historyFilter(q),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { items: rows.map(toItem), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/auth/history.csv',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'История входов в CSV',
        querystring: historyQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { rows } = await listAttempts(ctx.db, request.principal!.userId, {
        ...historyFilter({ ...request.query, page: 1, pageSize: 1 }),
        limit: 10_000,
        offset: 0,
      });
      // Quoted, and a leading = + - @ is defused so a crafted User-Agent cannot become a formula.
      const cell = (v: string | null) =>
        `"${(v ?? '').replace(/^([=+\-@\t\r])/, "'$1").replace(/"/g, '""')}"`;
      const lines = [
        [
          'Время (UTC)',
          'IP-адрес',
          'Место',
          'ОС',
          'Браузер',
          'Устройство',
          'Способ',
          'Результат',
          'Новое устройство',
        ]
          .map(cell)
          .join(';'),
        ...rows
          .map(toItem)
          .map((i) =>
            [
              i.at,
              i.ip,
              i.location,
              i.os,
              i.browser,
              i.deviceType,
              i.methodLabel,
              i.resultLabel,
              i.newDevice ? 'да' : 'нет',
            ]
              .map(cell)
              .join(';'),
          ),
      ];
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="login-history.csv"');
      // A BOM makes Excel read the file as UTF-8.
      return '\uFEFF' + lines.join('\r\n') + '\r\n';
    },
  );

  registrationRoutes(app, ctx, effects);
  securityRoutes(app, ctx, effects);
  recoveryRoutes(app, ctx, effects);
  recoveryRequestRoutes(app, ctx, effects);
  standardRoutes(app, ctx, effects);
  bankRoutes(app, ctx, effects);
  esignRoutes(app, ctx, effects);
  postRoutes(app, ctx, effects);
  mfcRoutes(app, ctx, effects);
  securityQuestionRoutes(app, ctx, effects);
  passkeyRoutes(app, ctx, effects);
  loginMethodRoutes(app, ctx, effects);
}
