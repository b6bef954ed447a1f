import type { z } from 'zod';
import type { RandomSource, ValidationResult } from './common';
import {
  TAX_REGION_CODES,
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

// ИНН — идентификационный номер налогоплательщика (ФНС):
//   10 digits — организация, one check digit (10th);
//   12 digits — физическое лицо / ИП, two check digits (11th and 12th).
// Check digit = (Σ dᵢ·wᵢ mod 11) mod 10 with the official ФНС weights below.

const EXAMPLE_LEGAL = '7707083893';
const EXAMPLE_PERSON = '500100732259';

const ANY_LENGTH = `Введите ИНН: 10 цифр для организации или 12 цифр для физического лица, например ${EXAMPLE_LEGAL}`;
const ANY_LETTERS = `ИНН состоит только из цифр — уберите буквы и другие знаки, например ${EXAMPLE_LEGAL}`;
const PERSON_LENGTH = `Введите ИНН физического лица из 12 цифр, например ${EXAMPLE_PERSON}`;
const PERSON_GOT_LEGAL = 'Это ИНН организации (10 цифр), а нужен ИНН физического лица из 12 цифр';
const PERSON_LETTERS = `ИНН состоит только из цифр — уберите буквы и другие знаки, например ${EXAMPLE_PERSON}`;
const LEGAL_LENGTH = `Введите ИНН организации из 10 цифр, например ${EXAMPLE_LEGAL}`;
const LEGAL_GOT_PERSON = 'Это ИНН физического лица или ИП (12 цифр), а нужен ИНН организации из 10 цифр';
const CHECKSUM = 'Неверное контрольное число ИНН — проверьте цифры';

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

const checkDigit = (digits: readonly number[], weights: readonly number[]): number =>
  (weightedSum(digits, weights) % 11) % 10;

/** Check digit of a 10-digit ИНН from its first 9 digits. */
export function innLegalCheckDigit(first9: string): string {
  return String(checkDigit(digitsOf(first9), W10));
}

/** The two check digits of a 12-digit ИНН from its first 10 digits. */
export function innPersonCheckDigits(first10: string): string {
  const d = digitsOf(first10);
  const n11 = checkDigit(d, W11);
  const n12 = checkDigit([...d, n11], W12);
  return `${n11}${n12}`;
}

function checksumOk(s: string): boolean {
  return s.length === 10
    ? innLegalCheckDigit(s.slice(0, 9)) === s[9]
    : innPersonCheckDigits(s.slice(0, 10)) === s.slice(10);
}

type Kind = 'any' | 'person' | 'legal';

function validate(input: string, kind: Kind): ValidationResult {
  const lengthMessage = kind === 'person' ? PERSON_LENGTH : kind === 'legal' ? LEGAL_LENGTH : ANY_LENGTH;
  if (typeof input !== 'string') return invalid(lengthMessage);
  const s = stripSeparators(input);
  if (s === '') return invalid(lengthMessage);
  if (!isDigits(s)) return invalid(kind === 'person' ? PERSON_LETTERS : ANY_LETTERS);
  if (kind === 'person' && s.length === 10) return invalid(PERSON_GOT_LEGAL);
  if (kind === 'legal' && s.length === 12) return invalid(LEGAL_GOT_PERSON);
  const lengthOk =
    kind === 'person'
      ? s.length === 12
      : kind === 'legal'
        ? s.length === 10
        : s.length === 10 || s.length === 12;
  if (!lengthOk) return invalid(lengthMessage);
  return checksumOk(s) ? valid(s) : invalid(CHECKSUM);
}

/** ИНН of an organisation (10 digits) or of a person / ИП (12 digits). */
export function validateInn(input: string): ValidationResult {
  return validate(input, 'any');
}

/** ИНН of a person or an individual entrepreneur: 12 digits. */
export function validateInnPerson(input: string): ValidationResult {
  return validate(input, 'person');
}

/** ИНН of an organisation: 10 digits. */
export function validateInnLegal(input: string): ValidationResult {
  return validate(input, 'legal');
}

export const innSchema: z.ZodString = identifierSchema(validateInn, ANY_LENGTH);
export const innPersonSchema: z.ZodString = identifierSchema(validateInnPerson, PERSON_LENGTH);
export const innLegalSchema: z.ZodString = identifierSchema(validateInnLegal, LEGAL_LENGTH);

/** Tax office code: region + inspection number, as in the first 4 digits of ИНН and КПП. */
export function randomTaxOfficeCode(rand: RandomSource): string {
  const inspection = randomDigits(rand, 2);
  return pick(rand, TAX_REGION_CODES) + (inspection === '00' ? '01' : inspection);
}

export function randomInnPerson(rand: RandomSource): string {
  const first10 = randomTaxOfficeCode(rand) + randomDigits(rand, 6);
  return first10 + innPersonCheckDigits(first10);
}

export function randomInnLegal(rand: RandomSource): string {
  const first9 = randomTaxOfficeCode(rand) + randomDigits(rand, 5);
  return first9 + innLegalCheckDigit(first9);
}

/** Either kind, about half each. */
export function randomInn(rand: RandomSource): string {
  return rand() < 0.5 ? randomInnPerson(rand) : randomInnLegal(rand);
}
