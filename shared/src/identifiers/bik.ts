import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import { identifierSchema, invalid, isDigits, pad, pick, randomInt, stripSeparators, valid } from './common';

// БИК — банковский идентификационный код: 9 digits starting with 04 (the country code of Russia),
// then the ОКАТО region code (2), the Bank of Russia division (2) and the bank's number (3).
// No check digit.

const EXAMPLE = '044525225';
const LENGTH = `Введите БИК банка из 9 цифр, например ${EXAMPLE}`;
const LETTERS = `БИК состоит только из цифр — уберите буквы и другие знаки, например ${EXAMPLE}`;
const PREFIX = `БИК российского банка начинается с 04 — например ${EXAMPLE}`;

export function validateBik(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  const s = stripSeparators(input);
  if (s === '') return invalid(LENGTH);
  if (!isDigits(s)) return invalid(LETTERS);
  if (s.length !== 9) return invalid(LENGTH);
  if (!s.startsWith('04')) return invalid(PREFIX);
  return valid(s);
}

export const bikSchema: z.ZodString = identifierSchema(validateBik, LENGTH);

const BIK_REGIONS = ['45', '40', '46', '52', '65', '92', '01', '04', '03', '60', '36', '22'];

/** 04, region, division, bank number 050–999 (the range of credit institutions). */
export function randomBik(rand: RandomSource): string {
  return '04' + pick(rand, BIK_REGIONS) + pad(randomInt(rand, 0, 99), 2) + pad(randomInt(rand, 50, 999), 3);
}
