import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import {
  TAX_REGION_CODES,
  identifierSchema,
  invalid,
  isDigits,
  pad,
  pick,
  randomDigits,
  randomInt,
  stripSeparators,
  valid,
} from './common';

// ОГРН — основной государственный регистрационный номер организации: 13 digits,
//   check = (first 12 digits as a number mod 11) mod 10.
// ОГРНИП — the same for an individual entrepreneur: 15 digits,
//   check = (first 14 digits as a number mod 13) mod 10.
// The numbers exceed 2^53, so the remainder is computed digit by digit (Horner), exactly.
//
// Besides the check digit we verify the record kind in the first digit, as ФНС assigns it:
// 1 or 5 — ОГРН; 3 — ОГРНИП (2, 4, 6–9 are numbers of other register records, not of a company or an ИП).

const OGRN_EXAMPLE = '1027700132195';
const OGRNIP_EXAMPLE = '304500116000157';

const OGRN_LENGTH = `Введите ОГРН из 13 цифр, например ${OGRN_EXAMPLE}`;
const OGRN_GOT_OGRNIP =
  'Это ОГРНИП индивидуального предпринимателя (15 цифр), а нужен ОГРН организации из 13 цифр';
const OGRN_LETTERS = `ОГРН состоит только из цифр — уберите буквы и другие знаки, например ${OGRN_EXAMPLE}`;
const OGRN_KIND = `ОГРН организации начинается с цифры 1 или 5 — проверьте первую цифру, например ${OGRN_EXAMPLE}`;
const OGRN_CHECKSUM = 'Неверное контрольное число ОГРН — проверьте цифры';

const OGRNIP_LENGTH = `Введите ОГРНИП из 15 цифр, например ${OGRNIP_EXAMPLE}`;
const OGRNIP_GOT_OGRN =
  'Это ОГРН организации (13 цифр), а нужен ОГРНИП индивидуального предпринимателя из 15 цифр';
const OGRNIP_LETTERS = `ОГРНИП состоит только из цифр — уберите буквы и другие знаки, например ${OGRNIP_EXAMPLE}`;
const OGRNIP_KIND = `ОГРНИП начинается с цифры 3 — проверьте первую цифру, например ${OGRNIP_EXAMPLE}`;
const OGRNIP_CHECKSUM = 'Неверное контрольное число ОГРНИП — проверьте цифры';

/** `digits` (a decimal string of any length) mod `m`, exactly. */
function mod(digits: string, m: number): number {
  let r = 0;
  for (const c of digits) r = (r * 10 + (c.charCodeAt(0) - 48)) % m;
  return r;
}

/** Check digit of an ОГРН from its first 12 digits. */
export function ogrnCheckDigit(first12: string): string {
  return String(mod(first12, 11) % 10);
}

/** Check digit of an ОГРНИП from its first 14 digits. */
export function ogrnipCheckDigit(first14: string): string {
  return String(mod(first14, 13) % 10);
}

export function validateOgrn(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(OGRN_LENGTH);
  const s = stripSeparators(input);
  if (s === '') return invalid(OGRN_LENGTH);
  if (!isDigits(s)) return invalid(OGRN_LETTERS);
  if (s.length === 15) return invalid(OGRN_GOT_OGRNIP);
  if (s.length !== 13) return invalid(OGRN_LENGTH);
  if (s[0] !== '1' && s[0] !== '5') return invalid(OGRN_KIND);
  return ogrnCheckDigit(s.slice(0, 12)) === s[12] ? valid(s) : invalid(OGRN_CHECKSUM);
}

export function validateOgrnip(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(OGRNIP_LENGTH);
  const s = stripSeparators(input);
  if (s === '') return invalid(OGRNIP_LENGTH);
  if (!isDigits(s)) return invalid(OGRNIP_LETTERS);
  if (s.length === 13) return invalid(OGRNIP_GOT_OGRN);
  if (s.length !== 15) return invalid(OGRNIP_LENGTH);
  if (s[0] !== '3') return invalid(OGRNIP_KIND);
  return ogrnipCheckDigit(s.slice(0, 14)) === s[14] ? valid(s) : invalid(OGRNIP_CHECKSUM);
}

export const ogrnSchema: z.ZodString = identifierSchema(validateOgrn, OGRN_LENGTH);
export const ogrnipSchema: z.ZodString = identifierSchema(validateOgrnip, OGRNIP_LENGTH);

/** Kind (1 or 5), year of registration, region, 7-digit record number, check digit. */
export function randomOgrn(rand: RandomSource): string {
  const kind = rand() < 0.85 ? '1' : '5';
  const first12 =
    kind + pad(randomInt(rand, 2, 26), 2) + pick(rand, TAX_REGION_CODES) + randomDigits(rand, 7);
  return first12 + ogrnCheckDigit(first12);
}

/** Kind 3, year of registration, region, 9-digit record number, check digit. */
export function randomOgrnip(rand: RandomSource): string {
  const first14 = '3' + pad(randomInt(rand, 4, 26), 2) + pick(rand, TAX_REGION_CODES) + randomDigits(rand, 9);
  return first14 + ogrnipCheckDigit(first14);
}
