import { sql } from 'drizzle-orm';
import { RECOVERY_REQUEST_STATUSES } from '@kabinet/shared';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const accountLevels = ['simplified', 'standard', 'confirmed'] as const;
export type AccountLevel = (typeof accountLevels)[number];

export const roles = [
  'citizen',
  'mfc_operator',
  'agency_officer',
  'support',
  'moderator',
  'security',
  'admin',
] as const;
export type Role = (typeof roles)[number];

/** A person's account (учётная запись). Contacts are stored normalised: +7XXXXXXXXXX, lower-case e-mail. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone'),
    phoneConfirmedAt: timestamp('phone_confirmed_at', { withTimezone: true }),
    email: text('email'),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    snils: text('snils'),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    level: text('level').$type<AccountLevel>().notNull().default('simplified'),
    lastName: text('last_name'),
    firstName: text('first_name'),
    middleName: text('middle_name'),
    birthDate: date('birth_date'),
    roles: text('roles')
      .array()
      .$type<Role[]>()
      .notNull()
      .default(sql`'{citizen}'::text[]`),
    timeZone: text('time_zone').notNull().default('Europe/Moscow'),
    /** The user agreement and privacy policy version accepted at registration. */
    consentVersion: text('consent_version'),
    consentAcceptedAt: timestamp('consent_accepted_at', { withTimezone: true }),
    /** After a password reset: contacts and second factors cannot change until then. */
    frozenUntil: timestamp('frozen_until', { withTimezone: true }),
    /** Login methods the owner may switch off (the password with a second factor always stays). */
    smsLoginEnabled: boolean('sms_login_enabled').notNull().default(true),
    bankLoginEnabled: boolean('bank_login_enabled').notNull().default(true),
    esignLoginEnabled: boolean('esign_login_enabled').notNull().default(true),
    /** A reminder to change the password every so many months, when the owner asks for one (never forced). */
    passwordReminderMonths: integer('password_reminder_months'),
    passwordReminderSentAt: timestamp('password_reminder_sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_phone_uq').on(t.phone),
    uniqueIndex('users_email_uq').on(t.email),
    uniqueIndex('users_snils_uq').on(t.snils),
    index('users_created_idx').on(t.createdAt),
  ],
);

/**
 * One-time codes (SMS or e-mail). Only an HMAC of the code is kept. `subject` is what the code
 * belongs to: 'user:<id>' for an account, 'phone:+7…'/'email:…' before an account exists.
 */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subject: text('subject').notNull(),
    purpose: text('purpose').notNull(),
    channel: text('channel').$type<'sms' | 'email'>().notNull(),
    destination: text('destination').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    wrongAttempts: integer('wrong_attempts').notNull().default(0),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    /** Replaced by a resend, exhausted or consumed: no longer accepted. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('otc_subject_purpose_idx').on(t.subject, t.purpose, t.createdAt)],
);

/** Every wrong code entered, for the 24-hour cap per account and purpose. */
export const codeFailures = pgTable(
  'code_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subject: text('subject').notNull(),
    purpose: text('purpose').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('code_failures_subject_idx').on(t.subject, t.purpose, t.at)],
);

/**
 * Wrong-password counters. Keyed by account ('user:<id>') — and, for logins that match no account,
 * by an HMAC of the login, so that an unknown login locks exactly like a real one and the lock
 * message reveals nothing.
 */
export const passwordThrottle = pgTable('password_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  locks: integer('locks').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
});

/**
 * A login or registration in progress: password accepted and a second factor pending, or a
 * contact being confirmed. The browser holds a random token in an HttpOnly cookie; only its hash
 * is stored.
 */
