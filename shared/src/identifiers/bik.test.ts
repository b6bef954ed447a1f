import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, sprinkledWithSeparators, toRandom } from '../testing';
import { bikSchema, randomBik, validateBik } from './bik';

const LENGTH = 'Введите БИК банка из 9 цифр, например 044525225';
const LETTERS = 'БИК состоит только из цифр — уберите буквы и другие знаки, например 044525225';
const PREFIX = 'БИК российского банка начинается с 04 — например 044525225';

// БИК has no check digit: there is no single-digit-change property to test.
describe('validateBik', () => {
  it.each([
    ['044525225', '044525225'], // ПАО Сбербанк
    ['044525593', '044525593'], // АО «Альфа-Банк»
    ['044525974', '044525974'], // АО «ТБанк»
    ['044030827', '044030827'],
    ['04 45 25 225', '044525225'],
  ])('accepts %j', (input, value) => {
    expect(validateBik(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', LENGTH],
    ['04452522', LENGTH],
    ['0445252250', LENGTH],
    ['04452522S', LETTERS],
    ['БИК 044525225', LETTERS],
    ['144525225', PREFIX],
    ['004525988', PREFIX],
  ])('rejects %j', (input, message) => {
    expect(validateBik(input)).toEqual({ ok: false, message });
  });

  it('has a schema with the Russian message', () => {
    expect(bikSchema.parse(' 044525225 ')).toBe('044525225');
    expect(bikSchema.safeParse('144525225').error?.issues[0]?.message).toBe(PREFIX);
  });
});

describe('БИК properties', () => {
  it('every randomBik value is valid', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomBik(toRandom(spec));
        expect(v).toMatch(/^04\d{7}$/);
        expect(validateBik(v)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomBik(toRandom(spec)))
          .chain((v) => fc.tuple(fc.constant(v), sprinkledWithSeparators(v))),
        ([v, typed]) => {
          expect(validateBik(typed)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = validateBik(s);
        if (r.ok) expect(r.value).toMatch(/^04\d{7}$/);
        else expect(r.message).toMatch(/БИК/);
      }),
    );
  });
});
