import { date, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// The bank simulator's own state. It stands for another organisation's system: nothing in Kabinet's
// modules reads these tables; Kabinet learns about a customer only through the bank's OpenID Connect
// answers (ID token, userinfo).

/**
 * The bank's customers, identified in person at a branch: their ФИО, birth date, passport and СНИЛС
 * are what the bank verified. `id` is the OpenID Connect subject the bank gives Kabinet.
 */
export const simBankCustomers = pgTable('sim_bank_customers', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** +7XXXXXXXXXX, the login at the bank. */
  phone: text('phone').notNull().unique(),
  /** scrypt over the password (the bank's own scheme, not Kabinet's). */
  passwordHash: text('password_hash').notNull(),
  /** Base32 secret of the bank app's codes: with it the bank asks a second factor (amr mfa). */
  totpSecret: text('totp_secret'),
  email: text('email'),
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  middleName: text('middle_name'),
  birthDate: date('birth_date', { mode: 'string' }).notNull(),
  /** Series and number, 10 digits. */
  passport: text('passport').notNull(),
  passportIssuedAt: date('passport_issued_at', { mode: 'string' }).notNull(),
  passportIssuerCode: text('passport_issuer_code').notNull(),
  /** 11 digits. */
  snils: text('snils').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * oidc-provider's storage (sessions, interactions, grants, codes, tokens), one row per model and id,
 * so that several app instances share the bank's state.
 */
export const simBankOidc = pgTable(
  'sim_bank_oidc',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    uid: text('uid'),
    userCode: text('user_code'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('sim_bank_oidc_grant_idx').on(t.grantId),
    index('sim_bank_oidc_uid_idx').on(t.uid),
    index('sim_bank_oidc_expires_idx').on(t.expiresAt),
  ],
);
