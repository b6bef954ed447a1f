import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import {
  identifierSchema,
  invalid,
  isDigits,
  randomDigits,
  randomInt,
  stripSeparators,
  valid,
} from './common';

// Почтовый индекс: 6 digits, not starting with 0 (Russian indices run from 101000 to 6xxxxx).

const EXAMPLE = '101000';
const LENGTH = `Введите почтовый индекс из 6 цифр, например ${EXAMPLE}`;
const LETTERS = `Почтовый индекс состоит только из цифр — уберите буквы и другие знаки, например ${EXAMPLE}`;
const ZERO = `Почтовый индекс не может начинаться с 0 — проверьте первую цифру, например ${EXAMPLE}`;

export function validatePostalCode(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  const s = stripSeparators(input);
  if (s === '') return invalid(LENGTH);
  if (!isDigits(s)) return invalid(LETTERS);
  if (s.length !== 6) return invalid(LENGTH);
  if (s[0] === '0') return invalid(ZERO);
  return valid(s);
}

export const postalCodeSchema: z.ZodString = identifierSchema(validatePostalCode, LENGTH);

/** First digit 1–6, as in real Russian indices. */
export function randomPostalCode(rand: RandomSource): string {
  return String(randomInt(rand, 1, 6)) + randomDigits(rand, 5);
}
