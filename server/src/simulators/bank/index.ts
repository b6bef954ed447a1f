import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Provider, { type Configuration, type Interaction, type KoaContextWithOIDC } from 'oidc-provider';
import { verify as verifyTotp } from 'otplib';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db';
import { loadBankSigningKey } from './keys';
import { codePage, consentPage, errorPage, loginPage } from './pages';
import {
  databaseAdapter,
  findCustomer,
  findCustomerByPhone,
  passwordMatches,
  type BankCustomer,
} from './store';

export {
  addBankCustomer,
  findCustomerByPhone as findBankCustomerByPhone,
  type BankCustomer,
  type NewBankCustomer,
} from './store';

/** What the bank says about how the customer signed in (the ID token's acr). */
export const BANK_ACR = {
  /** Phone and password only. */
  password: 'urn:bank-example:loa:1',
  /** Password and a code from the bank's app: multi-factor. */
  mfa: 'urn:bank-example:loa:2',
} as const;

/** The scope of document data: the passport and СНИЛС the bank checked. */
export const DOCUMENTS_SCOPE = 'documents';
const CLIENT_NAME = 'Госуслуги Кабинет';

export interface BankSimulatorOptions {
  db: Db;
  config: Config;
  /** Where the plugin is mounted (/sim/bank): the issuer's path. */
  prefix: string;
}

/** The origin people reach the portal at: PUBLIC_URL, else localhost on the port the app listens on. */
export function portalOrigin(config: Config, app: FastifyInstance): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  return `http://localhost:${port}`;
}

/** Kabinet's client secret: BANK_CLIENT_SECRET, or one derived from the cookie key (same on every instance). */
export function bankClientSecret(config: Config): string {
  if (config.bankClientSecret) return config.bankClientSecret;
  return createHmac('sha256', config.secrets.cookie).update('kabinet bank client secret').digest('base64url');
}

const formatPassport = (p: string) => `${p.slice(0, 2)} ${p.slice(2, 4)} ${p.slice(4)}`;
const formatSnils = (s: string) => `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 9)} ${s.slice(9)}`;
const formatDate = (d: string) => d.split('-').reverse().join('.');
const formatPhone = (p: string) => p.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, '+7 $1 $2-$3-$4');
const fullName = (c: BankCustomer) => [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' ');

/** Claims of a customer, by OpenID Connect names; oidc-provider releases only those of granted scopes. */
function claimsOf(c: BankCustomer) {
  return {
    sub: c.id,
    name: fullName(c),
    family_name: c.lastName,
    given_name: c.firstName,
    middle_name: c.middleName ?? undefined,
    birthdate: c.birthDate,
    email: c.email ?? undefined,
    email_verified: c.email ? true : undefined,
    phone_number: c.phone,
    phone_number_verified: true,
    passport: {
      series: c.passport.slice(0, 4),
      number: c.passport.slice(4),
      issued_at: c.passportIssuedAt,
      issuer_code: c.passportIssuerCode,
    },
    snils: c.snils,
  };
}

/** The phone as the customer typed it → +7XXXXXXXXXX (null when it is not a Russian mobile number). */
function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  const ten = digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits;
  return /^9\d{9}$/.test(ten) ? `+7${ten}` : null;
}

const Form = (body: unknown): Record<string, string> =>
  body && typeof body === 'object' ? (body as Record<string, string>) : {};

/**
 * The bank simulator: a real OpenID Connect provider (oidc-provider) with its own customers, login
 * and consent pages. Kabinet is its one confidential client; the authorization code flow with PKCE
 * is the only one it serves. See README.md beside this file.
 */
