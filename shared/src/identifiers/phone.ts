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

// Russian phone number, mobile or landline: +7 and a 10-digit national number.
// Accepted: «+7 (912) 345-67-89», «8 912 345 67 89», «79123456789», and the bare 10-digit national
// number «912 345-67-89». Normalized value: «+79123456789».
// Russian national numbers start with 3, 4, 8 (geographic codes, 800 free-phone) or 9 (mobile);
// +7 6xx / +7 7xx belong to Kazakhstan and are rejected, as are codes starting with 0, 1, 2, 5.

const EXAMPLE = '+7 912 345-67-89';
const LENGTH = `Введите номер телефона из 11 цифр, например ${EXAMPLE}`;
const LETTERS = `В номере телефона могут быть только цифры, пробелы, скобки, дефисы и «+» в начале — например ${EXAMPLE}`;
const COUNTRY = `Укажите российский номер: он начинается с +7 или 8, например ${EXAMPLE}`;
const AREA = `Код российского номера после +7 начинается с 3, 4, 8 или 9 — например ${EXAMPLE}`;

type Parsed = { ok: true; digits: string } | { ok: false; message: string };

/** 11 digits starting with 7, or why the input is not a +7 number. */
function parse(input: string): Parsed {
  const trimmed = input.trim();
  const plus = trimmed.startsWith('+');
  const s = stripSeparators(plus ? trimmed.slice(1) : trimmed);
  if (s === '') return { ok: false, message: LENGTH };
  if (!isDigits(s)) return { ok: false, message: LETTERS };
  if (plus) {
    if (s[0] !== '7') return { ok: false, message: COUNTRY };
    return s.length === 11 ? { ok: true, digits: s } : { ok: false, message: LENGTH };
  }
  if (s.length === 10) return { ok: true, digits: '7' + s };
  if (s.length === 11) {
    if (s[0] === '8' || s[0] === '7') return { ok: true, digits: '7' + s.slice(1) };
    return { ok: false, message: COUNTRY };
  }
  return { ok: false, message: LENGTH };
}

/**
 * The 11 digits «7XXXXXXXXXX» of any accepted +7 / 8 / 10-digit form, without the area-code rule;
 * `null` if the input is not such a number. Used for display of stored numbers.
 */
export function phoneDigits(input: string): string | null {
  if (typeof input !== 'string') return null;
  const parsed = parse(input);
  return parsed.ok ? parsed.digits : null;
}

export function validatePhone(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  const parsed = parse(input);
  if (!parsed.ok) return invalid(parsed.message);
  if (!'3489'.includes(parsed.digits[1] ?? '')) return invalid(AREA);
  return valid('+' + parsed.digits);
}

export const phoneSchema: z.ZodString = identifierSchema(validatePhone, LENGTH);

/** A mobile number +7 9XX XXX-XX-XX. */
export function randomPhone(rand: RandomSource): string {
  return '+79' + String(randomInt(rand, 0, 99)).padStart(2, '0') + randomDigits(rand, 7);
}
