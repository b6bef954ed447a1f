import type { Database } from '../../platform/db';
import type { AccountLevel, Role } from './schema';

export interface NewUserRow {
  phone: string | null;
  email: string | null;
  snils: string | null;
  passwordHash: string;
  level: AccountLevel;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  birthDate: string | null;
  roles: Role[];
  confirmed: boolean;
}

/**
 * Inserts many accounts in one statement per batch (unnest over arrays): the same SQL on both
 * drivers, tens of thousands of rows a second on the server.
 */
export async function insertUsersBulk(
  database: Database,
  rows: NewUserRow[],
  batchSize = 5_000,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const col = <K extends keyof NewUserRow>(k: K) => batch.map((r) => r[k]);
    const result = await database.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO users (phone, phone_confirmed_at, email, email_confirmed_at, snils, password_hash, level,
                            last_name, first_name, middle_name, birth_date, roles)
         SELECT u.phone, CASE WHEN u.phone IS NOT NULL AND u.confirmed THEN now() END,
                u.email, CASE WHEN u.email IS NOT NULL AND u.confirmed THEN now() END,
                u.snils, u.password_hash, u.level, u.last_name, u.first_name, u.middle_name, u.birth_date::date,
                string_to_array(u.roles, ',')
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::boolean[])
              AS u(phone, email, snils, password_hash, level, last_name, first_name, middle_name, birth_date, roles, confirmed)
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [
        col('phone'),
        col('email'),
        col('snils'),
        col('passwordHash'),
        col('level'),
        col('lastName'),
        col('firstName'),
        col('middleName'),
        col('birthDate'),
        batch.map((r) => r.roles.join(',')),
        col('confirmed'),
      ],
    );
    inserted += result.rows[0]?.n ?? 0;
  }
  return inserted;
}

export async function countUsers(database: Database): Promise<number> {
  const { rows } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0]?.n ?? 0;
}
