import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import {
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

// Паспорт гражданина РФ: series of 4 digits + number of 6 digits, written «45 06 123456».
// The first two digits of the series are the ОКАТО code of the region that issued the blank, the next
// two — the year the blank was printed. There is no check digit. Region code 00 does not exist, nor
// does number 000000. Normalized value: the 10 digits.

const EXAMPLE = '45 06 123456';
const LENGTH = `Введите серию и номер паспорта — 10 цифр, например ${EXAMPLE}`;
const LETTERS = `Серия и номер паспорта состоят только из цифр — уберите буквы и другие знаки, например ${EXAMPLE}`;
const REGION = 'Серия паспорта не может начинаться с 00 — проверьте первые две цифры серии';
const NUMBER = 'Номер паспорта не может быть 000000 — проверьте последние 6 цифр';

export function validatePassport(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  // «№» is commonly typed between series and number: «45 06 № 123456».
  const s = stripSeparators(input).replace(/№/g, '');
  if (s === '') return invalid(LENGTH);
  if (!isDigits(s)) return invalid(LETTERS);
  if (s.length !== 10) return invalid(LENGTH);
  if (s.startsWith('00')) return invalid(REGION);
  if (s.endsWith('000000')) return invalid(NUMBER);
  return valid(s);
}

export const passportSchema: z.ZodString = identifierSchema(validatePassport, LENGTH);

/** ОКАТО region codes found in passport series (a representative subset). */
const PASSPORT_REGIONS: readonly string[] = (
  '01 03 04 05 07 08 10 11 12 14 15 17 18 19 20 22 24 25 26 27 28 29 30 32 33 34 36 37 38 40 41 42 44 ' +
  '45 46 47 49 50 52 53 54 56 57 58 60 61 63 64 65 66 67 68 69 70 71 73 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99'
).split(' ');

/** Region, year of the blank (1997–2025), 6-digit number (never 000000). */
export function randomPassport(rand: RandomSource): string {
  const year = pad(randomInt(rand, 97, 125) % 100, 2);
  const number = randomDigits(rand, 6);
  return pick(rand, PASSPORT_REGIONS) + year + (number === '000000' ? '000001' : number);
}
