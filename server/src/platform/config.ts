import { createECDH, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadAuditSigningKey } from './audit/keys';
import { bundledGeoIpDir } from './geoip';

/** Every environment variable the server reads, in one place (the README lists the same). */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z.string().default('kabinet:'),
  WORKERS: z.enum(['inprocess', 'external']).default('inprocess'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  COOKIE_SECRET: z.string().min(32).optional(),
  PASSWORD_PEPPER: z.string().min(32).optional(),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(20),
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  WEB_DIST: z.string().optional(),
  DEV_TOOLS: z.enum(['true', 'false']).optional(),
  /** Outgoing messages (platform/messaging). */
  SMS_GATEWAY: z.enum(['outbox']).default('outbox'),
  SMTP_URL: z.string().url().optional(),
  SMTP_DEV_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  MAIL_FROM: z.string().min(3).default('Кабинет <no-reply@kabinet.localhost>'),
  MESSAGING_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  MESSAGING_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Ed25519 private key (PKCS#8 PEM) signing the audit log's checkpoints; required in production. */
  AUDIT_SIGNING_KEY: z.string().optional(),
  /** Where signed audit checkpoints are written — ideally storage the database's owner cannot rewrite. */
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** State registries (ФМС/МВД, СФР, ФНС) behind identity's adapter; see simulators/registries/README.md. */
  REGISTRIES_URL: z.string().url().optional(),
  REGISTRIES_SECRET: z.string().min(32).optional(),
  REGISTRIES_SIMULATOR: z.enum(['true', 'false']).optional(),
  REGISTRIES_SIM_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  REGISTRIES_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  REGISTRIES_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(2),
  /** E-signature login/confirmation: PEM bundle of trusted (accredited) CA certificates; see simulators/ca/README.md. */
  ESIGN_TRUSTED_CAS: z.string().optional(),
  CA_SIMULATOR: z.enum(['true', 'false']).optional(),
  CA_URL: z.string().url().optional(),
  /** «Войти через банк» (OpenID Connect); see simulators/bank/README.md. */
  BANK_ISSUER: z.string().url().optional(),
  BANK_CLIENT_ID: z.string().min(1).max(200).default('kabinet'),
  BANK_CLIENT_SECRET: z.string().min(32).optional(),
  BANK_SIMULATOR: z.enum(['true', 'false']).optional(),
  /** Russian Post (identity letters with a code) behind identity's adapter; see simulators/post/README.md. */
  POST_URL: z.string().url().optional(),
  POST_SECRET: z.string().min(32).optional(),
  POST_SIMULATOR: z.enum(['true', 'false']).optional(),
  POST_SIM_STEP_MS: z.coerce.number().int().min(1).max(86_400_000).default(20_000),
  POST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** WebAuthn (passkeys): the relying party's domain and the page origins; default from PUBLIC_URL. */
  WEBAUTHN_RP_ID: z.string().min(1).optional(),
  WEBAUTHN_ORIGINS: z
    .string()
    .refine(
      (v) => v.split(',').every((o) => URL.canParse(o.trim())),
      'адреса через запятую, например https://kabinet.example',
    )
    .optional(),
  /** IP-location database directory (DB-IP Lite city, MMDB); «off» disables location checks. */
  GEOIP_DIR: z.string().optional(),
  /** Web Push (login confirmations on a registered browser): VAPID keys (RFC 8292), base64url as web-push makes them. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{87}$/,
      'открытый ключ P-256 в base64url (65 байт, как у web-push generate-vapid-keys)',
    )
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'закрытый ключ P-256 в base64url (32 байта)')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .refine(
      (v) => /^mailto:[^@\s]+@[^@\s]+$/.test(v) || /^https:\/\/[^\s]+$/.test(v),
      'адрес для связи с отправителем: mailto:security@example.ru или https://example.ru/contact',
    )
    .optional(),
  /** Hosts of the push services whose subscription endpoints are accepted (`*.` for subdomains). */
  PUSH_SERVICE_HOSTS: z
    .string()
    .refine(
      (v) => v.split(',').every((h) => /^(\*\.)?[a-z0-9.-]+$/i.test(h.trim())),
      'имена узлов через запятую, например fcm.googleapis.com,*.notify.windows.com',
    )
    .optional(),
  PUSH_SIMULATOR: z.enum(['true', 'false']).optional(),
  PUSH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  workers: Env['WORKERS'];
  logLevel: Env['LOG_LEVEL'];
  /** Fastify trustProxy: addresses or CIDRs of proxies whose X-Forwarded-For is believed. */
  trustProxy: string | boolean;
  cookieSecure: boolean;
  secrets: { cookie: string; pepper: string };
  rateLimitMax: number;
  /** Requests a minute per address to each authentication endpoint. */
  authRateLimitMax: number;
  bodyLimit: number;
  webDist: string;
  /** Development helpers (the dev mailbox and SMS outbox pages) — never in production. */
  devTools: boolean;
  /** SMS gateway adapter; 'outbox' (development: the outbox table is the phone) is the only one yet. */
  smsGateway: Env['SMS_GATEWAY'];
  /** Outgoing SMTP server (smtp://user:pass@host:587, smtps://…:465); unset outside production = built-in dev mailbox. */
  smtpUrl: string | undefined;
  /** Port of the built-in dev SMTP server on 127.0.0.1 (0 = any free port). */
  smtpDevPort: number;
  /** The From of every e-mail. */
  mailFrom: string;
  /** Delivery retries after the first attempt (exponential backoff from the delay), then failed and dead-lettered. */
  messagingRetryLimit: number;
  messagingRetryDelaySeconds: number;
  /** Signed audit checkpoints go here, one file each; null (in-memory runs) writes none. */
  auditCheckpointDir: string | null;
  /** Ed25519 private key (PEM) that signs audit checkpoints. */
  auditSigningKey: string;
  /**
   * Base URL of the state registries' exchange (REGISTRIES_URL). Unset: the simulator mounted in this
   * app, at the address it listens on (set once it listens), else http://127.0.0.1:PORT/sim/registries.
   */
  registriesUrl: string | undefined;
  /** HMAC-SHA256 key that signs every message exchanged with the registries. */
  registriesSecret: string;
  /** Mount the registries simulator at /sim/registries (REGISTRIES_SIMULATOR, on by default). */
  registriesSimulator: boolean;
  /** How long the simulator answers «pending» before its verdict. */
  registriesSimDelayMs: number;
  /** Timeout of each HTTP call the adapter makes to the registries. */
  registriesTimeoutMs: number;
  /** How often a pending registry answer is asked for again. */
  registriesPollSeconds: number;
  /** Certificates (PEM) of the CAs whose certificates log in and confirm identity; the CA simulator adds its root when ESIGN_TRUSTED_CAS is unset. */
  esignTrustedCas: string[];
  /** Mount the accredited-CA simulator at /sim/ca (CA_SIMULATOR; on unless production). */
  caSimulator: boolean;
  /** Public base of the CA simulator, written into certificates as the CRL address (CA_URL; default: where the app listens). */
  caUrl: string | undefined;
  /** Where the CA simulator keeps its root key (DATA_DIR/secrets.json); null = in memory only. */
  caSecretsFile: string | null;
  /**
   * The bank's OpenID Connect issuer (BANK_ISSUER). Unset: the simulator mounted in this app at
   * <PUBLIC_URL or http://localhost:port>/sim/bank (set once the app listens).
   */
  bankIssuer: string | undefined;
  /** Kabinet's client id at the bank. */
  bankClientId: string;
  /** Kabinet's client secret at the bank; unset outside production: derived from the cookie secret. */
  bankClientSecret: string | undefined;
  /** Mount the bank simulator (an OpenID Connect provider) at /sim/bank (BANK_SIMULATOR, on by default). */
  bankSimulator: boolean;
  /** Base URL of Russian Post's API (POST_URL); unset: the simulator mounted in this app. */
  postUrl: string | undefined;
  /** HMAC-SHA256 key that signs every message exchanged with Russian Post. */
  postSecret: string;
  /** Mount the Russian Post simulator at /sim/post (POST_SIMULATOR, on by default). */
  postSimulator: boolean;
  /** One simulated day of the post simulator: letters move a stage per day or more. */
  postSimStepMs: number;
  /** Timeout of each HTTP call the adapter makes to Russian Post. */
  postTimeoutMs: number;
  /** WebAuthn RP ID (a domain); unset: PUBLIC_URL's host, else the host of each request (development). */
  webauthnRpId: string | undefined;
  /** Origins the passkey ceremonies may come from; unset: PUBLIC_URL's origin, else the request's. */
  webauthnOrigins: string[] | undefined;
  /** Directory of the IP-location databases (the bundled DB-IP Lite by default); null = no locations. */
  geoIpDir: string | null;
  /** VAPID key pair (RFC 8292) that signs every Web Push request: base64url, as web-push uses them. */
  vapid: { publicKey: string; privateKey: string; subject: string };
  /** Push services whose subscription endpoints are accepted (https only); `*.` matches subdomains. */
  pushServiceHosts: string[];
  /** Mount the push service simulator at /sim/push (PUSH_SIMULATOR; on unless production). */
  pushSimulator: boolean;
  /** Where the mounted push simulator listens (set once the app listens): its endpoints are accepted. */
  pushSimulatorUrl: string | undefined;
  /** Timeout of each Web Push request. */
  pushTimeoutMs: number;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/**
 * Secrets that must live outside the database (cookie signing key, password pepper). In
 * production they come from the environment; on a developer's machine they are generated once
 * and kept in DATA_DIR/secrets.json so that a second `npm start` keeps working logins.
 */
function loadSecrets(env: Env, dataDir: string | null): Config['secrets'] {
  if (env.COOKIE_SECRET && env.PASSWORD_PEPPER)
    return { cookie: env.COOKIE_SECRET, pepper: env.PASSWORD_PEPPER };
  if (env.NODE_ENV === 'production') {
    throw new Error('В production задайте COOKIE_SECRET и PASSWORD_PEPPER (не короче 32 символов)');
  }
  let stored: Partial<Config['secrets']> = {};
  const file = dataDir ? path.join(dataDir, 'secrets.json') : null;
  if (file && existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Config['secrets']>;
  const secrets = {
    cookie: env.COOKIE_SECRET ?? stored.cookie ?? randomBytes(32).toString('base64url'),
    pepper: env.PASSWORD_PEPPER ?? stored.pepper ?? randomBytes(32).toString('base64url'),
  };
  if (file && (stored.cookie !== secrets.cookie || stored.pepper !== secrets.pepper)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...stored, ...secrets }, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/**
 * A value generated once per installation and kept in DATA_DIR/secrets.json beside the cookie key
 * and the pepper (0600), so that a second `npm start` finds it again. In memory (tests) it is new
 * every time.
 */
function generatedSecret<T>(dataDir: string | null, name: string, make: () => T): T {
  const file = dataDir ? path.join(dataDir, 'secrets.json') : null;
  const stored =
    file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  if (stored[name] !== undefined) return stored[name] as T;
  const value = make();
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...stored, [name]: value }, null, 2), { mode: 0o600 });
  }
  return value;
}

