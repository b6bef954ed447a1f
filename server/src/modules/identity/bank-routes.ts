import { and, eq, gt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Api, AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { HttpProblem, unauthorized } from '../../platform/errors';
import { renewSession, setSessionCookie } from '../../platform/sessions';
import type { IdentityEffects } from './effects';
import { methodEnabled, methodOffProblem } from './login-methods';
import { authRateLimit, clientOf, factorOptionSchema } from './http';
import {
  accountExists,
  authorizationUrl,
  BankError,
  bankCookieName,
  bankLinkOf,
  bankPurposes,
  completeAuthorization,
  differences,
  flowIdOf,
  linkIdentity,
  linkedAccount,
  newFlowToken,
  portalOrigin,
  recoveryDifferences,
  type BankChecks,
  type BankIdentity,
  type BankPurpose,
} from './bank';
import { confirmIdentity, confirmedPerson, notStandardProblem } from './confirmation';
import { completeFlow, startFlow } from './flows';
import { recordAttempt } from './history';
import { completeLogin, loadUser, nextFactors, type Client, type FactorOption } from './login';
import { FLOW_TTL_MS } from './policy';
import { CONSENT_VERSION } from './registration-routes';
import { authFlows, externalIdentities, users } from './schema';
import { standardRequestSchema, submitStandard } from './standard';
import {
  browserRequest,
  markProven,
  notOpenProblem,
  recordRefusal,
  requestFlowById,
  requireOpen,
} from './recovery-request';

/** Where the web app shows the result of a bank round trip. */
const RESULT_PAGE = '/bank/result';

export const bankOutcomeStatuses = [
  'signed_in',
  'second_factor',
  'not_linked',
  'registered',
  'exists',
  'confirmed',
  'mismatch',
  'linked_elsewhere',
  'not_standard',
  'verified',
  'denied',
  'failed',
] as const;
type OutcomeStatus = (typeof bankOutcomeStatuses)[number];

interface Outcome {
  purpose: BankPurpose;
  status: OutcomeStatus;
  message: string;
  /** Differing data of a failed confirmation. */
  fields?: string[];
  /** The login still needs one of these (a bank sign-in without the bank's own two factors). */
  factors?: FactorOption[];
}

interface BankFlowData extends BankChecks {
  purpose: BankPurpose;
  /** The session that asked for a confirmation: only it gets the result. */
  sessionId?: string;
  /** The recovery request this browser holds (its flow cookie does not come back with the bank's redirect). */
  recovery?: { flowId: string; requestId: string };
  outcome?: Outcome;
}

const outcomeView = z.object({
  purpose: z.enum(bankPurposes),
  status: z.enum(bankOutcomeStatuses),
  message: z.string(),
  fields: z.array(z.string()),
  factors: z.array(factorOptionSchema),
});

const NOT_LINKED =
  'Эта учётная запись банка не связана с учётной записью Кабинета. Если вы у нас впервые — зарегистрируйтесь через банк. Если учётная запись уже есть — войдите обычным способом и подтвердите личность через банк (раздел «Подтвердить личность»): банк привяжется к ней, и вход через банк заработает.';
const EXISTS =
  'Учётная запись с этими данными уже существует. Войдите в неё обычным способом или восстановите доступ, а затем подтвердите личность через банк — тогда входить можно будет и через банк.';

/** «Войти через банк»: login, registration and identity confirmation by the bank (OpenID Connect). */
export function bankRoutes(app: Api, ctx: AppContext, effects: IdentityEffects) {
  const secure = ctx.config.cookieSecure;
  const origin = (request: FastifyRequest) => {
    const address = request.server.server.address();
    return portalOrigin(ctx.config, address && typeof address === 'object' ? address.port : null);
  };
  const cookieOptions = { httpOnly: true, secure, sameSite: 'lax' as const, path: '/' };

  app.post(
    '/api/auth/bank/start',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Начать вход, регистрацию или подтверждение личности через банк: адрес страницы банка',
        body: z.object({
          purpose: z.enum(bankPurposes, { error: 'Укажите цель: login, register, confirm или recover' }),
          /** Registration: the user agreement and privacy policy accepted. */
          consent: z.boolean().optional(),
        }),
        response: { 200: z.object({ url: z.string() }) },
      },
    },
    async (request, reply) => {
      const { purpose } = request.body;
      const principal = request.principal;
      if (purpose === 'confirm') {
        if (!principal) throw unauthorized('Войдите в Кабинет, чтобы подтвердить личность через банк.');
        if (principal.level === 'simplified') throw notStandardProblem();
      }
      if (purpose === 'register' && request.body.consent !== true)
        throw new HttpProblem(400, 'Примите пользовательское соглашение и политику конфиденциальности.', [
          { field: 'consent', message: 'Нужно согласие' },
        ]);
      // Recovery: the request this browser opened (and still holds), before going to the bank.
      const recovery =
        purpose === 'recover'
          ? await ctx.db.transaction(async (tx) => {
              const found = await browserRequest(tx, request, secure);
              requireOpen(found.request);
              return found;
            })
          : null;
      const { url, checks } = await authorizationUrl(ctx.config, origin(request), purpose);
      const token = newFlowToken();
      const now = new Date();
      await ctx.db.insert(authFlows).values({
        id: flowIdOf(token),
        kind: purpose === 'register' ? 'registration' : purpose === 'recover' ? 'recovery_request' : 'login',
        method: 'bank',
        userId: purpose === 'confirm' ? principal!.userId : (recovery?.request.userId ?? null),
        proven: [],
        data: {
          ...checks,
          purpose,
          sessionId: purpose === 'confirm' ? principal!.session.id : undefined,
          recovery: recovery ? { flowId: recovery.flow.id, requestId: recovery.request.id } : undefined,
        },
        ...clientOf(request),
        createdAt: now,
        expiresAt: new Date(now.getTime() + FLOW_TTL_MS),
      });
      reply.setCookie(bankCookieName(secure), token, { ...cookieOptions, maxAge: FLOW_TTL_MS / 1000 });
      return { url };
    },
  );

  app.get(
    '/api/auth/bank/callback',
    {
      config: { access: 'public', rateLimit: authRateLimit(ctx.config) },
      schema: {
        tags: ['identity'],
        summary: 'Возврат из банка (redirect URI): проверка ответа и переход на страницу результата',
        querystring: z.looseObject({
          code: z.string().max(2048).optional(),
          state: z.string().max(512).optional(),
          iss: z.string().max(2048).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2048).optional(),
        }),
      },
    },
    async (request, reply) => {
      const token = request.cookies[bankCookieName(secure)];
      const client = clientOf(request);
      // Consumed first, in its own transaction: a replayed or doubled callback finds it used.
      const claimed = await ctx.db.transaction(async (tx) => {
        if (!token) return { error: 'expired' as const };
        const [flow] = await tx
          .select()
          .from(authFlows)
          .where(
            and(
              eq(authFlows.id, flowIdOf(token)),
              eq(authFlows.method, 'bank'),
              gt(authFlows.expiresAt, new Date()),
            ),
          )
          .limit(1)
          .for('update');
        if (!flow) return { error: 'expired' as const };
        if (flow.completedAt) return { error: 'used' as const };
        await tx.update(authFlows).set({ completedAt: new Date() }).where(eq(authFlows.id, flow.id));
        return { flow };
      });
      if ('error' in claimed) return reply.redirect(`${RESULT_PAGE}?error=${claimed.error}`, 303);
      const flow = claimed.flow;
      const data = flow.data as unknown as BankFlowData;
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';

      let outcome: Outcome;
      let cookie: string | null = null;
      try {
        const identity = await completeAuthorization(ctx.config, origin(request), query, data);
        const result = await ctx.db.transaction((tx) =>
          decide(tx, request, reply, flow.userId, data, identity, client),
        );
        outcome = result.outcome;
        cookie = result.session;
        if (result.register) {
          // The registries check the bank's passport and СНИЛС for the standard level, as for a form.
          const parsed = standardRequestSchema.safeParse(result.register.data);
          if (parsed.success)
            await submitStandard(ctx, effects, { userId: result.register.userId }, parsed.data, client).catch(
              (err: unknown) => request.log.warn({ err }, 'bank registration: standard check not started'),
            );
        }
      } catch (err) {
        if (!(err instanceof BankError)) throw err;
        outcome = { purpose: data.purpose, status: err.kind, message: err.message };
        if (data.purpose === 'login')
          await recordAttempt(ctx.db, {
            userId: null,
            ...client,
            method: 'bank',
            result: 'failed',
            reason: err.kind === 'denied' ? 'bank_denied' : 'bank_failed',
          });
      }
      await ctx.db
        .update(authFlows)
        .set({ data: { ...data, outcome } as unknown as Record<string, unknown> })
        .where(eq(authFlows.id, flow.id));
      if (cookie) setSessionCookie(reply, cookie, secure);
      return reply.redirect(RESULT_PAGE, 303);
    },
  );

  /** The domain decision for a verified bank identity, in one transaction. */
  async function decide(
    tx: Tx,
    request: FastifyRequest,
    reply: FastifyReply,
    flowUserId: string | null,
    data: BankFlowData,
    identity: BankIdentity,
    client: Client,
  ): Promise<{
    outcome: Outcome;
    session: string | null;
    register?: { userId: string; data: Record<string, unknown> };
  }> {
    const purpose = data.purpose;
    const link = await linkedAccount(tx, identity);
    const audit = (action: string, userId: string | null, details: Record<string, unknown>) =>
      effects.audit(tx, {
        action,
        actorUserId: userId ?? undefined,
        subjectUserId: userId ?? undefined,
        ...client,
        details: { issuer: identity.issuer, subject: identity.subject, ...details },
      });

    /** Signs in a linked (or just registered) account: both factors when the bank asked two, else one. */
    const signIn = async (userId: string, status: 'signed_in' | 'registered', message: string) => {
      const user = await loadUser(tx, userId);
      await tx
        .update(externalIdentities)
        .set({ lastLoginAt: new Date() })
        .where(
          and(
            eq(externalIdentities.issuer, identity.issuer),
            eq(externalIdentities.subject, identity.subject),
          ),
        );
      const flow = await startFlow(tx, reply, ctx.config.cookieSecure, {
        kind: 'login',
        method: 'bank',
        userId,
        proven: ['bank'],
        ...client,
      });
      if (identity.mfa) {
        const done = await completeLogin(ctx, effects, tx, flow, user, 'bank_mfa', client);
        if (done.done) {
          await completeFlow(tx, reply, ctx.config.cookieSecure, flow.id);
          return { outcome: { purpose, status, message }, session: done.token };
        }
      }
      const factors = await nextFactors(tx, user, ['bank']);
      await recordAttempt(tx, { userId, ...client, method: 'bank', result: 'second_factor_required' });
      if (!factors.length) {
        return {
          outcome: {
            purpose,
            status: 'failed' as const,
            message:
              'Банк подтвердил вход, но у учётной записи нет второго фактора для входа. Обратитесь в поддержку или в МФЦ.',
          },
          session: null,
        };
      }
      return {
        outcome: {
          purpose,
          status: status === 'signed_in' ? ('second_factor' as const) : status,
          message:
            status === 'signed_in'
              ? 'Банк подтвердил вход. Подтвердите вход ещё одним способом: банк проверил только пароль.'
              : `${message} Чтобы войти, подтвердите вход ещё одним способом.`,
          factors,
        },
        session: null,
      };
    };

    if (purpose === 'login') {
      if (!link) {
        await recordAttempt(tx, {
          userId: null,
          ...client,
          method: 'bank',
          result: 'failed',
          reason: 'bank_not_linked',
        });
        return { outcome: { purpose, status: 'not_linked', message: NOT_LINKED }, session: null };
      }
      const owner = await loadUser(tx, link.userId);
      if (!methodEnabled(owner, 'bank')) {
        await recordAttempt(tx, {
          userId: owner.id,
          ...client,
          method: 'bank',
          result: 'failed',
          reason: 'method_disabled',
        });
        return {
          outcome: { purpose, status: 'failed' as const, message: methodOffProblem('bank').detail },
          session: null,
        };
      }
      return signIn(link.userId, 'signed_in', 'Вы вошли через банк.');
    }

    if (purpose === 'register') {
      if (link) return { outcome: { purpose, status: 'exists', message: EXISTS }, session: null };
      const p = identity.person;
      if (
        !p.lastName ||
        !p.firstName ||
        !p.birthDate ||
        !p.phone ||
        !p.passport ||
        !p.snils ||
        !p.passportIssuedAt ||
        !p.passportIssuerCode
      ) {
        return {
          outcome: {
            purpose,
            status: 'failed',
            message:
              'Банк передал не все нужные данные (ФИО, дата рождения, подтверждённый телефон, паспорт, СНИЛС). Зарегистрируйтесь по телефону или почте.',
          },
          session: null,
        };
      }
      if (await accountExists(tx, p)) {
        await audit('identity.bank.duplicate', null, {});
        return { outcome: { purpose, status: 'exists', message: EXISTS }, session: null };
      }
      const now = new Date();
      const [user] = await tx
        .insert(users)
        .values({
          // The bank verified the phone (and the e-mail, when it says so) in person: confirmed here too.
          phone: p.phone,
          phoneConfirmedAt: now,
          email: p.email && p.emailVerified ? p.email : null,
          emailConfirmedAt: p.email && p.emailVerified ? now : null,
          snils: p.snils,
          passwordHash: null,
          level: 'simplified',
          lastName: p.lastName,
          firstName: p.firstName,
          middleName: p.middleName,
          birthDate: p.birthDate,
          consentVersion: CONSENT_VERSION,
          consentAcceptedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) return { outcome: { purpose, status: 'exists', message: EXISTS }, session: null };
      await linkIdentity(tx, user.id, identity);
      await recordAttempt(tx, { userId: user.id, ...client, method: 'registration', result: 'succeeded' });
      await audit('identity.registered', user.id, { channel: 'bank', consentVersion: CONSENT_VERSION });
      const signed = await signIn(
        user.id,
        'registered',
        'Учётная запись создана по данным банка. Паспорт и СНИЛС отправлены на проверку в ведомства — после неё учётная запись станет стандартной.',
      );
      return {
        ...signed,
        register: {
          userId: user.id,
          data: {
            lastName: p.lastName,
            firstName: p.firstName,
            middleName: p.middleName,
            birthDate: p.birthDate,
            passport: p.passport,
            passportIssuedAt: p.passportIssuedAt,
            passportIssuerCode: p.passportIssuerCode,
            snils: p.snils,
            inn: null,
          },
        },
      };
    }

    if (purpose === 'recover') return recover(tx, data, identity, link, client);

    // confirm: only the session that asked, still signed in to the same account, gets the result.
    const principal = request.principal;
    if (!principal || principal.userId !== flowUserId || principal.session.id !== data.sessionId) {
      return {
        outcome: {
          purpose,
          status: 'failed',
          message: 'Подтверждение начато в другом сеансе или сеанс завершён. Войдите и начните заново.',
        },
        session: null,
      };
    }
    if (link && link.userId !== principal.userId) {
      await audit('identity.bank.linked_elsewhere', principal.userId, {});
      return {
        outcome: {
          purpose,
          status: 'linked_elsewhere',
          message:
            'Эта учётная запись банка уже связана с другой учётной записью Кабинета. Подтвердить ею личность здесь нельзя.',
        },
        session: null,
      };
    }
    const person = await confirmedPerson(tx, principal.userId);
    if (!person) {
      return {
        outcome: { purpose, status: 'not_standard', message: notStandardProblem().detail },
        session: null,
      };
    }
    const fields = differences(person, identity.person);
    if (fields.length) {
      await audit('identity.bank.mismatch', principal.userId, { fields });
      return {
        outcome: {
          purpose,
          status: 'mismatch',
          fields,
          message: `Данные банка не совпадают с данными вашей учётной записи: ${fields.join(', ')}. Уровень учётной записи не изменился. Проверьте данные в профиле или обратитесь в банк.`,
        },
        session: null,
      };
    }
    const mine = await bankLinkOf(tx, principal.userId);
    if (mine && !link) {
      return {
        outcome: {
          purpose,
          status: 'linked_elsewhere',
          message: 'К вашей учётной записи уже привязана другая учётная запись этого банка.',
        },
        session: null,
      };
    }
    const { raised } = await confirmIdentity(tx, effects, {
      userId: principal.userId,
      method: 'bank',
      details: { issuer: identity.issuer, subject: identity.subject, acr: identity.acr, amr: identity.amr },
      client,
    });
    await linkIdentity(tx, principal.userId, identity);
    // A level change renews the session id (PRODUCT.md §1).
    const session = raised ? (await renewSession(tx, principal.session, 'level_changed')).token : null;
    return {
      outcome: {
        purpose,
        status: 'confirmed',
        message: raised
          ? 'Личность подтверждена через банк. Учётная запись — подтверждённая: доступны все услуги. Теперь можно входить через банк.'
          : 'Банк подтвердил ваши данные и привязан к учётной записи: теперь можно входить через банк.',
      },
      session,
    };
  }

  /**
   * The bank's verified data complete the browser's recovery request when they name the person of
   * that account; anything else is refused with the reason and changes nothing.
   */
  async function recover(
    tx: Tx,
    data: BankFlowData,
    identity: BankIdentity,
    link: Awaited<ReturnType<typeof linkedAccount>>,
    client: Client,
  ): Promise<{ outcome: Outcome; session: null }> {
    const purpose = 'recover' as const;
    const failed = (message: string) => ({
      outcome: { purpose, status: 'failed' as const, message },
      session: null,
    });
    const found = data.recovery
      ? await requestFlowById(tx, data.recovery.flowId, data.recovery.requestId)
      : null;
    if (!found)
      return failed(
        'Запрос на восстановление в этом браузере больше не действует. Ничего не изменилось — откройте запрос заново.',
      );
    const closed = notOpenProblem(found.request);
    if (closed) return failed(`${closed.detail} Ничего не изменилось.`);
    const bank = { issuer: identity.issuer, subject: identity.subject };
    if (link && link.userId !== found.request.userId) {
      await recordRefusal(tx, effects, found.request, 'bank', client, {
        ...bank,
        reason: 'linked_elsewhere',
      });
      return {
        outcome: {
          purpose,
          status: 'linked_elsewhere',
          message:
            'Эта учётная запись банка связана с другой учётной записью Кабинета — восстановить ею доступ к этой нельзя. Доступ не восстановлен, ничего не изменилось.',
        },
        session: null,
      };
    }
    const person = await confirmedPerson(tx, found.request.userId);
    const fields = person ? recoveryDifferences(person, identity.person) : ['паспорт', 'СНИЛС'];
    if (fields.length) {
      await recordRefusal(tx, effects, found.request, 'bank', client, { ...bank, fields });
      return {
        outcome: {
          purpose,
          status: 'mismatch',
          fields,
          message: `Данные банка не совпадают с данными учётной записи, для которой открыт запрос: ${fields.join(', ')}. Доступ не восстановлен, ничего не изменилось.`,
        },
        session: null,
      };
    }
    await markProven(tx, effects, found, 'bank', client, { ...bank, acr: identity.acr, amr: identity.amr });
    return {
      outcome: {
        purpose,
        status: 'verified',
        message:
          'Банк подтвердил вашу личность. Осталось указать новый номер телефона и задать новый пароль — в течение 15 минут.',
      },
      session: null,
    };
  }

  app.get(
    '/api/auth/bank/result',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Результат последнего обращения к банку в этом браузере',
        response: { 200: outcomeView },
      },
    },
    async (request) => {
      const token = request.cookies[bankCookieName(secure)];
      const [flow] = token
        ? await ctx.db
            .select({ data: authFlows.data })
            .from(authFlows)
            .where(
              and(
                eq(authFlows.id, flowIdOf(token)),
                eq(authFlows.method, 'bank'),
                gt(authFlows.expiresAt, new Date()),
              ),
            )
            .limit(1)
        : [];
      const outcome = (flow?.data as unknown as BankFlowData | undefined)?.outcome;
      if (!outcome) throw new HttpProblem(404, 'Результата обращения к банку нет: начните заново.');
      return {
        purpose: outcome.purpose,
        status: outcome.status,
        message: outcome.message,
        fields: outcome.fields ?? [],
        factors: outcome.factors ?? [],
      };
    },
  );

  app.get(
    '/api/auth/bank/link',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Привязан ли банк к учётной записи (только своей)',
        security: [{ session: [] }],
        response: {
          200: z.object({
            linked: z.boolean(),
            linkedAt: z.string().nullable(),
            lastLoginAt: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const link = await bankLinkOf(ctx.db, request.principal!.userId);
      return {
        linked: !!link,
        linkedAt: link?.linkedAt.toISOString() ?? null,
        lastLoginAt: link?.lastLoginAt?.toISOString() ?? null,
      };
    },
  );
}
