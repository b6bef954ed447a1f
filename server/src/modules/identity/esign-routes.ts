import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Api, AppContext } from '../../platform/context';
import { HttpProblem, notFound } from '../../platform/errors';
import { renewSession, setSessionCookie } from '../../platform/sessions';
import type { IdentityEffects } from './effects';
import { methodEnabled, methodOffProblem } from './login-methods';
import { authRateLimit, clientOf } from './http';
import { completeFlow, currentFlow, startFlow, updateFlow, type AuthFlow } from './flows';
import { completeLogin, type Client } from './login';
import { recordAttempt } from './history';
import { blockedSourceProblem, noteSourceFailure, sourceBlockedUntil } from './suspicious';
import { confirmedPerson, confirmIdentity, notStandardProblem } from './confirmation';
import { eq } from 'drizzle-orm';
import { accountLevels, users } from './schema';
import {
  browserRequest,
  markProven,
  recordRefusal,
  requireOpen,
  type BrowserRequest,
} from './recovery-request';
import {
  accountForCertificate,
  certificateByFingerprint,
  CERTIFICATE_MAX,
  clientDataType,
  crlRevocation,
  listCertificates,
  newChallenge,
  otherPersonProblem,
  registerCertificate,
  revokeUserCertificate,
  samePerson,
  staleChallenge,
  takeChallenge,
  verifyCertificate,
  verifySignedChallenge,
  type EsignPurpose,
  type StoredChallenge,
  type VerifiedCertificate,
} from './esign';

const signedBody = z.object({
  certificate: z
    .string()
    .min(1, 'Приложите сертификат')
    .max(CERTIFICATE_MAX, 'Сертификат слишком большой: не больше 16 КБ'),
  clientData: z.string().min(1, 'Нет подписанных данных').max(2048, 'Подписанные данные слишком большие'),
  signature: z.string().min(1, 'Нет подписи').max(256, 'Подпись слишком большая'),
});
const challengeView = z.object({ challenge: z.string(), type: z.string(), expiresAt: z.string() });
const factorOption = z.object({ type: z.string(), destination: z.string() });

