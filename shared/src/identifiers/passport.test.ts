import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, sprinkledWithSeparators, toRandom } from '../testing';
import { passportSchema, randomPassport, validatePassport } from './passport';

const LENGTH = 'Введите серию и номер паспорта — 10 цифр, например 45 06 123456';
const LETTERS =
  'Серия и номер паспорта состоят только из цифр — уберите буквы и другие знаки, например 45 06 123456';
const REGION = 'Серия паспорта не может начинаться с 00 — проверьте первые две цифры серии';

// A passport has no check digit: there is no single-digit-change property to test.
describe('validatePassport', () => {
  it.each([
    ['45 06 123456', '4506123456'],
    ['4506123456', '4506123456'],
    ['45 06 № 123456', '4506123456'],
    ['4506-123456', '4506123456'],
    ['  45\u00a006\u00a0123456 ', '4506123456'],
  ])('accepts %j', (input, value) => {
    expect(validatePassport(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', LENGTH],
    ['45 06 12345', LENGTH],
    ['45 06 1234567', LENGTH],
    ['45 O6 123456', LETTERS],
    ['серия 45 06 123456', LETTERS],
    ['00 06 123456', REGION],
    ['45 06 000000', 'Номер паспорта не может быть 000000 — проверьте последние 6 цифр'],
  ])('rejects %j', (input, message) => {
    expect(validatePassport(input)).toEqual({ ok: false, message });
  });

  it('has a schema with the Russian message', () => {
    expect(passportSchema.parse('45 06 123456')).toBe('4506123456');
    expect(passportSchema.safeParse('00 06 123456').error?.issues[0]?.message).toBe(REGION);
  });
});

describe('passport properties', () => {
  it('every randomPassport value is valid', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomPassport(toRandom(spec));
        expect(v).toMatch(/^\d{10}$/);
        expect(validatePassport(v)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomPassport(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v))),
        ([v, typed]) => {
          expect(validatePassport(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = validatePassport(s);
        if (r.ok) expect(r.value).toMatch(/^\d{10}$/);
        else expect(r.message).toMatch(/паспорт/);
      }),
    );
  });
});
