import { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import {
  digitsOf,
  identifierSchema,
  invalid,
  isDigits,
  pick,
  randomDigits,
  stripSeparators,
  valid,
  weightedSum,
} from './common';
import { validateBik } from './bik';

// Расчётный счёт: 20 digits, checked together with the bank's БИК (Bank of Russia rules):
// the last 3 digits of the БИК followed by the 20 account digits (23 digits) are multiplied by the
// weights 7, 1, 3, 7, 1, 3, …; the account is valid when the sum is ≡ 0 (mod 10). The key digit is the
// 9th digit of the account.
// We implement the rule for accounts opened in a credit institution (settlement accounts). Accounts
// serviced directly by a Bank of Russia division (РКЦ) use «0» + digits 5–6 of the БИК instead; the
// portal does not accept payments to those.

const EXAMPLE = '40703810338000004033';
const LENGTH = `Введите номер расчётного счёта из 20 цифр, например ${EXAMPLE}`;
const LETTERS = `Номер счёта состоит только из цифр — уберите буквы и другие знаки, например ${EXAMPLE}`;
const BIK_FIRST = 'Сначала укажите правильный БИК банка — номер счёта проверяется вместе с ним';
const CHECKSUM = 'Номер счёта не сходится с БИК банка — проверьте номер счёта и БИК';

const WEIGHTS = Array.from({ length: 23 }, (_, i) => [7, 1, 3][i % 3] ?? 0);

function keyOk(bik: string, account: string): boolean {
  return weightedSum(digitsOf(bik.slice(-3) + account), WEIGHTS) % 10 === 0;
}

/** Format of the account alone: 20 digits; the normalized value is the digits. */
export function validateAccountNumber(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  const s = stripSeparators(input);
  if (s === '') return invalid(LENGTH);
  if (!isDigits(s)) return invalid(LETTERS);
  return s.length === 20 ? valid(s) : invalid(LENGTH);
}

/** A 20-digit settlement account validated with the key computed over its bank's БИК. */
export function validateAccount(account: string, bik: string): ValidationResult {
  const acc = validateAccountNumber(account);
  if (!acc.ok) return acc;
  const b = validateBik(bik);
  if (!b.ok) return invalid(BIK_FIRST);
  return keyOk(b.value, acc.value) ? valid(acc.value) : invalid(CHECKSUM);
}

/**
 * The account on its own (20 digits, no key check — that needs the БИК). For a form that has both
 * fields use {@link bankAccountSchema}.
 */
export const accountSchema: z.ZodString = identifierSchema(validateAccountNumber, LENGTH);

/**
 * `{ bik, account }` — both normalized; a wrong key is reported on the `account` field, a wrong БИК on
 * the `bik` field.
 */
export const bankAccountSchema = z
  .object({ bik: z.string({ error: LENGTH }), account: z.string({ error: LENGTH }) })
  .superRefine((value, ctx) => {
    const b = validateBik(value.bik);
    if (!b.ok) ctx.addIssue({ code: 'custom', path: ['bik'], message: b.message });
    const a = validateAccountNumber(value.account);
    if (!a.ok) ctx.addIssue({ code: 'custom', path: ['account'], message: a.message });
    if (a.ok && b.ok && !keyOk(b.value, a.value))
      ctx.addIssue({ code: 'custom', path: ['account'], message: CHECKSUM });
  })
  .overwrite((value) => {
    const b = validateBik(value.bik);
    const a = validateAccountNumber(value.account);
    return { bik: b.ok ? b.value : value.bik, account: a.ok ? a.value : value.account };
  });

/** Balance account (5 digits) + currency 810 of typical accounts of citizens and organisations. */
const PREFIXES = ['40817810', '40817810', '40817810', '42301810', '40820810', '40702810', '40802810'];

/** A valid settlement account at the bank with this БИК (throws if the БИК itself is not valid). */
export function randomAccount(rand: RandomSource, bik: string): string {
  const b = validateBik(bik);
  if (!b.ok) throw new RangeError(`randomAccount: invalid БИК ${JSON.stringify(bik)}`);
  const head = pick(rand, PREFIXES);
  const tail = randomDigits(rand, 11);
  for (let key = 0; key <= 9; key++) {
    const account = `${head}${key}${tail}`;
    if (keyOk(b.value, account)) return account;
  }
  // Unreachable: the key digit has weight 3, which is invertible mod 10, so exactly one key fits.
  throw new Error('randomAccount: no key digit fits');
}
