import { z } from 'zod';

/** Result of every identifier validator: the normalized value, or a Russian message for the form. */
export type ValidationResult = { ok: true; value: string } | { ok: false; message: string };

/** A source of uniformly distributed numbers in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

export const valid = (value: string): ValidationResult => ({ ok: true, value });
export const invalid = (message: string): ValidationResult => ({ ok: false, message });

/**
 * Separators people type or paste between the digits of an identifier: any whitespace
 * (including U+00A0 / U+202F from Intl and copy-paste), zero-width characters,
 * hyphens, dashes and the minus sign, round and square brackets.
 */
const SEPARATORS = /[\s\u200B-\u200D\u2060\-\u2010-\u2015\u2212()[\]]/g;

export function stripSeparators(input: string): string {
  return input.replace(SEPARATORS, '');
}

/** ASCII digits only (a plain `\d` without the `u` flag never matches other scripts' digits). */
export function isDigits(s: string): boolean {
  return /^\d+$/.test(s);
}

export function digitsOf(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0) - 48);
}

/** Σ digit·weight over the first `weights.length` digits. */
export function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum;
}

/**
 * Turns a validator into a zod 4 schema: string in, normalized string out, the validator's Russian
 * message as the issue. Built with `.superRefine` + `.overwrite` instead of `.transform`, so the
 * schema stays a plain `ZodString` that `z.toJSONSchema` (and the server's OpenAPI) can describe.
 */
export function identifierSchema(
  validate: (input: string) => ValidationResult,
  typeMessage: string,
): z.ZodString {
  return z
    .string({ error: typeMessage })
    .superRefine((input, ctx) => {
      const result = validate(input);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
    })
    .overwrite((input) => {
      const result = validate(input);
      return result.ok ? result.value : input;
    });
}

// ---------------------------------------------------------------------------------------------
// Random generation helpers. They never loop (a constant `rand` such as `() => 0` must work), and
// clamp `rand() === 1` defensively.

/** Integer in [min, max], both inclusive. */
export function randomInt(rand: RandomSource, min: number, max: number): number {
  const span = max - min + 1;
  return min + Math.min(span - 1, Math.max(0, Math.floor(rand() * span)));
}

export function randomDigits(rand: RandomSource, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(randomInt(rand, 0, 9));
  return out;
}

export function pick<T>(rand: RandomSource, items: readonly T[]): T {
  return items[randomInt(rand, 0, items.length - 1)] as T;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Region codes of the subjects of the RF as used in ИНН / ОГРН / tax office codes (a representative subset). */
export const TAX_REGION_CODES: readonly string[] = (
  '01 02 03 05 07 10 11 12 14 16 18 21 22 23 24 25 26 27 29 31 32 33 34 35 36 37 38 39 40 42 43 44 ' +
  '45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 86 89 91 92'
).split(' ');