const randomSecret = () => randomBytes(32).toString('base64url');

/** The registries' message key: from the environment, or generated once into DATA_DIR/secrets.json. */
function loadRegistriesSecret(env: Env, dataDir: string | null): string {
  if (env.REGISTRIES_SECRET) return env.REGISTRIES_SECRET;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'В production задайте REGISTRIES_SECRET — ключ подписи сообщений с реестрами (не короче 32 символов)',
    );
  }
  return generatedSecret(dataDir, 'registries', randomSecret);
}

/** Russian Post's message key: from the environment, or generated once into DATA_DIR/secrets.json. */
function loadPostSecret(env: Env, dataDir: string | null): string {
  if (env.POST_SECRET) return env.POST_SECRET;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'В production задайте POST_SECRET — ключ подписи сообщений с Почтой России (не короче 32 символов)',
    );
  }
  return generatedSecret(dataDir, 'post', randomSecret);
}

/** A new VAPID key pair: P-256, the raw public point and the private scalar, base64url (as web-push). */
function newVapidKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    privateKey: ecdh.getPrivateKey().toString('base64url'),
  };
}

/**
 * The VAPID key pair that signs Web Push requests. Push services bind each subscription to the
 * public key it was made with, so every app instance must use the same pair: from the environment
 * (required in production), or generated once into DATA_DIR/secrets.json.
 */
