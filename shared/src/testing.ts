// Test-only helpers (imported by *.test.ts, never by the package's runtime code; not exported from index).

import fc from 'fast-check';
import type { RandomSource } from './identifiers/common';

/** mulberry32: a tiny deterministic PRNG. */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plain data that a property turns into a random source with {@link toRandom}. */
export type RandomSpec = { seed: number } | { values: number[] };

/**
 * Random sources driven by fast-check: either a PRNG seeded by `fc.integer()`, or a short list of
 * doubles in [0, 1) replayed in a cycle — the latter includes degenerate sources such as «always 0»
 * and «always 0.9999…», which a generator must survive too.
 */
export const randomSpecs: fc.Arbitrary<RandomSpec> = fc.oneof(
  fc.integer().map((seed) => ({ seed })),
  fc
    .array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 40 })
    .map((values) => ({ values })),
);

export function toRandom(spec: RandomSpec): RandomSource {
  if ('seed' in spec) return seededRandom(spec.seed);
  let i = 0;
  return () => spec.values[i++ % spec.values.length] ?? 0;
}

export interface DigitChange {
  /** 0-based position of the changed character. */
  position: number;
  from: number;
  to: number;
  value: string;
}

/** Every string that differs from `value` in exactly one digit (9 per digit position). */
export function singleDigitChanges(value: string): DigitChange[] {
  const out: DigitChange[] = [];
  for (let position = 0; position < value.length; position++) {
    const c = value[position] ?? '';
    if (!/\d/.test(c)) continue;
    const from = Number(c);
    for (let to = 0; to <= 9; to++) {
      if (to !== from)
        out.push({ position, from, to, value: value.slice(0, position) + to + value.slice(position + 1) });
    }
  }
  return out;
}

/** Any strings, including astral-plane code points, lone surrogates and grapheme clusters. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...'0123456789 -–—()[]+.№\u00a0\u202fAaБб') }),
);

const SEPARATOR_CHUNKS = [' ', '-', '  ', ' - ', '–', '—', '\u00a0', '\u202f', '(', ')', '[', ']', '\t'];

/** `value` with separators sprinkled between (and around) its characters. */
export function sprinkledWithSeparators(value: string): fc.Arbitrary<string> {
  return fc
    .array(fc.option(fc.constantFrom(...SEPARATOR_CHUNKS), { nil: '' }), {
      minLength: value.length + 1,
      maxLength: value.length + 1,
    })
    .map((seps) => seps.map((sep, i) => sep + (value[i] ?? '')).join(''));
}
