import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import {
  digitsOf,
  identifierSchema,
  invalid,
  isDigits,
  pad,
  randomInt,
  stripSeparators,
  valid,
  weightedSum,
} from './common';

// СНИЛС — страховой номер индивидуального лицевого счёта: 9-digit number + 2-digit check number,
// written «112-233-445 95». Normalized value: the 11 digits.

const LENGTH = 'Введите СНИЛС из 11 цифр, например 112-233-445 95';
const LETTERS = 'СНИЛС состоит только из цифр — уберите буквы и другие знаки, например 112-233-445 95';
const ZEROS = 'СНИЛС не может состоять из одних нулей — проверьте номер';
const CHECKSUM = 'Неверное контрольное число СНИЛС — проверьте цифры';

/** Check numbers are only verified for numbers greater than 001-001-998 (older numbers predate them). */
export const SNILS_CHECK_THRESHOLD = 1_001_998;

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, 1];

/**
 * The two-digit check number for the first 9 digits: Σ dᵢ·(10−i); < 100 → the sum; 100 and 101 → 00;
 * > 101 → sum mod 101, where a remainder of 100 becomes 00. All of that equals (sum mod 101) mod 100.
 */
export function snilsCheckNumber(number9: string): string {
  const sum = weightedSum(digitsOf(number9), WEIGHTS);
  return pad((sum % 101) % 100, 2);
}

export function validateSnils(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  const s = stripSeparators(input);
  if (s === '') return invalid(LENGTH);
  if (!isDigits(s)) return invalid(LETTERS);
  if (s.length !== 11) return invalid(LENGTH);
  const number = s.slice(0, 9);
  if (number === '000000000') return invalid(ZEROS);
  if (Number(number) > SNILS_CHECK_THRESHOLD && snilsCheckNumber(number) !== s.slice(9))
    return invalid(CHECKSUM);
  return valid(s);
}

export const snilsSchema: z.ZodString = identifierSchema(validateSnils, LENGTH);

/** A valid СНИЛС (11 digits) whose number is above the threshold, so its check number is meaningful. */
export function randomSnils(rand: RandomSource): string {
  const number = pad(randomInt(rand, SNILS_CHECK_THRESHOLD + 1, 999_999_999), 9);
  return number + snilsCheckNumber(number);
}
