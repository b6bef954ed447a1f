import { createHmac } from 'node:crypto';
import type { Database } from './db';

/**
 * Password hashes are keyed with the pepper, which lives outside the database. Started with a
 * different pepper (a new DATA_DIR beside an old DATABASE_URL, a lost secret), every password
 * would silently stop matching and every login would count as a failure — locking accounts and
 * blocking addresses. The database therefore remembers an HMAC fingerprint of its pepper, and
 * the server refuses to start with another one.
 */
export async function checkPepper(database: Database, pepper: string) {
  const fingerprint = createHmac('sha256', pepper).update('kabinet-pepper-fingerprint-v1').digest('hex');
  await database.query(
    `INSERT INTO platform_settings (key, value) VALUES ('password_pepper_fingerprint', $1) ON CONFLICT (key) DO NOTHING`,
    [fingerprint],
  );
  const { rows } = await database.query<{ value: string }>(
    `SELECT value FROM platform_settings WHERE key = 'password_pepper_fingerprint'`,
  );
  if (rows[0]?.value !== fingerprint) {
    throw new Error(
      'PASSWORD_PEPPER не совпадает с тем, с которым создавались пароли в этой базе данных. ' +
        'Укажите прежний PASSWORD_PEPPER (или прежний DATA_DIR с secrets.json): с другим ни один пароль не подойдёт.',
    );
  }
}
