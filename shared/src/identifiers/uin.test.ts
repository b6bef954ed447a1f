import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, singleDigitChanges, sprinkledWithSeparators, toRandom } from '../testing';
import { randomUin, uinCheckDigit, uinSchema, validateUin } from './uin';

const LENGTH = 'Введите УИН из 20 или 25 цифр, например 1881 0177 2000 0001 2341';
const LETTERS =
  'УИН состоит только из цифр — уберите буквы и другие знаки, например 1881 0177 2000 0001 2341';
const CHECKSUM = 'Неверный контрольный разряд УИН (последняя цифра) — проверьте цифры';

/** Σ dᵢ·wᵢ mod 11 with weights start, start+1, …, 10, 1, 2, … — recomputed here independently. */
const remainder = (body: string, start: number) =>
  [...body].reduce((s, c, i) => s + Number(c) * (((start - 1 + i) % 10) + 1), 0) % 11;

// Example values below are synthetic (computed with the ГИС ГМП rule), shaped like real ГИБДД ones.
describe('validateUin', () => {
  it.each([
    ['18810177200000012341', '18810177200000012341'],
    ['1881 0177 2000 0001 2341', '18810177200000012341'],
    ['1881-0177-2000-0001-2341', '18810177200000012341'],
  ])('accepts %j', (input, value) => {
    expect(validateUin(input)).toEqual({ ok: true, value });
  });

  it.each([
    // first series, remainder ≠ 10 → the remainder (the second series is not used)
    ['1881017720000001234', 1, 9, '1'],
    // first remainder 10 → second series 3, 4, …, 10, 1, 2, …
    ['1881017720000000005', 10, 9, '9'],
    // remainder 10 in both series → 0
    ['1881017720000000196', 10, 10, '0'],
    // a single 1 at the 10th position: weight 10 in the first series, and 2 in the second — not 12
    ['0000000001000000000', 10, 2, '2'],
  ])('check digit of %s: remainders %i / %i → %s', (body, first, second, check) => {
    expect(remainder(body, 1)).toBe(first);
    expect(remainder(body, 3)).toBe(second);
    expect(uinCheckDigit(body)).toBe(check);
    expect(validateUin(body + check)).toEqual({ ok: true, value: body + check });
  });

  it('works for 25-digit УИН: the weights wrap around twice', () => {
    // 3·2 + 2·3 + 2·4 + 1·5 (positions 2–5) + 1·3 + 2·4 (positions 23–24: weights 3, 4) = 36 ≡ 3
    const body = '032210000000000000000012';
    expect(body).toHaveLength(24);
    expect(uinCheckDigit(body)).toBe('3');
    expect(validateUin('0322 1000 0000 0000 0000 0012 3')).toEqual({ ok: true, value: body + '3' });
    expect(validateUin(body + '4')).toEqual({ ok: false, message: CHECKSUM });
  });

  it.each([
    ['', LENGTH],
    ['1881017720000001234', LENGTH],
    ['188101772000000123412', LENGTH],
    ['0000000000000000001000', LENGTH],
    ['1881O177200000012341', LETTERS],
    ['УИН 18810177200000012341', LETTERS],
    ['18810177200000012342', CHECKSUM],
    ['18810177200000021341', CHECKSUM], // swapped digits
    [
      '00000000000000000000',
      'УИН не может состоять из одних нулей — возьмите УИН из квитанции или постановления',
    ],
  ])('rejects %j', (input, message) => {
    expect(validateUin(input)).toEqual({ ok: false, message });
  });

  it('has a schema with the Russian message', () => {
    expect(uinSchema.parse('1881 0177 2000 0001 2341')).toBe('18810177200000012341');
    expect(uinSchema.safeParse('18810177200000012342').error?.issues[0]?.message).toBe(CHECKSUM);
  });
});

describe('УИН properties', () => {
  it('every randomUin value is valid', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomUin(toRandom(spec));
        expect(v).toMatch(/^\d{20}(\d{5})?$/);
        expect(validateUin(v)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('check digit follows the rule (independent recomputation)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{19}$/), fc.stringMatching(/^\d{24}$/)), (body) => {
        const first = remainder(body, 1);
        const second = remainder(body, 3);
        const expected = first !== 10 ? first : second !== 10 ? second : 0;
        expect(uinCheckDigit(body)).toBe(String(expected));
      }),
    );
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomUin(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v))),
        ([v, typed]) => {
          expect(validateUin(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  // Exact guarantee. All first-series weights 1…10 are non-zero mod 11, so one changed digit always
  // changes the first remainder R₁. If neither the original nor the changed value has R₁ = 10, both
  // check digits ARE their R₁ and differ — caught. Only when one of them falls back to the second series
  // (or to 0) can the check digits coincide. A change of the check digit itself is always caught.
  it('a single changed digit passes only if one side needed the second series', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomUin(toRandom(spec));
        for (const change of singleDigitChanges(v)) {
          if (validateUin(change.value).ok) {
            expect(change.position).toBeLessThan(v.length - 1);
            const r = remainder(v.slice(0, -1), 1);
            const rChanged = remainder(change.value.slice(0, -1), 1);
            expect(r === 10 || rChanged === 10).toBe(true);
          }
        }
      }),
    );
  });

  it('that blind spot is real', () => {
    // 20457226571747927133: R₁ = 3; with the 1st digit 2 → 9, R₁ = 10 and the second series gives 3 too.
    expect(remainder('2045722657174792713', 1)).toBe(3);
    expect(remainder('9045722657174792713', 1)).toBe(10);
    expect(validateUin('20457226571747927133').ok).toBe(true);
    expect(validateUin('90457226571747927133').ok).toBe(true);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = validateUin(s);
        if (r.ok) expect(r.value).toMatch(/^\d{20}(\d{5})?$/);
        else expect(r.message).toMatch(/УИН/);
      }),
    );
  });
});
