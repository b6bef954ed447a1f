import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import {
  digitsOf,
  identifierSchema,
  invalid,
  isDigits,
  pick,
  randomDigits,
  randomInt,
  stripSeparators,
  valid,
} from './common';

// Bank card number (PAN): 16–19 digits with a Luhn check digit. The payment system is not required
// for validity; `cardBrand` tells МИР / Visa / Mastercard apart for the UI.

const EXAMPLE = '2200 7001 2345 6781';
const LENGTH = `Введите номер карты — от 16 до 19 цифр, например ${EXAMPLE}`;
const LETTERS = `Номер карты состоит только из цифр — уберите буквы и другие знаки, например ${EXAMPLE}`;
const CHECKSUM = 'Номер карты введён с ошибкой — проверьте цифры';

export type CardBrand = 'mir' | 'visa' | 'mastercard';

export const CARD_BRAND_LABELS: Readonly<Record<CardBrand, string>> = {
  mir: 'МИР',
  visa: 'Visa',
  mastercard: 'Mastercard',
};

/** Luhn sum of all digits (the last one is the check digit) is ≡ 0 (mod 10). */
function luhnOk(s: string): boolean {
  return luhnSum(s) % 10 === 0;
}

function luhnSum(s: string): number {
  const digits = digitsOf(s);
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits[i] ?? 0;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** Luhn check digit for a PAN without its last digit. */
export function luhnCheckDigit(body: string): string {
  return String((10 - (luhnSum(body + '0') % 10)) % 10);
}

export function validateCard(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  const s = stripSeparators(input);
  if (s === '') return invalid(LENGTH);
  if (!isDigits(s)) return invalid(LETTERS);
  if (s.length < 16 || s.length > 19) return invalid(LENGTH);
  return luhnOk(s) ? valid(s) : invalid(CHECKSUM);
}

export const cardSchema: z.ZodString = identifierSchema(validateCard, LENGTH);

/**
 * Payment system by the number's prefix (IIN range): МИР 2200–2204, Visa 4, Mastercard 51–55 and
 * 2221–2720. Works on a partially typed number as soon as the prefix is decisive; `null` if unknown.
 */
export function cardBrand(pan: string): CardBrand | null {
  if (typeof pan !== 'string') return null;
  const s = stripSeparators(pan);
  if (!/^\d/.test(s)) return null;
  if (s[0] === '4') return 'visa';
  const two = Number(s.slice(0, 2));
  if (s.length >= 2 && two >= 51 && two <= 55) return 'mastercard';
  if (!/^\d{4}/.test(s)) return null;
  const four = Number(s.slice(0, 4));
  if (four >= 2200 && four <= 2204) return 'mir';
  if (four >= 2221 && four <= 2720) return 'mastercard';
  return null;
}

function brandPrefix(rand: RandomSource, brand: CardBrand): string {
  switch (brand) {
    case 'mir':
      return String(randomInt(rand, 2200, 2204));
    case 'visa':
      return '4';
    case 'mastercard':
      return rand() < 0.7 ? String(randomInt(rand, 51, 55)) : String(randomInt(rand, 2221, 2720));
  }
}

/** A valid 16-digit card number of the given (or a random) payment system. */
export function randomCard(
  rand: RandomSource,
  brand: CardBrand = pick(rand, ['mir', 'mir', 'visa', 'mastercard']),
): string {
  const prefix = brandPrefix(rand, brand);
  const body = prefix + randomDigits(rand, 15 - prefix.length);
  return body + luhnCheckDigit(body);
}
