import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { generateSecret, generateURI, verify as verifyTotpToken } from 'otplib';
import QRCode from 'qrcode';
import type { Tx } from '../../platform/db';
import { backupCodes, passkeyChallenges, passkeys, pushDevices, userFactors, users } from './schema';
import { BACKUP_CODE_LENGTH, BACKUP_CODES } from './policy';

export type Factor = typeof userFactors.$inferSelect;

/** A key for TOTP secrets derived from the pepper (HKDF), so the database alone cannot read them. */
const totpKey = (pepper: string) => Buffer.from(hkdfSync('sha256', pepper, 'kabinet', 'totp-secret-v1', 32));

function encrypt(plain: string, pepper: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', totpKey(pepper), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function decrypt(sealed: string, pepper: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', totpKey(pepper), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}

export interface TotpEnrolment {
  id: string;
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Starts adding an authenticator app: a new secret, its otpauth URI and a QR code to scan. */
export async function startTotp(
  tx: Tx,
  userId: string,
  accountLabel: string,
  pepper: string,
): Promise<TotpEnrolment> {
  // One pending enrolment at a time.
  await tx
    .delete(userFactors)
    .where(
      and(eq(userFactors.userId, userId), eq(userFactors.type, 'totp'), isNull(userFactors.confirmedAt)),
    );
  const secret = generateSecret();
  const [row] = await tx
    .insert(userFactors)
    .values({ userId, type: 'totp', label: 'Приложение-аутентификатор', secretEnc: encrypt(secret, pepper) })
    .returning({ id: userFactors.id });
  const uri = generateURI({ issuer: 'Кабинет', label: accountLabel, secret });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { id: row!.id, secret, uri, qrSvg };
}

/**
 * An authenticator app already confirmed, for demo data, benchmarks and tests (people confirm
 * theirs with a first code). Returns the secret, from which codes are generated.
 */
export async function seedAuthenticatorApp(tx: Tx, userId: string, pepper: string): Promise<string> {
  const secret = generateSecret();
  await tx.insert(userFactors).values({
    userId,
    type: 'totp',
    label: 'Приложение-аутентификатор',
    secretEnc: encrypt(secret, pepper),
    confirmedAt: new Date(),
  });
  return secret;
}

/**
 * Checks a TOTP code (RFC 6238, 30 s steps, one step of clock drift either way) against the
 * user's confirmed apps — or, with `enrolmentId`, the one being added. A code is accepted once.
 */
export async function verifyTotp(
  tx: Tx,
  userId: string,
  token: string,
  pepper: string,
  enrolmentId?: string,
): Promise<Factor | null> {
  if (!/^\d{6}$/.test(token)) return null;
  const rows = await tx
    .select()
    .from(userFactors)
    .where(
      and(
        eq(userFactors.userId, userId),
        eq(userFactors.type, 'totp'),
        enrolmentId ? eq(userFactors.id, enrolmentId) : isNotNull(userFactors.confirmedAt),
      ),
    )
    .for('update');
  for (const row of rows) {
    const result = await verifyTotpToken({
      secret: decrypt(row.secretEnc!, pepper),
      token,
      epochTolerance: 30,
      ...(row.lastTimeStep !== null ? { afterTimeStep: row.lastTimeStep } : {}),
    });
    if (result.valid) {
      const now = new Date();
      const step = 'timeStep' in result ? (result.timeStep as number) : Math.floor(now.getTime() / 30_000);
      await tx
        .update(userFactors)
        .set({ lastTimeStep: step, lastUsedAt: now, ...(row.confirmedAt ? {} : { confirmedAt: now }) })
        .where(eq(userFactors.id, row.id));
      return row;
    }
  }
  return null;
}

/**
 * Whether a refused code is one the user's app did show, already accepted once: a replay, which
 * means someone saw or intercepted it (ASVS 2.8.5 — refused, logged, and the owner told).
 */
export async function isReplayedTotp(
  tx: Tx,
  userId: string,
  token: string,
  pepper: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(token)) return false;
  const rows = await tx
    .select()
    .from(userFactors)
    .where(
      and(eq(userFactors.userId, userId), eq(userFactors.type, 'totp'), isNotNull(userFactors.confirmedAt)),
    );
  for (const row of rows) {
    if (row.lastTimeStep === null) continue;
    const result = await verifyTotpToken({
      secret: decrypt(row.secretEnc!, pepper),
      token,
      epochTolerance: 30,
    });
    const step = 'timeStep' in result ? (result.timeStep as number) : null;
    if (result.valid && step !== null && step <= row.lastTimeStep) return true;
  }
  return false;
}

export async function listFactors(tx: Tx, userId: string) {
  return tx
    .select({
      id: userFactors.id,
      type: userFactors.type,
      label: userFactors.label,
      createdAt: userFactors.createdAt,
      lastUsedAt: userFactors.lastUsedAt,
    })
    .from(userFactors)
    .where(and(eq(userFactors.userId, userId), isNotNull(userFactors.confirmedAt)))
    .orderBy(desc(userFactors.createdAt));
}

export async function hasTotp(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: userFactors.id })
    .from(userFactors)
    .where(
      and(eq(userFactors.userId, userId), eq(userFactors.type, 'totp'), isNotNull(userFactors.confirmedAt)),
    )
    .limit(1);
  return !!row;
}

