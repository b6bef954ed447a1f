import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import { identifierSchema, invalid, pad, pick, randomInt, stripSeparators, valid } from './common';
import { randomTaxOfficeCode } from './inn';

// КПП — код причины постановки на учёт: 9 characters, no check digit.
//   4 digits — code of the tax office; 2 characters [0-9A-Z] — reason code (ФНС uses capital Latin
//   letters in some codes since 2013); 3 digits — sequence number.
// Normalized value: the 9 characters in upper case. Lower-case Latin letters are upper-cased, and
// Cyrillic letters that look exactly like Latin ones (А В Е К М Н О Р С Т У Х, a keyboard-layout slip)
// are replaced by their Latin twins.

const EXAMPLE = '773601001';
const LENGTH = `Введите КПП из 9 символов, например ${EXAMPLE}`;
const FORMAT =
  'КПП состоит из 4 цифр кода налоговой, 2 цифр или латинских букв причины постановки на учёт ' +
  `и 3 цифр — например ${EXAMPLE}`;

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
};

export function validateKpp(input: string): ValidationResult {
  if (typeof input !== 'string') return invalid(LENGTH);
  const s = stripSeparators(input)
    .toUpperCase()
    .replace(/[АВЕКМНОРСТУХ]/g, (c) => CYRILLIC_TO_LATIN[c] ?? c);
  if (s === '') return invalid(LENGTH);
  if (/^[0-9A-Z]{9}$/.test(s)) {
    return /^\d{4}[0-9A-Z]{2}\d{3}$/.test(s) ? valid(s) : invalid(FORMAT);
  }
  // Count code points so an emoji is one character, not two.
  return Array.from(s).length === 9 ? invalid(FORMAT) : invalid(LENGTH);
}

export const kppSchema: z.ZodString = identifierSchema(validateKpp, LENGTH);

const REASONS = ['01', '01', '01', '01', '01', '01', '02', '43', '45', '50', 'AA', 'AB', '0A'];

/** Tax office code, a reason code (mostly 01 — the organisation's own registration), sequence number. */
export function randomKpp(rand: RandomSource): string {
  return randomTaxOfficeCode(rand) + pick(rand, REASONS) + pad(randomInt(rand, 1, 99), 3);
}
