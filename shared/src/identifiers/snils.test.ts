import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, singleDigitChanges, sprinkledWithSeparators, toRandom } from '../testing';
import { SNILS_CHECK_THRESHOLD, randomSnils, snilsCheckNumber, snilsSchema, validateSnils } from './snils';

const LENGTH = 'Введите СНИЛС из 11 цифр, например 112-233-445 95';
const LETTERS = 'СНИЛС состоит только из цифр — уберите буквы и другие знаки, например 112-233-445 95';
const CHECKSUM = 'Неверное контрольное число СНИЛС — проверьте цифры';

/** Σ dᵢ·(10−i) over the first 9 digits — computed here independently of the implementation. */
const sum9 = (v: string) => [...v.slice(0, 9)].reduce((s, c, i) => s + Number(c) * (9 - i), 0);

describe('validateSnils', () => {
  it.each([
    ['112-233-445 95', '11223344595'],
    ['11223344595', '11223344595'],
    ['112 233 445 95', '11223344595'],
    [' 112–233–445\u00a095 ', '11223344595'],
    ['087-654-303 00', '08765430300'], // sum 202 → 202 mod 101 = 0 → 00
  ])('accepts %j as %s', (input, value) => {
    expect(validateSnils(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['112233445', 95, '95'], // < 100 → the sum itself
    ['000000012', 4, '04'], // one digit is padded to two
    ['111118833', 100, '00'], // 100 → 00
    ['111118834', 101, '00'], // 101 → 00
    ['999999999', 405, '01'], // > 101 → 405 mod 101
    ['500000009', 54, '54'],
    ['987654321', 285, '83'], // 285 mod 101
    ['087654302', 201, '00'], // 201 mod 101 = 100 → 00
    ['087654303', 202, '00'], // 202 mod 101 = 0
  ])('check number of %s (sum %i) is %s', (number, sum, check) => {
    expect(sum9(number)).toBe(sum);
    expect(snilsCheckNumber(number)).toBe(check);
  });

  it('does not verify check numbers up to 001-001-998', () => {
    expect(validateSnils('001-001-998 00')).toEqual({ ok: true, value: '00100199800' });
    expect(validateSnils('001-001-998 57')).toEqual({ ok: true, value: '00100199857' });
    expect(validateSnils('001-001-999 00')).toEqual({ ok: false, message: CHECKSUM });
    expect(validateSnils('001-001-999 ' + snilsCheckNumber('001001999')).ok).toBe(true);
  });

  it.each([
    ['', LENGTH],
    ['   ', LENGTH],
    ['112-233-445 9', LENGTH],
    ['112-233-445 955', LENGTH],
    ['112-233-445 9O', LETTERS], // letter O instead of zero
    ['СНИЛС 112-233-445 95', LETTERS],
    ['112.233.445 95', LETTERS],
    ['112-233-445 96', CHECKSUM],
    ['121-233-445 95', CHECKSUM], // two neighbouring digits swapped
  ])('rejects %j', (input, message) => {
    expect(validateSnils(input)).toEqual({ ok: false, message });
  });

  it('rejects the all-zero number', () => {
    expect(validateSnils('000-000-000 00')).toEqual({
      ok: false,
      message: 'СНИЛС не может состоять из одних нулей — проверьте номер',
    });
  });
});

describe('snilsSchema', () => {
  it('normalizes and reports the Russian message', () => {
    expect(snilsSchema.parse('112-233-445 95')).toBe('11223344595');
    const result = snilsSchema.safeParse('112-233-445 96');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([CHECKSUM]);
    expect(snilsSchema.safeParse(11223344595).error?.issues[0]?.message).toBe(LENGTH);
  });
});

describe('СНИЛС properties', () => {
  it('every randomSnils value is valid, normalized and above the threshold', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomSnils(toRandom(spec));
        expect(v).toMatch(/^\d{11}$/);
        expect(Number(v.slice(0, 9))).toBeGreaterThan(SNILS_CHECK_THRESHOLD);
        expect(validateSnils(v)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomSnils(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v))),
        ([v, typed]) => {
          expect(validateSnils(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  // Exact guarantee. With S = Σ dᵢ·(10−i), the check number is (S mod 101) mod 100, and one changed digit
  // moves S by w·Δ with 1 ≤ |w·Δ| ≤ 81. Two sums < 101 apart give the same check number only when one is
  // ≡ 100 and the other ≡ 0 (mod 101), i.e. they differ by exactly 1 — which only the 9th digit (weight 1)
  // changed by ±1 can do. Changes of the check number itself are always caught. And numbers ≤ 001-001-998
  // are not checked at all. So a changed value is accepted exactly when:
  //   it falls to ≤ 001-001-998, or it is the 9th digit changed by ±1 between S ≡ 0 and S ≡ 100 (mod 101).
  it('a single changed digit is rejected except in the exactly characterised cases', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomSnils(toRandom(spec));
        for (const change of singleDigitChanges(v)) {
          const unchecked = Number(change.value.slice(0, 9)) <= SNILS_CHECK_THRESHOLD;
          const residues = new Set([sum9(v) % 101, sum9(change.value) % 101]);
          const collision =
            change.position === 8 &&
            Math.abs(change.to - change.from) === 1 &&
            residues.has(0) &&
            residues.has(100);
          expect(validateSnils(change.value).ok).toBe(unchecked || collision);
        }
      }),
    );
  });

  it('the 9th-digit collision really exists (sums 101 and 100 both give 00)', () => {
    // 1·9 + 1·8 + 1·7 + 1·6 + 1·5 + 8·4 + 8·3 + 3·2 + 4·1 = 101 → check 00
    expect(sum9('111118834')).toBe(101);
    expect(validateSnils('111-118-834 00').ok).toBe(true);
    expect(validateSnils('111-118-833 00').ok).toBe(true); // sum 100 → 00 as well
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = validateSnils(s);
        if (r.ok) expect(r.value).toMatch(/^\d{11}$/);
        else expect(r.message).toMatch(/СНИЛС/);
      }),
    );
  });
});