export const authFlows = pgTable(
  'auth_flows',
  {
    id: text('id').primaryKey(),
    kind: text('kind')
      .$type<'login' | 'registration' | 'recovery' | 'recovery_request' | 'esign'>()
      .notNull(),
    userId: uuid('user_id'),
    /** What has been proven so far: 'password', 'sms_code' … */
    proven: text('proven')
      .array()
      .$type<string[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    method: text('method').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('auth_flows_expires_idx').on(t.expiresAt)],
);

/** Login history: every attempt, kept 90 days. */
export const loginHistory = pgTable(
  'login_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    os: text('os'),
    browser: text('browser'),
    deviceType: text('device_type'),
    method: text('method').notNull(),
    /** succeeded | failed | locked | second_factor_required | … */
    result: text('result').notNull(),
    reason: text('reason'),
    newDevice: boolean('new_device').notNull().default(false),
    /** Where the address is, from the IP-location database (platform/geoip.ts), when it knows. */
    country: text('country'),
    city: text('city'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
  },
  (t) => [index('login_history_user_at_idx').on(t.userId, t.at), index('login_history_at_idx').on(t.at)],
);

/** Second factors beyond SMS: authenticator apps (TOTP) now, passkeys next. */
export const userFactors = pgTable(
  'user_factors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    type: text('type').$type<'totp' | 'passkey'>().notNull(),
    label: text('label').notNull(),
    /** TOTP: the shared secret, AES-256-GCM encrypted with a key derived from the pepper. */
    secretEnc: text('secret_enc'),
    /** TOTP: the last accepted time step, so a code is never accepted twice. */
    lastTimeStep: integer('last_time_step'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null until the person proves the enrolment with a first code. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('user_factors_user_idx').on(t.userId)],
);

/** Backup codes: 10 single-use codes shown once; only their HMACs are kept. */
export const backupCodes = pgTable(
  'backup_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('backup_codes_user_idx').on(t.userId)],
);

/** Addresses blocked after many failed logins across accounts (credential stuffing), for a while. */
export const blockedSources = pgTable(
  'blocked_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ip: text('ip').notNull(),
    reason: text('reason').notNull(),
    failures: integer('failures').notNull(),
    blockedAt: timestamp('blocked_at', { withTimezone: true }).notNull().defaultNow(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by'),
  },
  (t) => [index('blocked_sources_ip_idx').on(t.ip, t.blockedUntil)],
);

/**
 * Requests to raise an account to the standard level: the ФИО, birth date, passport, СНИЛС and
 * ИНН entered, checked against the state registries (standard.ts). At most one is pending per
 * account; a СНИЛС or passport belongs to at most one pending or confirmed request.
 */
export const identityVerifications = pgTable(
  'identity_verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    status: text('status').$type<'pending' | 'confirmed' | 'rejected'>().notNull().default('pending'),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    birthDate: date('birth_date').notNull(),
    /** Series and number, 10 digits. */
    passport: text('passport').notNull(),
    passportIssuedAt: date('passport_issued_at').notNull(),
    /** Код подразделения, 123-456. */
    passportIssuerCode: text('passport_issuer_code').notNull(),
    snils: text('snils').notNull(),
    inn: text('inn'),
    /** Why the whole request failed beside the registries' verdicts (data used elsewhere, no answer). */
    reason: text('reason'),
    /** The polling job's chain token: only the job carrying it may work on the request. */
    pollToken: text('poll_token'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    polledAt: timestamp('polled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('identity_verifications_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('identity_verifications_pending_user_uq')
      .on(t.userId)
      .where(sql`status = 'pending'`),
    uniqueIndex('identity_verifications_snils_uq')
      .on(t.snils)
      .where(sql`status IN ('pending', 'confirmed')`),
    uniqueIndex('identity_verifications_passport_uq')
      .on(t.passport)
      .where(sql`status IN ('pending', 'confirmed')`),
    index('identity_verifications_pending_idx')
      .on(t.polledAt)
      .where(sql`status = 'pending'`),
  ],
);

/** One registry check of a verification: the request sent under `requestId` and the answer. */
export const identityVerificationChecks = pgTable(
  'identity_verification_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    verificationId: uuid('verification_id').notNull(),
    kind: text('kind').$type<'passport' | 'snils' | 'inn'>().notNull(),
    /** The registry's idempotency key: sending again never makes a second request there. */
    requestId: text('request_id').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    result: text('result').$type<'valid' | 'invalid'>(),
    reason: text('reason'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('identity_verification_checks_kind_uq').on(t.verificationId, t.kind),
    uniqueIndex('identity_verification_checks_request_uq').on(t.requestId),
  ],
);

export const confirmationMethods = ['bank', 'mfc', 'post', 'esign'] as const;
export type ConfirmationMethod = (typeof confirmationMethods)[number];

/**
 * Each time a person's identity was confirmed in person or by a trusted party — the bank, an МФЦ
 * operator, a Russian Post letter code, a qualified e-signature — which raises a standard account
 * to подтверждённая (confirmation.ts).
 */
export const identityConfirmations = pgTable(
  'identity_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    method: text('method').$type<ConfirmationMethod>().notNull(),
    /** The operator who checked the passport (МФЦ), null for automatic methods. */
    actorUserId: uuid('actor_user_id'),
    /** What was checked: the bank's subject, the certificate fingerprint, the letter's track number… */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('identity_confirmations_user_idx').on(t.userId, t.createdAt)],
);

/**
 * WebAuthn credentials (passkeys, security keys): what the server needs to verify an assertion.
 * The counter is unsigned 32-bit in WebAuthn, hence bigint.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    /** base64url credential id, as the browser reports it. */
    credentialId: text('credential_id').notNull(),
    /** base64url COSE public key. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    deviceType: text('device_type').$type<'singleDevice' | 'multiDevice'>().notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    aaguid: text('aaguid').notNull(),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('passkeys_credential_uq').on(t.credentialId), index('passkeys_user_idx').on(t.userId)],
);

/** A pending passkey registration: the challenge sent to this session's browser, used once. */
export const passkeyChallenges = pgTable(
  'passkey_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    sessionId: text('session_id').notNull(),
    challenge: text('challenge').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('passkey_challenges_session_uq').on(t.sessionId)],
);