/** «Войти по электронной подписи» and «Подтвердить личность электронной подписью» (PRODUCT.md §1). */
export function esignRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;
  const revocation = crlRevocation({ timeoutMs: 5000 });
  /** The challenge is bound to the portal's origin: PUBLIC_URL, else the address this request came to. */
  const originOf = (request: FastifyRequest) =>
    ctx.config.publicUrl ? new URL(ctx.config.publicUrl).origin : `${request.protocol}://${request.host}`;

  /** Certificate and signature checks: no transaction is held open during crypto or the CRL fetch. */
  const verify = async (body: z.infer<typeof signedBody>, challenge: StoredChallenge) => {
    const cert = await verifyCertificate(body.certificate, {
      trusted: ctx.config.esignTrustedCas,
      revocation,
    });
    await verifySignedChallenge(cert.certificate, body, challenge);
    return cert;
  };

  /** Consumes the flow's challenge in its own committed transaction, so it can never be replayed. */
  const consume = async (
    request: FastifyRequest,
    kind: AuthFlow['kind'],
    purpose: EsignPurpose,
    userId?: string,
  ) =>
    ctx.db.transaction(async (tx) => {
      let flow: AuthFlow;
      try {
        flow = await currentFlow(tx, request, secure, kind);
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 409) throw staleChallenge();
        throw err;
      }
      if (userId && flow.userId !== userId) throw staleChallenge();
      const { challenge, rest } = takeChallenge(flow.data, purpose);
      await updateFlow(tx, flow.id, { data: rest });
      return { flow, challenge };
    });

  const loginFailed = async (client: Client, userId: string | null, reason: string) =>
    ctx.db.transaction(async (tx) => {
      await recordAttempt(tx, { userId, ...client, method: 'esign', result: 'failed', reason });
      await noteSourceFailure(tx, client.ip);
    });

  app.post(
    '/api/auth/esign/challenge',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Вход по электронной подписи: получить случайные данные для подписи',
        response: { 200: challengeView },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const blocked = await sourceBlockedUntil(ctx.db, client.ip);
      if (blocked) throw blockedSourceProblem(blocked);
      const challenge = newChallenge('login', originOf(request));
      await ctx.db.transaction((tx) =>
        startFlow(tx, reply, secure, {
          kind: 'login',
          method: 'esign',
          data: { esign: challenge },
          ...client,
        }),
      );
      return {
        challenge: challenge.challenge,
        type: clientDataType('login'),
        expiresAt: challenge.expiresAt,
      };
    },
  );

  app.post(
    '/api/auth/esign/login',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Вход по электронной подписи: сертификат и подпись — первый фактор, затем пароль или код',
        body: signedBody,
        response: {
          200: z.union([
            z.object({ status: z.literal('signed_in') }),
            z.object({ status: z.literal('more'), factors: z.array(factorOption) }),
          ]),
        },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const { challenge } = await consume(request, 'login', 'login');
      let cert: VerifiedCertificate;
      try {
        cert = await verify(request.body, challenge);
      } catch (err) {
        if (err instanceof HttpProblem && err.status !== 503)
          await loginFailed(client, null, 'esign_invalid');
        throw err;
      }
      const result = await ctx.db.transaction(async (tx) => {
        const flow = await currentFlow(tx, request, secure, 'login');
        const found = await accountForCertificate(tx, cert);
        if ('refused' in found) return { refused: found.refused };
        const { user, registered } = found;
        if (!methodEnabled(user, 'esign')) {
          await recordAttempt(tx, {
            userId: user.id,
            ...client,
            method: 'esign',
            result: 'failed',
            reason: 'method_disabled',
          });
          return { refused: methodOffProblem('esign') };
        }
        if (registered) await registerCertificate(tx, user.id, cert);
        await updateFlow(tx, flow.id, { userId: user.id });
        await recordAttempt(tx, {
          userId: user.id,
          ...client,
          method: 'esign',
          result: 'second_factor_required',
        });
        await effects.audit(tx, {
          action: 'identity.login.esign_verified',
          subjectUserId: user.id,
          ...client,
          details: { fingerprint: cert.fingerprint, serial: cert.serial, issuer: cert.issuer },
        });
        // The e-signature proves possession; completeLogin asks for a second, different factor.
        const r = await completeLogin(ctx, effects, tx, { ...flow, userId: user.id }, user, 'esign', client);
        if (r.done) await completeFlow(tx, reply, secure, flow.id);
        return { r };
      });
      if ('refused' in result) {
        await loginFailed(client, null, 'esign_no_account');
        throw result.refused;
      }
      const r = result.r;
      if (r.done) {
        setSessionCookie(reply, r.token, secure);
        return { status: 'signed_in' as const };
      }
      if (!r.next?.length)
        throw new HttpProblem(
          403,
          'Для входа нужен ещё один способ — пароль или код, — но у учётной записи их нет. Обратитесь в поддержку или в МФЦ.',
        );
      return { status: 'more' as const, factors: r.next };
    },
  );

  app.post(
    '/api/identity/esign/challenge',
    {
      config: { access: 'user', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Подтверждение личности электронной подписью: получить данные для подписи',
        security: [{ session: [], csrf: [] }],
        response: { 200: challengeView },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const challenge = newChallenge('confirm', originOf(request));
      await ctx.db.transaction((tx) =>
        startFlow(tx, reply, secure, {
          kind: 'esign',
          method: 'esign_confirm',
          userId: principal.userId,
          data: { esign: challenge },
          ...clientOf(request),
        }),
      );
      return {
        challenge: challenge.challenge,
        type: clientDataType('confirm'),
        expiresAt: challenge.expiresAt,
      };
    },
  );

  app.post(
    '/api/identity/esign/confirm',
    {
      config: { access: 'user', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Подтвердить личность квалифицированной электронной подписью',
        security: [{ session: [], csrf: [] }],
        body: signedBody,
        response: { 200: z.object({ level: z.enum(accountLevels), raised: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const client = clientOf(request);
      const { flow, challenge } = await consume(request, 'esign', 'confirm', principal.userId);
      const cert = await verify(request.body, challenge);
      const { raised } = await ctx.db.transaction(async (tx) => {
        const person = await confirmedPerson(tx, principal.userId);
        if (!person) throw notStandardProblem();
        if (!samePerson(cert, person)) {
          await effects.audit(tx, {
            action: 'identity.confirm.esign_refused',
            actorUserId: principal.userId,
            subjectUserId: principal.userId,
            ...client,
            details: { reason: 'other_person', fingerprint: cert.fingerprint },
          });
          return { raised: null };
        }
        await registerCertificate(tx, principal.userId, cert);
        const result = await confirmIdentity(tx, effects, {
          userId: principal.userId,
          method: 'esign',
          details: { fingerprint: cert.fingerprint, serial: cert.serial, issuer: cert.issuer },
          client,
        });
        await completeFlow(tx, reply, secure, flow.id);
        return result;
      });
      if (raised === null) throw otherPersonProblem();
      if (raised) {
        // A level change renews the session id (PRODUCT.md §1).
        const { token } = await ctx.db.transaction((tx) =>
          renewSession(tx, principal.session, 'level_changed'),
        );
        setSessionCookie(reply, token, secure);
      }
      const [user] = await ctx.db
        .select({ level: users.level })
        .from(users)
        .where(eq(users.id, principal.userId));
      return { level: user!.level, raised };
    },
  );

  // ------------------------------------------------------------------ a contacts-lost recovery request

  app.post(
    '/api/auth/esign/recover/challenge',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary:
          'Восстановление доступа электронной подписью: данные для подписи (для запроса этого браузера)',
        response: { 200: challengeView },
      },
    },
    async (request) => {
      const challenge = newChallenge('recover', originOf(request));
      await ctx.db.transaction(async (tx) => {
        const found = await browserRequest(tx, request, secure);
        requireOpen(found.request);
        await updateFlow(tx, found.flow.id, {
          data: { ...found.data, esign: challenge } as unknown as Record<string, unknown>,
        });
      });
      return {
        challenge: challenge.challenge,
        type: clientDataType('recover'),
        expiresAt: challenge.expiresAt,
      };
    },
  );

  app.post(
    '/api/auth/esign/recover',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary:
          'Восстановление доступа электронной подписью: квалифицированный сертификат с СНИЛС владельца учётной записи',
        body: signedBody,
        response: { 200: z.object({ status: z.literal('verified'), until: z.string() }) },
      },
    },
    async (request) => {
      const client = clientOf(request);
      // The challenge is taken out in its own committed transaction: it can never be replayed.
      const challenge = await ctx.db.transaction(async (tx) => {
        let found: BrowserRequest;
        try {
          found = await browserRequest(tx, request, secure);
        } catch (err) {
          if (err instanceof HttpProblem && err.status === 409) throw staleChallenge();
          throw err;
        }
        const { challenge, rest } = takeChallenge(
          found.data as unknown as Record<string, unknown>,
          'recover',
        );
        await updateFlow(tx, found.flow.id, { data: rest });
        return challenge;
      });
      const cert = await verify(request.body, challenge);
      const result = await ctx.db.transaction(async (tx) => {
        const found = await browserRequest(tx, request, secure);
        requireOpen(found.request);
        const person = await confirmedPerson(tx, found.request.userId);
        const registered = await certificateByFingerprint(tx, cert.fingerprint);
        const details = { fingerprint: cert.fingerprint, serial: cert.serial, issuer: cert.issuer };
        // The certificate must name the account's person (its СНИЛС and ФИО, as the registries
        // confirmed them) and must not be another account's, nor one its owner removed.
        const refusal =
          !person || !samePerson(cert, person) || (registered && registered.userId !== found.request.userId)
            ? 'other_person'
            : registered?.revokedAt
              ? 'removed'
              : null;
        if (refusal) {
          await recordRefusal(tx, effects, found.request, 'esign', client, { ...details, reason: refusal });
          return { refusal };
        }
        return { until: await markProven(tx, effects, found, 'esign', client, details) };
      });
      if ('refusal' in result)
        throw result.refusal === 'removed'
          ? new HttpProblem(
              403,
              'Этот сертификат отвязан от учётной записи и для восстановления доступа не подходит. Доступ не восстановлен, ничего не изменилось.',
              [{ field: 'certificate', message: 'Сертификат отвязан' }],
            )
          : new HttpProblem(
              403,
              'Сертификат выдан другому человеку: СНИЛС или ФИО в нём не совпадают с данными учётной записи, для которой открыт запрос. Доступ не восстановлен, ничего не изменилось.',
              [{ field: 'certificate', message: 'Сертификат другого человека' }],
            );
      return { status: 'verified' as const, until: result.until.toISOString() };
    },
  );

  const certificateView = z.object({
    id: z.string().uuid(),
    subject: z.string(),
    issuer: z.string(),
    serial: z.string(),
    notBefore: z.string(),
    notAfter: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  });

  app.get(
    '/api/identity/esign/certificates',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Сертификаты электронной подписи, привязанные к учётной записи',
        security: [{ session: [] }],
        response: { 200: z.object({ items: z.array(certificateView) }) },
      },
    },
    async (request) => {
      const rows = await listCertificates(ctx.db, request.principal!.userId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          subject: r.subject,
          issuer: r.issuer,
          serial: r.serial,
          notBefore: r.notBefore.toISOString(),
          notAfter: r.notAfter.toISOString(),
          createdAt: r.createdAt.toISOString(),
          lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
          revokedAt: r.revokedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.delete(
    '/api/identity/esign/certificates/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Отвязать сертификат: входить с ним больше нельзя',
        security: [{ session: [], csrf: [] }],
        params: z.object({ id: z.string().uuid('Неверный идентификатор сертификата') }),
        response: { 200: z.object({ status: z.literal('removed') }) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const ok = await ctx.db.transaction(async (tx) => {
        const done = await revokeUserCertificate(tx, principal.userId, request.params.id);
        if (done)
          await effects.audit(tx, {
            action: 'identity.esign.certificate_removed',
            actorUserId: principal.userId,
            subjectUserId: principal.userId,
            ...clientOf(request),
            details: { certificateId: request.params.id },
          });
        return done;
      });
      if (!ok) throw notFound('Сертификат не найден или уже отвязан');
      return { status: 'removed' as const };
    },
  );
}
