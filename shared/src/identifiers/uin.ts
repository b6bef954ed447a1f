import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import {
  digitsOf,
  identifierSchema,
  invalid,
  isDigits,
  randomDigits,
  randomInt,
  stripSeparators,
  valid,
} from './common';

// УИН — уникальный идентификатор начисления (ГИС ГМП): 20 or 25 characters, the last one is the
// check digit («контрольный разряд») computed by the ГИС ГМП format control:
//   1. weights 1, 2, …, 10, 1, 2, … (the natural series 1–10, repeated) over the first 19 / 24 digits;
//      remainder = Σ dᵢ·wᵢ mod 11; if it is not 10 it is the check digit;
//   2. otherwise the same with the series shifted by two: 3, 4, …, 10, 1, 2, 3, …;
//   3. if the remainder is 10 again, the check digit is 0.
// Note the second series wraps from 10 back to 1 (it is the 1–10 series shifted), it is NOT 3…12:
// a weight of 11 would be ≡ 0 (mod 11) and silently drop a digit from the sum.
//
// Decision: digits only. The 25-character format lets a participant code contain Latin letters, but
// every charge this portal shows (ФНС, ГИБДД, ФССП, госпошлины) has an all-digit УИН, and a letter in a
// typed УИН is far more likely a typo; an УИН with letters is rejected with a clear message. An all-zero
// УИН («0» means "no УИН" in payment orders) is rejected too. Normalized value: the digits.

const EXAMPLE = '1881 0177 2000 0001 2341';
const LENGTH = `Введите УИН из 20 или 25 цифр, например ${EXAMPLE}`;
const LETTERS = `УИН состоит только из цифр — уберите буквы и другие знаки, например ${EXAMPLE}`;
const ZEROS = 'УИН не может состоять из одних нулей — возьмите УИН из квитанции или постановления';
const CHECKSUM = 'Неверный контрольный разряд УИН (последняя цифра) — проверьте цифры';

function remainder(digits: readonly number[], firstWeight: number): number {
  let sum = 0;
  let w = firstWeight;
  for (const d of digits) {
    sum += d * w;
    w = w === 10 ? 1 : w + 1;
  }
  return sum % 11;
}

/** Check digit for the first 19 (or 24) digits of an УИН. */
export function uinCheckDigit(body: string): string {
  const digits = digitsOf(body);
  const first = remainder(digits, 1);
  if (first !== 10) return String(first);
  const second = remainder(digits, 3);
  return second === 10 ? '0' : String(second);
}

export function validateUin(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  const s = stripSeparators(input);
  if (s === '') return invalid(LENGTH);
  if (!isDigits(s)) return invalid(LETTERS);
  if (s.length !== 20 && s.length !== 25) return invalid(LENGTH);
  if (/^0+$/.test(s)) return invalid(ZEROS);
  return uinCheckDigit(s.slice(0, -1)) === s.slice(-1) ? valid(s) : invalid(CHECKSUM);
}

export const uinSchema: z.ZodString = identifierSchema(validateUin, LENGTH);

/** Mostly 20-digit, sometimes 25-digit; the first digit is never 0, so the УИН is never all zeros. */
export function randomUin(rand: RandomSource): string {
  const length = rand() < 0.8 ? 20 : 25;
  const body = String(randomInt(rand, 1, 9)) + randomDigits(rand, length - 2);
  return body + uinCheckDigit(body);
}
