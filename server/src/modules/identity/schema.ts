import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    level: text('level').$type<AccountLevel>().notNull().default('simplified'),
    lastName: text('last_name'),
    firstName: text('first_name'),
    middleName: text('middle_name'),
    birthDate: date('birth_date'),
    roles: text('roles').array().$type<Role[]>().notNull().default(sql`'{citizen}'::text[]`),
    timeZone: text('time_zone').notNull().default('Europe/Moscow'),
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
