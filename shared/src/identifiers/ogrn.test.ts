import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, singleDigitChanges, sprinkledWithSeparators, toRandom } from '../testing';
import {
  ogrnCheckDigit,
  ogrnSchema,
  ogrnipCheckDigit,
  ogrnipSchema,
  randomOgrn,
  randomOgrnip,
  validateOgrn,
  validateOgrnip,
} from './ogrn';

const OGRN_LENGTH = 'Введите ОГРН из 13 цифр, например 1027700132195';
const OGRN_LETTERS = 'ОГРН состоит только из цифр — уберите буквы и другие знаки, например 1027700132195';
const OGRN_CHECKSUM = 'Неверное контрольное число ОГРН — проверьте цифры';
const OGRNIP_LENGTH = 'Введите ОГРНИП из 15 цифр, например 304500116000157';
const OGRNIP_LETTERS =
  'ОГРНИП состоит только из цифр — уберите буквы и другие знаки, например 304500116000157';
const OGRNIP_CHECKSUM = 'Неверное контрольное число ОГРНИП — проверьте цифры';

/** Exact remainder with BigInt — an independent cross-check of the digit-by-digit arithmetic. */
const bigMod = (digits: string, m: number) => Number(BigInt(digits) % BigInt(m));

describe('validateOgrn', () => {
  it.each([
    '1027700132195', // ПАО Сбербанк
    '1027700229193', // ООО «Яндекс»
    '1027700070518', // ПАО «Газпром»
    '1027739609391', // Банк ВТБ (ПАО)
    '1027700067328', // АО «Альфа-Банк»
    '1037739877295',
  ])('accepts the real ОГРН %s', (ogrn) => {
    expect(validateOgrn(ogrn)).toEqual({ ok: true, value: ogrn });
  });

  it('accepts separators', () => {
    expect(validateOgrn('1 02 77 00 132195')).toEqual({ ok: true, value: '1027700132195' });
    expect(validateOgrn('1-027-700-132-195')).toEqual({ ok: true, value: '1027700132195' });
  });

  it.each([
    ['', OGRN_LENGTH],
    ['102770013219', OGRN_LENGTH],
    ['10277001321955', OGRN_LENGTH],
    ['1027700I32195', OGRN_LETTERS],
    ['ОГРН 1027700132195', OGRN_LETTERS],
    ['1027700132196', OGRN_CHECKSUM],
    ['1027700123195', OGRN_CHECKSUM], // swapped digits
    [
      '2027700132195',
      'ОГРН организации начинается с цифры 1 или 5 — проверьте первую цифру, например 1027700132195',
    ],
    [
      '304500116000157',
      'Это ОГРНИП индивидуального предпринимателя (15 цифр), а нужен ОГРН организации из 13 цифр',
    ],
  ])('rejects %j', (input, message) => {
    expect(validateOgrn(input)).toEqual({ ok: false, message });
  });

  it('works beyond 2^53 exactly', () => {
    for (const body of ['999999999999', '102770013219', '900719925474']) {
      expect(ogrnCheckDigit(body)).toBe(String(bigMod(body, 11) % 10));
    }
    for (const body of ['99999999999999', '30450011600015', '90071992547409']) {
      expect(ogrnipCheckDigit(body)).toBe(String(bigMod(body, 13) % 10));
    }
  });
});

describe('validateOgrnip', () => {
  it('accepts a real ОГРНИП, with separators', () => {
    expect(validateOgrnip('304500116000157')).toEqual({ ok: true, value: '304500116000157' });
    expect(validateOgrnip('304 500 116 000 157')).toEqual({ ok: true, value: '304500116000157' });
  });

  it.each([
    ['', OGRNIP_LENGTH],
    ['30450011600015', OGRNIP_LENGTH],
    ['3045OO116000157', OGRNIP_LETTERS],
    ['304500116000158', OGRNIP_CHECKSUM],
    ['104500116000157', 'ОГРНИП начинается с цифры 3 — проверьте первую цифру, например 304500116000157'],
    [
      '1027700132195',
      'Это ОГРН организации (13 цифр), а нужен ОГРНИП индивидуального предпринимателя из 15 цифр',
    ],
  ])('rejects %j', (input, message) => {
    expect(validateOgrnip(input)).toEqual({ ok: false, message });
  });
});