export async function removeFactor(tx: Tx, userId: string, factorId: string): Promise<boolean> {
  const gone = await tx
    .delete(userFactors)
    .where(and(eq(userFactors.id, factorId), eq(userFactors.userId, userId)))
    .returning({ id: userFactors.id });
  return gone.length > 0;
}

// Backup codes: 10 characters from an alphabet without look-alikes, shown as «ABCDE-FGHJK».
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const normaliseBackup = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
const hashBackup = (pepper: string, userId: string, code: string) =>
  createHmac('sha256', pepper).update(`backup:${userId}:${code}`).digest('hex');

/** Replaces the user's backup codes with 10 new ones and returns them — the only time they are shown. */
export async function regenerateBackupCodes(tx: Tx, userId: string, pepper: string): Promise<string[]> {
  await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
  const codes = Array.from({ length: BACKUP_CODES }, () =>
    Array.from({ length: BACKUP_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  await tx
    .insert(backupCodes)
    .values(codes.map((c) => ({ userId, codeHash: hashBackup(pepper, userId, c) })));
  return codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
}

/** Uses a backup code once; false when it is unknown or spent. */
export async function useBackupCode(tx: Tx, userId: string, input: string, pepper: string): Promise<boolean> {
  const code = normaliseBackup(input);
  if (code.length !== BACKUP_CODE_LENGTH) return false;
  const expected = Buffer.from(hashBackup(pepper, userId, code), 'hex');
  const rows = await tx
    .select()
    .from(backupCodes)
    .where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)))
    .for('update');
  const match = rows.find((r) => timingSafeEqual(Buffer.from(r.codeHash, 'hex'), expected));
  if (!match) return false;
  await tx.update(backupCodes).set({ usedAt: new Date() }).where(eq(backupCodes.id, match.id));
  return true;
}

export type FactorCounts = {
  passkey: number;
  totp: number;
  /** Browsers registered for login confirmations, and the newest one's name. */
  push: number;
  pushLabel: string | null;
  backup: number;
};

/**
 * The user's passkeys, confirmed authenticator apps, registered browsers (with the newest one's
 * name) and unused backup codes, as columns of any query that has the user's id (the login
 * lookup reads them with the account).
 */
export const factorCountColumns = (userId: SQL | SQLWrapper | string) => ({
  passkey: sql<number>`(SELECT count(*)::int FROM ${passkeys} WHERE ${passkeys.userId} = ${userId})`,
  push: sql<number>`(SELECT count(*)::int FROM ${pushDevices} WHERE ${pushDevices.userId} = ${userId})`,
  pushLabel: sql<
    string | null
  >`(SELECT ${pushDevices.label} FROM ${pushDevices} WHERE ${pushDevices.userId} = ${userId} ORDER BY ${pushDevices.createdAt} DESC LIMIT 1)`,
  totp: sql<number>`(SELECT count(*)::int FROM ${userFactors} WHERE ${userFactors.userId} = ${userId} AND ${userFactors.type} = 'totp' AND ${userFactors.confirmedAt} IS NOT NULL)`,
  backup: sql<number>`(SELECT count(*)::int FROM ${backupCodes} WHERE ${backupCodes.userId} = ${userId} AND ${backupCodes.usedAt} IS NULL)`,
});

export const toFactorCounts = (
  row: Partial<Record<keyof FactorCounts, unknown>> | undefined,
): FactorCounts => ({
  passkey: Number(row?.passkey ?? 0),
  totp: Number(row?.totp ?? 0),
  push: Number(row?.push ?? 0),
  pushLabel: typeof row?.pushLabel === 'string' ? row.pushLabel : null,
  backup: Number(row?.backup ?? 0),
});

/** The same counts for one user, in one round trip. */
export async function factorCounts(tx: Tx, userId: string): Promise<FactorCounts> {
  const [row] = await tx
    .select(factorCountColumns(userId))
    .from(users)
    .where(eq(users.id, userId))
    .prepare('kabinet_factor_counts')
    .execute();
  return toFactorCounts(row);
}

export async function backupCodesLeft(tx: Tx, userId: string): Promise<number> {
  const rows = await tx
    .select({ id: backupCodes.id })
    .from(backupCodes)
    .where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)));
  return rows.length;
}

/**
 * Every authenticator that may have been on a lost phone — authenticator apps (pending ones too),
 * backup codes, passkeys and pending passkey registrations, browsers registered for login
 * confirmations — removed at once (contacts-lost
 * recovery). Returns what was removed, for the audit log.
 */
export async function revokeAllFactors(
  tx: Tx,
  userId: string,
): Promise<{ totp: number; backupCodes: number; passkeys: number; browsers: number }> {
  const apps = await tx
    .delete(userFactors)
    .where(eq(userFactors.userId, userId))
    .returning({ id: userFactors.id, confirmedAt: userFactors.confirmedAt });
  const codes = await tx
    .delete(backupCodes)
    .where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)))
    .returning({ id: backupCodes.id });
  await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
  const keys = await tx.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id });
  await tx.delete(passkeyChallenges).where(eq(passkeyChallenges.userId, userId));
  // Browsers registered for login confirmations: the lost phone's among them.
  const browsers = await tx
    .delete(pushDevices)
    .where(eq(pushDevices.userId, userId))
    .returning({ id: pushDevices.id });
  return {
    totp: apps.filter((a) => a.confirmedAt).length,
    backupCodes: codes.length,
    passkeys: keys.length,
    browsers: browsers.length,
  };
}
