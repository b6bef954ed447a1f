import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, singleDigitChanges, sprinkledWithSeparators, toRandom } from '../testing';
import {
  innLegalCheckDigit,
  innLegalSchema,
  innPersonCheckDigits,
  innPersonSchema,
  innSchema,
  randomInn,
  randomInnLegal,
  randomInnPerson,
  validateInn,
  validateInnLegal,
  validateInnPerson,
} from './inn';

const ANY_LENGTH =
  'Введите ИНН: 10 цифр для организации или 12 цифр для физического лица, например 7707083893';
const ANY_LETTERS = 'ИНН состоит только из цифр — уберите буквы и другие знаки, например 7707083893';
const PERSON_LENGTH = 'Введите ИНН физического лица из 12 цифр, например 500100732259';
const LEGAL_LENGTH = 'Введите ИНН организации из 10 цифр, например 7707083893';
const CHECKSUM = 'Неверное контрольное число ИНН — проверьте цифры';

// Real ИНН of well-known organisations (public register data).
const REAL_LEGAL = [
  '7707083893', // ПАО Сбербанк
  '7736207543', // ООО «Яндекс»
  '7736050003', // ПАО «Газпром»
  '7702070139', // Банк ВТБ (ПАО)
  '7728168971', // АО «Альфа-Банк»
  '7710140679', // АО «ТБанк»
  '7704217370', // ООО «Интернет Решения» (Ozon)
];

describe('validateInn', () => {
  it.each(REAL_LEGAL)('accepts the real organisation ИНН %s', (inn) => {
    expect(validateInn(inn)).toEqual({ ok: true, value: inn });
    expect(validateInnLegal(inn)).toEqual({ ok: true, value: inn });
  });

  it('accepts a 12-digit ИНН of a person, with separators', () => {
    expect(validateInn('5001 007322 59')).toEqual({ ok: true, value: '500100732259' });
    expect(validateInnPerson('500-100-732-259')).toEqual({ ok: true, value: '500100732259' });
  });

  it.each([
    ['', ANY_LENGTH],
    ['770708389', ANY_LENGTH],
    ['77070838931', ANY_LENGTH],
    ['7707O83893', ANY_LETTERS],
    ['ИНН 7707083893', ANY_LETTERS],
    ['7707083894', CHECKSUM],
    ['7707083839', CHECKSUM], // last two digits swapped
    ['500100732258', CHECKSUM],
    ['500100732269', CHECKSUM], // the 11th digit is wrong, the 12th was computed for the right one
  ])('rejects %j', (input, message) => {
    expect(validateInn(input)).toEqual({ ok: false, message });
  });

  it('explains when the other kind of ИНН was entered', () => {
    expect(validateInnPerson('7707083893')).toEqual({
      ok: false,
      message: 'Это ИНН организации (10 цифр), а нужен ИНН физического лица из 12 цифр',
    });
    expect(validateInnLegal('500100732259')).toEqual({
      ok: false,
      message: 'Это ИНН физического лица или ИП (12 цифр), а нужен ИНН организации из 10 цифр',
    });
    expect(validateInnPerson('50010073225')).toEqual({ ok: false, message: PERSON_LENGTH });
    expect(validateInnLegal('77070838')).toEqual({ ok: false, message: LEGAL_LENGTH });
  });

  it('computes check digits with the ФНС weights', () => {
    // 7·2 + 7·4 + 0·10 + 7·3 + 0·5 + 8·9 + 3·4 + 8·6 + 9·8 = 267; 267 mod 11 = 3
    expect(innLegalCheckDigit('770708389')).toBe('3');
    expect(innPersonCheckDigits('5001007322')).toBe('59');
  });
});

describe('ИНН schemas', () => {
  it('normalize and carry the Russian message', () => {
    expect(innSchema.parse(' 7707 083 893 ')).toBe('7707083893');
    expect(innPersonSchema.parse('500100732259')).toBe('500100732259');
    expect(innLegalSchema.safeParse('7707083894').error?.issues[0]?.message).toBe(CHECKSUM);
    expect(innPersonSchema.safeParse(null).error?.issues[0]?.message).toBe(PERSON_LENGTH);
  });
});

describe('ИНН properties', () => {
  it('every random ИНН is valid for its kind', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const person = randomInnPerson(toRandom(spec));
        expect(person).toMatch(/^\d{12}$/);
        expect(validateInnPerson(person)).toEqual({ ok: true, value: person });
        const legal = randomInnLegal(toRandom(spec));
        expect(legal).toMatch(/^\d{10}$/);
        expect(validateInnLegal(legal)).toEqual({ ok: true, value: legal });
        const any = randomInn(toRandom(spec));
        expect(validateInn(any)).toEqual({ ok: true, value: any });
      }),
    );
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomInn(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v))),
        ([v, typed]) => {
          expect(validateInn(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  // Exact guarantee. A check digit is (S mod 11) mod 10. Every weight is coprime with 11 and |Δ| ≤ 9, so
  // changing one covered digit always changes S mod 11; the check digit still matches only if the
  // remainder moved between 0 and 10 — both give check digit 0. Hence:
  //   · a change of a check digit itself is always caught;
  //   · 10 digits: a change of digits 1–9 can pass only if the check digit is 0;
  //   · 12 digits: digits 1–10 are covered by both checks — a change can pass only if BOTH check digits are 0;
  //     digit 11 is data for the 12th digit but is itself a check digit, so it is always caught.
  it('a single changed digit passes only when the check digit(s) it hides behind are 0', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const legal = randomInnLegal(toRandom(spec));
        for (const change of singleDigitChanges(legal)) {
          if (validateInn(change.value).ok) {
            expect(change.position).toBeLessThan(9);
            expect(legal[9]).toBe('0');
          }
        }
        const person = randomInnPerson(toRandom(spec));
        for (const change of singleDigitChanges(person)) {
          if (validateInn(change.value).ok) {
            expect(change.position).toBeLessThan(10);
            expect(person.slice(10)).toBe('00');
          }
        }
      }),
    );
  });

  it('with a non-zero check digit every single-digit change is caught', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const legal = randomInnLegal(toRandom(spec));
        fc.pre(legal[9] !== '0');
        expect(singleDigitChanges(legal).filter((c) => validateInn(c.value).ok)).toEqual([]);
      }),
    );
  });

  it('the 0 ↔ 10 blind spot is real: Ozon’s ИНН has check digit 0', () => {
    // 7704217370: S = 175 ≡ 10 (mod 11) → 0. 7704217330: S = 143 ≡ 0 (mod 11) → 0 as well.
    expect(validateInn('7704217370').ok).toBe(true);
    expect(validateInn('7704217330').ok).toBe(true);
    expect(singleDigitChanges('7704217370').filter((c) => validateInn(c.value).ok)).toHaveLength(6);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        for (const validate of [validateInn, validateInnPerson, validateInnLegal]) {
          const r = validate(s);
          if (r.ok) expect(r.value).toMatch(/^\d{10}(\d{2})?$/);
          else expect(r.message).toMatch(/ИНН/);
        }
      }),
    );
  });
});