function loadVapidKeys(env: Env, dataDir: string | null): { publicKey: string; privateKey: string } {
  if (env.VAPID_PUBLIC_KEY || env.VAPID_PRIVATE_KEY) {
    if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY)
      throw new Error('Задайте оба ключа VAPID: VAPID_PUBLIC_KEY и VAPID_PRIVATE_KEY');
    let derived = '';
    try {
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(Buffer.from(env.VAPID_PRIVATE_KEY, 'base64url'));
      derived = ecdh.getPublicKey().toString('base64url');
    } catch {
      // reported below
    }
    if (derived !== env.VAPID_PUBLIC_KEY)
      throw new Error('VAPID_PUBLIC_KEY не соответствует VAPID_PRIVATE_KEY: это ключи из разных пар');
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  }
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'В production задайте VAPID_PUBLIC_KEY и VAPID_PRIVATE_KEY — ключи подписи push-уведомлений (npx web-push generate-vapid-keys)',
    );
  }
  return generatedSecret(dataDir, 'vapid', newVapidKeys);
}

/** The contact push services see in every VAPID token: VAPID_SUBJECT, the portal's https address, or MAIL_FROM. */
function vapidSubject(env: Env): string {
  if (env.VAPID_SUBJECT) return env.VAPID_SUBJECT;
  if (env.PUBLIC_URL?.startsWith('https://')) return new URL(env.PUBLIC_URL).origin;
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM.trim();
  return `mailto:${address}`;
}