/**
 * A browser registered to confirm logins («push to a registered browser», push.ts). The browser
 * holds a non-extractable ECDSA P-256 private key (WebCrypto, IndexedDB); the server keeps the
 * public key and, when the browser's push service could be reached, its Web Push subscription.
 */
export const pushDevices = pgTable(
  'push_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    label: text('label').notNull(),
    /** base64url SPKI (DER) of the device's ECDSA P-256 key. */
    publicKey: text('public_key').notNull(),
    /** The browser and OS it was registered from, as the login history names them. */
    browser: text('browser').notNull(),
    os: text('os').notNull(),
    /** Web Push subscription (RFC 8030 endpoint, RFC 8291 keys); null without one, or after the push service dropped it. */
    pushEndpoint: text('push_endpoint'),
    pushP256dh: text('push_p256dh'),
    pushAuth: text('push_auth'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('push_devices_key_uq').on(t.publicKey), index('push_devices_user_idx').on(t.userId)],
);

export const pushChallengeStatuses = ['pending', 'approved', 'denied', 'expired'] as const;
export type PushChallengeStatus = (typeof pushChallengeStatuses)[number];

/**
 * A request to confirm a login (or a critical action) on one of the account's registered browsers:
 * bound to the login flow (or the session for step-up), with the number the login page shows and
 * the three the device offers; answered once, by a signature of a device key, within 2 minutes.
 */
