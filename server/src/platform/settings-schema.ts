import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Facts about the deployment kept with the data (e.g. which pepper its password hashes need). */
export const platformSettings = pgTable('platform_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
