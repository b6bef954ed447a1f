import { sql } from 'drizzle-orm';
import {
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
    kind: text('kind').$type<'login' | 'registration' | 'recovery'>().notNull(),
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
