import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, sprinkledWithSeparators, toRandom } from '../testing';
import { postalCodeSchema, randomPostalCode, validatePostalCode } from './postal-code';

const LENGTH = 'Введите почтовый индекс из 6 цифр, например 101000';
const LETTERS = 'Почтовый индекс состоит только из цифр — уберите буквы и другие знаки, например 101000';
const ZERO = 'Почтовый индекс не может начинаться с 0 — проверьте первую цифру, например 101000';

// A postal index has no check digit: there is no single-digit-change property to test.
describe('validatePostalCode', () => {
  it.each([
    ['101000', '101000'], // Москва, Главпочтамт
    ['190000', '190000'], // Санкт-Петербург
    ['630 099', '630099'], // Новосибирск
    [' 690091 ', '690091'], // Владивосток
  ])('accepts %j', (input, value) => {
    expect(validatePostalCode(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', LENGTH],
    ['10100', LENGTH],
    ['1010001', LENGTH],
    ['1O1000', LETTERS],
    ['индекс 101000', LETTERS],
    ['012345', ZERO],
  ])('rejects %j', (input, message) => {
    expect(validatePostalCode(input)).toEqual({ ok: false, message });
  });

  it('has a schema with the Russian message', () => {
    expect(postalCodeSchema.parse('101 000')).toBe('101000');
    expect(postalCodeSchema.safeParse('012345').error?.issues[0]?.message).toBe(ZERO);
  });
});

describe('postal index properties', () => {
  it('every randomPostalCode value is valid', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomPostalCode(toRandom(spec));
        expect(v).toMatch(/^[1-6]\d{5}$/);
        expect(validatePostalCode(v)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomPostalCode(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v))),
        ([v, typed]) => {
          expect(validatePostalCode(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = validatePostalCode(s);
        if (r.ok) expect(r.value).toMatch(/^[1-9]\d{5}$/);
        else expect(r.message).toMatch(/индекс/);
      }),
    );
  });
});
