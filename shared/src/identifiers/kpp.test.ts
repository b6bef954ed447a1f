import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, sprinkledWithSeparators, toRandom } from '../testing';
import { kppSchema, randomKpp, validateKpp } from './kpp';

const LENGTH = 'Введите КПП из 9 символов, например 773601001';
const FORMAT =
  'КПП состоит из 4 цифр кода налоговой, 2 цифр или латинских букв причины постановки на учёт и 3 цифр — например 773601001';

// КПП has no check digit, so there is no single-digit-change property: any digit may be anything.
describe('validateKpp', () => {
  it.each([
    ['773601001', '773601001'], // ПАО Сбербанк
    ['770401001', '770401001'], // ООО «Яндекс»
    ['7736 01 001', '773601001'],
    ['7736-01-001', '773601001'],
    ['7701AB001', '7701AB001'], // letters in the reason code (allowed since 2013)
    ['7701ab001', '7701AB001'], // lower case is upper-cased
    ['7701АВ001', '7701AB001'], // Cyrillic А and В typed on a Russian layout become Latin A and B
  ])('accepts %j as %s', (input, value) => {
    expect(validateKpp(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', LENGTH],
    ['77360100', LENGTH],
    ['7736010011', LENGTH],
    ['77A601001', FORMAT], // letter in the tax office code
    ['7736010O1', FORMAT], // letter in the sequence number
    ['7736ЖЖ001', FORMAT], // Cyrillic letters without a Latin twin
    ['7736!!001', FORMAT],
  ])('rejects %j', (input, message) => {
    expect(validateKpp(input)).toEqual({ ok: false, message });
  });

  it('has a schema with the Russian message', () => {
    expect(kppSchema.parse('7701ab001')).toBe('7701AB001');
    expect(kppSchema.safeParse('7736').error?.issues[0]?.message).toBe(LENGTH);
  });
});

describe('КПП properties', () => {
  it('every randomKpp value is valid', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomKpp(toRandom(spec));
        expect(v).toMatch(/^\d{4}[0-9A-Z]{2}\d{3}$/);
        expect(validateKpp(v)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('separators and case never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomKpp(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v.toLowerCase()))),
        ([v, typed]) => {
          expect(validateKpp(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = validateKpp(s);
        if (r.ok) expect(r.value).toMatch(/^\d{4}[0-9A-Z]{2}\d{3}$/);
        else expect(r.message).toMatch(/КПП/);
      }),
    );
  });
});