export const bankSimulator: FastifyPluginAsync<BankSimulatorOptions> = async (plugin, options) => {
  const { db, config, prefix } = options;
  let provider: Provider | null = null;
  let callback: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

  // Built at the first request: without BANK_ISSUER the issuer is the address the app listens on,
  // known only once it listens (PORT=0 in tests).
  const oidc = (): Provider => {
    if (provider) return provider;
    const origin = portalOrigin(config, plugin);
    const issuer = config.bankIssuer ?? `${origin}${prefix}`;
    const cookieKey = createHmac('sha256', config.secrets.cookie)
      .update('bank simulator cookies')
      .digest('hex');
    const configuration: Configuration = {
      adapter: databaseAdapter(db),
      clients: [
        {
          client_id: config.bankClientId,
          client_secret: bankClientSecret(config),
          client_name: CLIENT_NAME,
          redirect_uris: [`${origin}/api/auth/bank/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      async findAccount(_ctx, sub) {
        const customer = await findCustomer(db, sub);
        if (!customer) return undefined;
        return { accountId: sub, claims: async () => claimsOf(customer) };
      },
      scopes: ['openid', 'profile', 'email', 'phone', DOCUMENTS_SCOPE],
      claims: {
        // In every ID token: how and when the customer signed in (amr «mfa» = two factors).
        openid: ['sub', 'acr', 'amr', 'auth_time'],
        profile: ['name', 'family_name', 'given_name', 'middle_name', 'birthdate'],
        email: ['email', 'email_verified'],
        phone: ['phone_number', 'phone_number_verified'],
        [DOCUMENTS_SCOPE]: ['passport', 'snils'],
      },
      acrValues: [BANK_ACR.password, BANK_ACR.mfa],
      responseTypes: ['code'],
      // PKCE for every client, confidential ones included (OAuth 2.1, RFC 9700).
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: { enabled: false },
      },
      interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
      cookies: { keys: [cookieKey] },
      jwks: { keys: [loadBankSigningKey(config.dataDir === 'memory://' ? null : config.dataDir)] },
      ttl: {
        AuthorizationCode: 60,
        AccessToken: 300,
        IdToken: 300,
        Interaction: 600,
        Session: 3600,
        Grant: 365 * 24 * 3600,
      },
      async renderError(ctx: KoaContextWithOIDC, out) {
        ctx.type = 'html';
        ctx.body = errorPage(
          out.error === 'invalid_request' ||
            out.error === 'invalid_client' ||
            out.error === 'invalid_redirect_uri'
            ? `Неверный запрос к банку (${out.error}): ${out.error_description ?? ''}`
            : `Ошибка ${out.error}: ${out.error_description ?? ''}`,
        );
      },
    };
    provider = new Provider(issuer, configuration);
    provider.proxy = config.trustProxy !== false;
    callback = provider.callback() as typeof callback;
    return provider;
  };

  const routeConfig = { access: 'public' as const, csrf: false };
  const paths = (uid: string) => ({
    login: `${prefix}/interaction/${uid}/login`,
    code: `${prefix}/interaction/${uid}/code`,
    confirm: `${prefix}/interaction/${uid}/confirm`,
    abort: `${prefix}/interaction/${uid}/abort`,
  });
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

  /** The interaction this browser is in; a missing or expired one is a page, not a stack trace. */
  const details = async (request: FastifyRequest, reply: FastifyReply): Promise<Interaction | null> => {
    try {
      const found = await oidc().interactionDetails(request.raw, reply.raw);
      const uid = (request.params as { uid?: string }).uid;
      return found.uid === uid ? found : null;
    } catch {
      return null;
    }
  };
  const expired = (reply: FastifyReply) =>
    html(reply, errorPage('Время на вход истекло или вход уже завершён.'), 400);

  const finish = async (
    request: FastifyRequest,
    reply: FastifyReply,
    result: Parameters<Provider['interactionFinished']>[2],
    merge = false,
  ) => {
    reply.hijack();
    await oidc().interactionFinished(request.raw, reply.raw, result, { mergeWithLastSubmission: merge });
  };

  const finishLogin = (request: FastifyRequest, reply: FastifyReply, customer: BankCustomer, mfa: boolean) =>
    finish(request, reply, {
      login: {
        accountId: customer.id,
        acr: mfa ? BANK_ACR.mfa : BANK_ACR.password,
        amr: mfa ? ['pwd', 'otp', 'mfa'] : ['pwd'],
        // The bank forgets the sign-in when the browser closes.
        remember: false,
      },
    });

  // Interaction pages: forms, so they parse url-encoded bodies.
  await plugin.register(async (pages) => {
    pages.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    pages.get(
      '/interaction/:uid',
      { config: routeConfig, schema: { hide: true } },
      async (request, reply) => {
        const interaction = await details(request, reply);
        if (!interaction) return expired(reply);
        const uid = interaction.uid;
        if (interaction.prompt.name === 'login') return html(reply, loginPage(paths(uid).login, CLIENT_NAME));
        const customer = await findCustomer(db, String(interaction.session?.accountId ?? ''));
        if (!customer) return expired(reply);
        const scopes = new Set(String(interaction.params.scope ?? '').split(' '));
        const items = [{ title: 'Фамилия, имя, отчество', value: fullName(customer) }];
        if (scopes.has('profile'))
          items.push({ title: 'Дата рождения', value: formatDate(customer.birthDate) });
        if (scopes.has('phone')) items.push({ title: 'Телефон', value: formatPhone(customer.phone) });
        if (scopes.has('email') && customer.email)
          items.push({ title: 'Электронная почта', value: customer.email });
        if (scopes.has(DOCUMENTS_SCOPE)) {
          items.push({ title: 'Паспорт', value: formatPassport(customer.passport) });
          items.push({ title: 'СНИЛС', value: formatSnils(customer.snils) });
        }
        return html(reply, consentPage(paths(uid).confirm, paths(uid).abort, CLIENT_NAME, items));
      },
    );

    pages.post(
      '/interaction/:uid/login',
      { config: routeConfig, schema: { hide: true } },
      async (request, reply) => {
        const interaction = await details(request, reply);
        if (!interaction || interaction.prompt.name !== 'login') return expired(reply);
        const form = Form(request.body);
        const phone = normalisePhone(String(form.phone ?? ''));
        const password = String(form.password ?? '');
        const customer = phone ? await findCustomerByPhone(db, phone) : null;
        const ok =
          customer && password.length <= 1024
            ? await passwordMatches(customer.passwordHash, password)
            : false;
        if (!customer || !ok) {
          return html(
            reply,
            loginPage(
              paths(interaction.uid).login,
              CLIENT_NAME,
              'Неверный номер телефона или пароль.',
              String(form.phone ?? '').slice(0, 30),
            ),
            400,
          );
        }
        if (!customer.totpSecret) return finishLogin(request, reply, customer, false);
        // The password is right; the code from the bank's app comes next, in the same interaction.
        interaction.result = { passwordOf: customer.id };
        await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
        return html(reply, codePage(paths(interaction.uid).code));
      },
    );

    pages.post(
      '/interaction/:uid/code',
      { config: routeConfig, schema: { hide: true } },
      async (request, reply) => {
        const interaction = await details(request, reply);
        const pending = (interaction?.result as { passwordOf?: string } | undefined)?.passwordOf;
        if (!interaction || interaction.prompt.name !== 'login' || !pending) return expired(reply);
        const customer = await findCustomer(db, pending);
        const code = String(Form(request.body).code ?? '').trim();
        const valid =
          !!customer?.totpSecret &&
          /^\d{6}$/.test(code) &&
          (await verifyTotp({ secret: customer.totpSecret, token: code, epochTolerance: 30 })).valid;
        if (!customer || !valid)
          return html(
            reply,
            codePage(paths(interaction.uid).code, 'Неверный код. Введите новый код из приложения.'),
            400,
          );
        return finishLogin(request, reply, customer, true);
      },
    );

    pages.post(
      '/interaction/:uid/confirm',
      { config: routeConfig, schema: { hide: true } },
      async (request, reply) => {
        const interaction = await details(request, reply);
        if (!interaction || interaction.prompt.name !== 'consent' || !interaction.session)
          return expired(reply);
        const p = oidc();
        const { details: missing } = interaction.prompt as { details: Record<string, unknown> };
        const grant = interaction.grantId
          ? ((await p.Grant.find(interaction.grantId)) ??
            new p.Grant({
              accountId: interaction.session.accountId,
              clientId: String(interaction.params.client_id),
            }))
          : new p.Grant({
              accountId: interaction.session.accountId,
              clientId: String(interaction.params.client_id),
            });
        if (Array.isArray(missing.missingOIDCScope))
          grant.addOIDCScope((missing.missingOIDCScope as string[]).join(' '));
        if (Array.isArray(missing.missingOIDCClaims))
          grant.addOIDCClaims(missing.missingOIDCClaims as string[]);
        const grantId = await grant.save();
        return finish(request, reply, { consent: { grantId } }, true);
      },
    );

    pages.post(
      '/interaction/:uid/abort',
      { config: routeConfig, schema: { hide: true } },
      async (request, reply) => {
        const interaction = await details(request, reply);
        if (!interaction) return expired(reply);
        return finish(request, reply, {
          error: 'access_denied',
          error_description: 'Клиент банка отказался передавать данные',
        });
      },
    );
  });

  // Everything else is the provider itself (discovery, JWKS, authorization, token, userinfo): the
  // raw request goes to oidc-provider's Koa app, which reads the body itself.
  await plugin.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      oidc();
      reply.hijack();
      const req = request.raw as IncomingMessage & { originalUrl?: string };
      req.originalUrl = req.url;
      req.url = req.url!.slice(prefix.length) || '/';
      callback!(req, reply.raw);
    };
    raw.all('/*', { config: routeConfig, schema: { hide: true } }, handler);
  });
};
