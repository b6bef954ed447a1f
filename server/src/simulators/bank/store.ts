import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../platform/db';
import { simBankCustomers, simBankOidc } from './schema';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export type BankCustomer = typeof simBankCustomers.$inferSelect;

export interface NewBankCustomer {
  phone: string;
  password: string;
  totpSecret?: string | null;
  email?: string | null;
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate: string;
  passport: string;
  passportIssuedAt: string;
  passportIssuerCode: string;
  snils: string;
}

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  const [, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), 32);
  return timingSafeEqual(actual, Buffer.from(hash, 'base64url'));
}

/**
 * Opens an account at the bank (the seed's demo customers, the tests' own). A customer with the
 * same phone is updated instead, so seeding twice keeps one customer — and their subject.
 */
export async function addBankCustomer(db: Db, input: NewBankCustomer): Promise<BankCustomer> {
  const values = {
    phone: input.phone,
    passwordHash: await hashPassword(input.password),
    totpSecret: input.totpSecret ?? null,
    email: input.email ?? null,
    lastName: input.lastName,
    firstName: input.firstName,
    middleName: input.middleName ?? null,
    birthDate: input.birthDate,
    passport: input.passport,
    passportIssuedAt: input.passportIssuedAt,
    passportIssuerCode: input.passportIssuerCode,
    snils: input.snils,
  };
  const [row] = await db
    .insert(simBankCustomers)
    .values(values)
    .onConflictDoUpdate({ target: simBankCustomers.phone, set: values })
    .returning();
  return row!;
}

export async function findCustomerByPhone(db: Db, phone: string): Promise<BankCustomer | null> {
  const [row] = await db.select().from(simBankCustomers).where(eq(simBankCustomers.phone, phone)).limit(1);
  return row ?? null;
}

export async function findCustomer(db: Db, id: string): Promise<BankCustomer | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(simBankCustomers).where(eq(simBankCustomers.id, id)).limit(1);
  return row ?? null;
}

/** oidc-provider's adapter over sim_bank_oidc: the bank's sessions and grants survive a restart and are shared by instances. */
export function databaseAdapter(db: Db) {
  return (model: string): Adapter => {
    const live = (id: string) =>
      and(
        eq(simBankOidc.model, model),
        eq(simBankOidc.id, id),
        or(isNull(simBankOidc.expiresAt), gt(simBankOidc.expiresAt, new Date())),
      );
    const toPayload = (row: typeof simBankOidc.$inferSelect | undefined): AdapterPayload | undefined => {
      if (!row) return undefined;
      const payload = row.payload as AdapterPayload;
      return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
    };
    return {
      async upsert(id, payload, expiresIn) {
        const values = {
          model,
          id,
          payload: payload as Record<string, unknown>,
          grantId: payload.grantId ?? null,
          uid: payload.uid ?? null,
          userCode: payload.userCode ?? null,
          expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
        };
        await db
          .insert(simBankOidc)
          .values(values)
          .onConflictDoUpdate({ target: [simBankOidc.model, simBankOidc.id], set: values });
        // Expired rows are of no use to anyone: a cheap sweep on writes keeps the table small.
        if (Math.random() < 0.02) await db.delete(simBankOidc).where(lt(simBankOidc.expiresAt, new Date()));
      },
      async find(id) {
        const [row] = await db.select().from(simBankOidc).where(live(id)).limit(1);
        return toPayload(row);
      },
      async findByUid(uid) {
        const [row] = await db
          .select()
          .from(simBankOidc)
          .where(
            and(
              eq(simBankOidc.model, model),
              eq(simBankOidc.uid, uid),
              or(isNull(simBankOidc.expiresAt), gt(simBankOidc.expiresAt, new Date())),
            ),
          )
          .limit(1);
        return toPayload(row);
      },
      async findByUserCode(userCode) {
        const [row] = await db
          .select()
          .from(simBankOidc)
          .where(
            and(
              eq(simBankOidc.model, model),
              eq(simBankOidc.userCode, userCode),
              or(isNull(simBankOidc.expiresAt), gt(simBankOidc.expiresAt, new Date())),
            ),
          )
          .limit(1);
        return toPayload(row);
      },
      async consume(id) {
        await db
          .update(simBankOidc)
          .set({ consumedAt: new Date() })
          .where(and(eq(simBankOidc.model, model), eq(simBankOidc.id, id)));
      },
      async destroy(id) {
        await db.delete(simBankOidc).where(and(eq(simBankOidc.model, model), eq(simBankOidc.id, id)));
      },
      async revokeByGrantId(grantId) {
        await db.delete(simBankOidc).where(eq(simBankOidc.grantId, grantId));
      },
    };
  };
}