export const pushChallenges = pgTable(
  'push_challenges',
  {
    /** 128 random bits, base64url. */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose').$type<'login' | 'step_up'>().notNull(),
    /** The login flow (auth_flows.id) a login confirmation belongs to. */
    flowId: text('flow_id'),
    /** The session a step-up confirmation belongs to. */
    sessionId: text('session_id'),
    /** 10–99, shown on the page that asked; the device must pick it among `choices`. */
    number: integer('number').notNull(),
    choices: integer('choices').array().notNull(),
    status: text('status').$type<PushChallengeStatus>().notNull().default('pending'),
    /** denied: 'not_me' (the owner said «Это не я») or 'wrong_number'. */
    reason: text('reason'),
    /** Where the request came from, as the device shows it. */
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    deviceId: uuid('device_id'),
    /** When an approval was spent on the login or step-up it belongs to: never twice. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('push_challenges_user_idx')
      .on(t.userId, t.expiresAt)
      .where(sql`status = 'pending'`),
    index('push_challenges_flow_idx').on(t.flowId),
    index('push_challenges_created_idx').on(t.createdAt),
  ],
);

/**
 * An МФЦ operator's lookups of citizens (mfc.ts): who looked for whom, by which identifier and why.
 * A found citizen's lookup is the operator's «visit»: the console reaches that citizen only through
 * it, for a limited time. Misses are kept too (userId null), for the per-operator rate limit.
 */
export const mfcLookups = pgTable(
  'mfc_lookups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorId: uuid('operator_id').notNull(),
    userId: uuid('user_id'),
    identifierKind: text('identifier_kind').$type<'snils' | 'phone' | 'passport' | 'created'>().notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('mfc_lookups_operator_idx').on(t.operatorId, t.createdAt)],
);

/**
 * Activation of an account an МФЦ operator created: a single-use link (only its SHA-256 is kept)
 * and a temporary password (argon2id over the peppered password), both valid 72 hours. Issuing a
 * new one revokes the previous.
 */
export const accountActivations = pgTable(
  'account_activations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    tempPasswordHash: text('temp_password_hash').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Set when the activation restores access after an МФЦ completed a contacts-lost recovery request. */
    recoveryRequestId: uuid('recovery_request_id'),
  },
  (t) => [
    uniqueIndex('account_activations_token_uq').on(t.tokenHash),
    index('account_activations_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * The account's security question (PRODUCT.md §1: with passport data it only opens a contacts-lost
 * recovery request, never recovers by itself). The answer is kept as argon2id over the peppered,
 * normalised answer (security-questions.ts); one question per account.
 */
export const securityQuestions = pgTable('security_questions', {
  userId: uuid('user_id').primaryKey(),
  /** A key of the fixed list (SECURITY_QUESTIONS), or 'own' with the person's own text. */
  questionKey: text('question_key').notNull(),
  questionText: text('question_text').notNull(),
  answerHash: text('answer_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** opened → completed | cancelled | expired; labels and badges in @kabinet/shared (one list). */
export const recoveryRequestStatuses = RECOVERY_REQUEST_STATUSES;
export type RecoveryRequestStatus = (typeof recoveryRequestStatuses)[number];
/** Who completed a request: the bank's verified data, a qualified e-signature, an operator's passport check. */
export const recoveryMethods = ['bank', 'esign', 'mfc'] as const;
export type RecoveryMethod = (typeof recoveryMethods)[number];

/**
 * A contacts-lost recovery request (recovery-request.ts; PRODUCT.md §1 «Recovery»): passport data,
 * the birth date and the right answer to the security question only open it; the bank, a qualified
 * e-signature or an МФЦ operator's passport check completes it — knowledge alone never recovers an
 * account. At most one open request per account; it expires 30 days after it was opened.
 */
export const recoveryRequests = pgTable(
  'recovery_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** «ВД-1234-5678»: what the citizen names at the МФЦ; not a secret. */
    number: text('number').notNull(),
    userId: uuid('user_id').notNull(),
    status: text('status').$type<RecoveryRequestStatus>().notNull().default('opened'),
    /** 'online': on the recovery page; 'mfc': opened by an operator at the desk for a citizen who has none. */
    openedVia: text('opened_via').$type<'online' | 'mfc'>().notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: text('completed_by').$type<RecoveryMethod>(),
    /** The МФЦ operator (or support specialist) who checked the passport, when completed by 'mfc'. */
    operatorId: uuid('operator_id'),
    /** When it was cancelled or expired. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Where it was opened from. */
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('recovery_requests_number_uq').on(t.number),
    uniqueIndex('recovery_requests_open_user_uq')
      .on(t.userId)
      .where(sql`status = 'opened'`),
    index('recovery_requests_user_idx').on(t.userId, t.openedAt),
    index('recovery_requests_open_expiry_idx')
      .on(t.expiresAt)
      .where(sql`status = 'opened'`),
  ],
);

export const postLetterStatuses = [
  'ordering',
  'sent',
  'confirmed',
  'returned',
  'closed',
  'expired',
  'failed',
] as const;
export type PostLetterStatus = (typeof postLetterStatuses)[number];

/**
 * A Russian Post letter with a one-time code that confirms identity (post.ts): only the code's HMAC
 * is kept; the code itself travels sealed inside the letter. The last tracking answer is cached here.
 * One active letter ('ordering' or 'sent') per account.
 */
export const postLetters = pgTable(
  'post_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    status: text('status').$type<PostLetterStatus>().notNull(),
    /** The carrier's idempotency key for this letter. */
    requestId: text('request_id').notNull(),
    recipientName: text('recipient_name').notNull(),
    address: jsonb('address')
      .$type<{
        index: string;
        region: string | null;
        city: string;
        street: string;
        house: string;
        flat: string | null;
      }>()
      .notNull(),
    codeHash: text('code_hash').notNull(),
    wrongAttempts: integer('wrong_attempts').notNull().default(0),
    trackNumber: text('track_number'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    /** 30 days from dispatch (PRODUCT.md §1). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    trackingStatus: text('tracking_status'),
    trackingEvents: jsonb('tracking_events')
      .$type<Array<{ status: string; at: string; place: string }>>()
      .notNull()
      .default([]),
    trackedAt: timestamp('tracked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('post_letters_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('post_letters_active_user_uq')
      .on(t.userId)
      .where(sql`status IN ('ordering', 'sent')`),
    uniqueIndex('post_letters_request_uq').on(t.requestId),
  ],
);

/**
 * Qualified e-signature certificates a person has used to confirm their identity (esign.ts): they
 * log in too, until revoked here or by their CA. The fingerprint is SHA-256 of the DER, hex.
 */
export const userCertificates = pgTable(
  'user_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    serial: text('serial').notNull(),
    subject: text('subject').notNull(),
    issuer: text('issuer').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    /** 11 digits, as written in the certificate. */
    snils: text('snils').notNull(),
    pem: text('pem').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('user_certificates_fingerprint_uq').on(t.fingerprint),
    index('user_certificates_user_idx').on(t.userId),
  ],
);

/**
 * An account at an external identity provider (the bank, «Войти через банк») linked to a Kabinet
 * account: the provider's subject signs in to exactly one account, and an account links at most
 * one subject of each issuer.
 */
export const externalIdentities = pgTable(
  'external_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider').$type<'bank'>().notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('external_identities_subject_uq').on(t.issuer, t.subject),
    uniqueIndex('external_identities_user_uq').on(t.userId, t.issuer),
  ],
);
