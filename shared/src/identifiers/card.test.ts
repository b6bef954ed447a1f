import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, singleDigitChanges, sprinkledWithSeparators, toRandom } from '../testing';
import type { CardBrand } from './card';
import { CARD_BRAND_LABELS, cardBrand, cardSchema, luhnCheckDigit, randomCard, validateCard } from './card';

const LENGTH = 'Введите номер карты — от 16 до 19 цифр, например 2200 7001 2345 6781';
const LETTERS =
  'Номер карты состоит только из цифр — уберите буквы и другие знаки, например 2200 7001 2345 6781';
const CHECKSUM = 'Номер карты введён с ошибкой — проверьте цифры';

describe('validateCard', () => {
  it.each([
    ['4111111111111111', 'visa'], // the classic Visa test number
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'], // Mastercard 2-series test number
    ['2200000000000004', 'mir'],
    ['2201382000000013', 'mir'],
    ['4111111111111111110', 'visa'], // 19 digits
  ])('accepts the test card %s (%s)', (pan, brand) => {
    expect(validateCard(pan)).toEqual({ ok: true, value: pan });
    expect(cardBrand(pan)).toBe(brand);
  });

  it('accepts separators', () => {
    expect(validateCard('4111 1111 1111 1111')).toEqual({ ok: true, value: '4111111111111111' });
    expect(validateCard('4111-1111-1111-1111')).toEqual({ ok: true, value: '4111111111111111' });
  });

  it.each([
    ['', LENGTH],
    ['4111 1111 1111 111', LENGTH], // 15 digits
    ['4111 1111 1111 1111 1111', LENGTH], // 20 digits
    ['4111 1111 1111 111l', LETTERS],
    ['карта 4111 1111 1111 1111', LETTERS],
    ['4111 1111 1111 1112', CHECKSUM],
    ['4111 1111 1111 1121', CHECKSUM],
  ])('rejects %j', (input, message) => {
    expect(validateCard(input)).toEqual({ ok: false, message });
  });

  it('has a schema with the Russian message', () => {
    expect(cardSchema.parse('2200 0000 0000 0004')).toBe('2200000000000004');
    expect(cardSchema.safeParse('2200 0000 0000 0005').error?.issues[0]?.message).toBe(CHECKSUM);
  });
});

describe('cardBrand', () => {
  it.each([
    ['2200', 'mir'],
    ['2204 1234', 'mir'],
    ['2205', null],
    ['2220', null],
    ['2221', 'mastercard'],
    ['2720 99', 'mastercard'],
    ['2721', null],
    ['4', 'visa'],
    ['51', 'mastercard'],
    ['55', 'mastercard'],
    ['56', null],
    ['50', null],
    ['5', null], // not decisive yet
    ['22', null],
    ['3782 822463 10005', null], // American Express
    ['', null],
    ['abc', null],
  ])('%j → %s', (pan, brand) => {
    expect(cardBrand(pan)).toBe(brand);
  });

  it('has Russian-facing labels', () => {
    expect(CARD_BRAND_LABELS).toEqual({ mir: 'МИР', visa: 'Visa', mastercard: 'Mastercard' });
  });
});

describe('card properties', () => {
  const brands = fc.constantFrom<CardBrand>('mir', 'visa', 'mastercard');

  it('every randomCard value is valid and of the requested brand', () => {
    fc.assert(
      fc.property(randomSpecs, brands, (spec, brand) => {
        const pan = randomCard(toRandom(spec), brand);
        expect(pan).toMatch(/^\d{16}$/);
        expect(validateCard(pan)).toEqual({ ok: true, value: pan });
        expect(cardBrand(pan)).toBe(brand);
        const any = randomCard(toRandom(spec));
        expect(validateCard(any).ok).toBe(true);
        expect(cardBrand(any)).not.toBeNull();
      }),
    );
  });

  it('luhnCheckDigit completes any body of 15–18 digits to a valid number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{15,18}$/), (body) => {
        expect(validateCard(body + luhnCheckDigit(body)).ok).toBe(true);
      }),
    );
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomCard(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v))),
        ([v, typed]) => {
          expect(validateCard(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  // Exact guarantee: Luhn maps each digit either to itself or to 2d (minus 9), both bijections of 0–9,
  // so EVERY single-digit change alters the sum mod 10 and is caught.
  it('catches every single-digit change', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const pan = randomCard(toRandom(spec));
        for (const change of singleDigitChanges(pan)) {
          expect(validateCard(change.value)).toEqual({ ok: false, message: CHECKSUM });
        }
      }),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = validateCard(s);
        if (r.ok) expect(r.value).toMatch(/^\d{16,19}$/);
        else expect(r.message).toMatch(/карт/);
        const brand = cardBrand(s);
        expect([null, 'mir', 'visa', 'mastercard']).toContain(brand);
      }),
    );
  });
});