/** The push services of today's browsers: Chrome and Edge (FCM), Firefox (Mozilla), Edge on Windows (WNS), Safari (Apple). */
const DEFAULT_PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
  '*.push.apple.com',
];

/** The certificates of a PEM bundle file, each as its own PEM block. */
function readPemBundle(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw new Error(`ESIGN_TRUSTED_CAS: в файле ${file} нет сертификатов в формате PEM`);
  return blocks;
}

function parseTrustProxy(value: string | undefined): string | boolean {
  if (!value) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Неверные переменные окружения:\n${lines}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(repoRoot, env.DATA_DIR);
  const inMemory = overrides.dataDir === 'memory://';
  const config: Config = {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolMax: env.DATABASE_POOL_MAX,
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX,
    workers: env.WORKERS,
    logLevel: env.LOG_LEVEL,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : true,
    secrets: { cookie: '', pepper: '' },
    rateLimitMax: env.RATE_LIMIT_MAX,
    authRateLimitMax: env.AUTH_RATE_LIMIT_MAX,
    bodyLimit: env.BODY_LIMIT,
    webDist: path.resolve(repoRoot, env.WEB_DIST ?? 'web/dist'),
    devTools: env.DEV_TOOLS ? env.DEV_TOOLS === 'true' : env.NODE_ENV !== 'production',
    smsGateway: env.SMS_GATEWAY,
    smtpUrl: env.SMTP_URL || undefined,
    smtpDevPort: env.SMTP_DEV_PORT,
    mailFrom: env.MAIL_FROM,
    messagingRetryLimit: env.MESSAGING_RETRY_LIMIT,
    messagingRetryDelaySeconds: env.MESSAGING_RETRY_DELAY_SECONDS,
    auditCheckpointDir: null,
    auditSigningKey: '',
    registriesUrl: env.REGISTRIES_URL || undefined,
    registriesSecret: '',
    registriesSimulator: env.REGISTRIES_SIMULATOR ? env.REGISTRIES_SIMULATOR === 'true' : true,
    registriesSimDelayMs: env.REGISTRIES_SIM_DELAY_MS,
    registriesTimeoutMs: env.REGISTRIES_TIMEOUT_MS,
    registriesPollSeconds: env.REGISTRIES_POLL_SECONDS,
    esignTrustedCas: env.ESIGN_TRUSTED_CAS
      ? readPemBundle(path.resolve(repoRoot, env.ESIGN_TRUSTED_CAS))
      : [],
    caSimulator: env.CA_SIMULATOR ? env.CA_SIMULATOR === 'true' : env.NODE_ENV !== 'production',
    caUrl: env.CA_URL || undefined,
    caSecretsFile: inMemory ? null : path.join(dataDir, 'secrets.json'),
    bankIssuer: env.BANK_ISSUER || undefined,
    bankClientId: env.BANK_CLIENT_ID,
    bankClientSecret: env.BANK_CLIENT_SECRET || undefined,
    bankSimulator: env.BANK_SIMULATOR ? env.BANK_SIMULATOR === 'true' : true,
    postUrl: env.POST_URL || undefined,
    postSecret: '',
    postSimulator: env.POST_SIMULATOR ? env.POST_SIMULATOR === 'true' : true,
    postSimStepMs: env.POST_SIM_STEP_MS,
    postTimeoutMs: env.POST_TIMEOUT_MS,
    webauthnRpId: env.WEBAUTHN_RP_ID,
    webauthnOrigins: env.WEBAUTHN_ORIGINS?.split(',').map((o) => new URL(o.trim()).origin),
    geoIpDir:
      env.GEOIP_DIR === 'off'
        ? null
        : env.GEOIP_DIR
          ? path.resolve(repoRoot, env.GEOIP_DIR)
          : bundledGeoIpDir(),
    vapid: { publicKey: '', privateKey: '', subject: vapidSubject(env) },
    pushServiceHosts: env.PUSH_SERVICE_HOSTS
      ? env.PUSH_SERVICE_HOSTS.split(',').map((h) => h.trim().toLowerCase())
      : DEFAULT_PUSH_SERVICE_HOSTS,
    pushSimulator: env.PUSH_SIMULATOR ? env.PUSH_SIMULATOR === 'true' : env.NODE_ENV !== 'production',
    pushSimulatorUrl: undefined,
    pushTimeoutMs: env.PUSH_TIMEOUT_MS,
    ...overrides,
  };
  if (!overrides.secrets) config.secrets = loadSecrets(env, inMemory ? null : config.dataDir);
  if (config.env === 'production' && !config.smtpUrl) {
    // The built-in dev mailbox never runs in production: mail would otherwise go nowhere.
    throw new Error('В production задайте SMTP_URL — сервер исходящей почты (smtp://user:pass@host:587)');
  }
  if (!('auditCheckpointDir' in overrides)) {
    config.auditCheckpointDir = env.AUDIT_CHECKPOINT_DIR
      ? path.resolve(repoRoot, env.AUDIT_CHECKPOINT_DIR)
      : inMemory
        ? null
        : path.join(config.dataDir, 'audit-checkpoints');
  }
  if (!overrides.registriesSecret) {
    // A caller that brings its own secrets (tests, the audit verifier) gets a throwaway key.
    config.registriesSecret = overrides.secrets
      ? (env.REGISTRIES_SECRET ?? randomSecret())
      : loadRegistriesSecret(env, inMemory ? null : config.dataDir);
  }
  if (!overrides.postSecret) {
    config.postSecret = overrides.secrets
      ? (env.POST_SECRET ?? randomSecret())
      : loadPostSecret(env, inMemory ? null : config.dataDir);
  }
  if (!overrides.vapid) {
    // As for the other generated keys, a caller that brings its own secrets gets a throwaway pair.
    const keys =
      overrides.secrets && !env.VAPID_PUBLIC_KEY
        ? newVapidKeys()
        : loadVapidKeys(env, inMemory ? null : config.dataDir);
    config.vapid = { ...config.vapid, ...keys };
  }
  if (overrides.auditSigningKey === undefined) {
    config.auditSigningKey = loadAuditSigningKey(
      env.AUDIT_SIGNING_KEY,
      env.NODE_ENV,
      inMemory ? null : config.dataDir,
    );
  }
  return config;
}

export { repoRoot };