describe('ОГРН schemas', () => {
  it('normalize and carry the Russian message', () => {
    expect(ogrnSchema.parse('1027700132195')).toBe('1027700132195');
    expect(ogrnipSchema.parse(' 304500116000157 ')).toBe('304500116000157');
    expect(ogrnSchema.safeParse('1027700132196').error?.issues[0]?.message).toBe(OGRN_CHECKSUM);
  });
});

describe('ОГРН / ОГРНИП properties', () => {
  it('every random value is valid', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const ogrn = randomOgrn(toRandom(spec));
        expect(ogrn).toMatch(/^[15]\d{12}$/);
        expect(validateOgrn(ogrn)).toEqual({ ok: true, value: ogrn });
        const ogrnip = randomOgrnip(toRandom(spec));
        expect(ogrnip).toMatch(/^3\d{14}$/);
        expect(validateOgrnip(ogrnip)).toEqual({ ok: true, value: ogrnip });
      }),
    );
  });

  it('check digits agree with BigInt arithmetic', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^\d{14}$/), (b12, b14) => {
        expect(ogrnCheckDigit(b12)).toBe(String(bigMod(b12, 11) % 10));
        expect(ogrnipCheckDigit(b14)).toBe(String(bigMod(b14, 13) % 10));
      }),
    );
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomOgrn(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v))),
        ([v, typed]) => {
          expect(validateOgrn(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  // Exact guarantee. Changing one of the first digits by Δ changes the number by Δ·10^k, and 10^k is
  // invertible mod 11 and mod 13, so the remainder R always changes. The check digit is R mod 10, so a
  // change survives only if R moves between remainders with the same last digit:
  //   ОГРН   (R in 0…10): only 0 ↔ 10 — possible only when the check digit is 0;
  //   ОГРНИП (R in 0…12): 0 ↔ 10, 1 ↔ 11, 2 ↔ 12 — possible only when the check digit is 0, 1 or 2.
  // A change of the check digit itself is always caught. (So it is not «a tenth of all changes»: values
  // with another check digit catch every change; the others let about one change per position through.)
  it('a single changed digit passes only behind a check digit that has a twin remainder', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const ogrn = randomOgrn(toRandom(spec));
        for (const change of singleDigitChanges(ogrn)) {
          if (validateOgrn(change.value).ok) {
            expect(change.position).toBeLessThan(12);
            expect(ogrn[12]).toBe('0');
          }
        }
        const ogrnip = randomOgrnip(toRandom(spec));
        for (const change of singleDigitChanges(ogrnip)) {
          if (validateOgrnip(change.value).ok) {
            expect(change.position).toBeLessThan(14);
            expect(['0', '1', '2']).toContain(ogrnip[14]);
          }
        }
      }),
    );
  });

  it('the blind spots are real', () => {
    // 1096180178280: R = 0 → 0; with the 4th digit 6 → 5, R = 10 → 0 as well.
    expect([bigMod('109618017828', 11), bigMod('109518017828', 11)]).toEqual([0, 10]);
    expect(validateOgrn('1096180178280').ok).toBe(true);
    expect(validateOgrn('1095180178280').ok).toBe(true);
    // 309187513252922: R = 12 → 2; with the 13th digit 9 → 8, R = 2.
    expect([bigMod('30918751325292', 13), bigMod('30918751325282', 13)]).toEqual([12, 2]);
    expect(validateOgrnip('309187513252922').ok).toBe(true);
    expect(validateOgrnip('309187513252822').ok).toBe(true);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const a = validateOgrn(s);
        if (a.ok) expect(a.value).toMatch(/^\d{13}$/);
        else expect(a.message).toMatch(/ОГРН/);
        const b = validateOgrnip(s);
        if (b.ok) expect(b.value).toMatch(/^\d{15}$/);
        else expect(b.message).toMatch(/ОГРН/);
      }),
    );
  });
});
