import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyString, randomSpecs, sprinkledWithSeparators, toRandom } from '../testing';
import { phoneDigits, phoneSchema, randomPhone, validatePhone } from './phone';

const LENGTH = 'Введите номер телефона из 11 цифр, например +7 912 345-67-89';
const LETTERS =
  'В номере телефона могут быть только цифры, пробелы, скобки, дефисы и «+» в начале — например +7 912 345-67-89';
const COUNTRY = 'Укажите российский номер: он начинается с +7 или 8, например +7 912 345-67-89';
const AREA = 'Код российского номера после +7 начинается с 3, 4, 8 или 9 — например +7 912 345-67-89';

// A phone number has no check digit: there is no single-digit-change property to test.
describe('validatePhone', () => {
  it.each([
    ['+7 (912) 345-67-89', '+79123456789'],
    ['+79123456789', '+79123456789'],
    ['8 912 345 67 89', '+79123456789'],
    ['89123456789', '+79123456789'],
    ['79123456789', '+79123456789'],
    ['912 345-67-89', '+79123456789'], // the 10-digit national number
    ['8 (495) 123-45-67', '+74951234567'], // Moscow landline
    ['8 800 555-35-35', '+78005553535'], // free-phone
    ['+7 (3812) 12-34-56', '+73812123456'], // Omsk
    [' +7\u00a0912\u00a0345‑67‑89 ', '+79123456789'], // NBSP and non-breaking hyphens from copy-paste
  ])('accepts %j as %s', (input, value) => {
    expect(validatePhone(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', LENGTH],
    ['+7 912 345-67-8', LENGTH],
    ['+7 912 345-67-890', LENGTH],
    ['8 912 345 67', LENGTH],
    ['+7 912 ЗЧ5-67-89', LETTERS],
    ['8 912 345 67 89 доб. 12', LETTERS],
    ['7+9123456789', LETTERS],
    ['+44 20 7946 0958', COUNTRY],
    ['+380 44 123 45 67', COUNTRY],
    ['59123456789', COUNTRY],
    ['+7 701 123 45 67', AREA], // Kazakhstan
    ['8 (012) 345-67-89', AREA],
  ])('rejects %j', (input, message) => {
    expect(validatePhone(input)).toEqual({ ok: false, message });
  });

  it('has a schema with the Russian message', () => {
    expect(phoneSchema.parse('8 (912) 345-67-89')).toBe('+79123456789');
    expect(phoneSchema.safeParse('+44 20 7946 0958').error?.issues[0]?.message).toBe(COUNTRY);
  });

  it('phoneDigits parses the forms without the area-code rule', () => {
    expect(phoneDigits('+7 701 123 45 67')).toBe('77011234567');
    expect(phoneDigits('+44 20 7946 0958')).toBeNull();
  });
});

describe('phone properties', () => {
  it('every randomPhone value is valid and normalized', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const v = randomPhone(toRandom(spec));
        expect(v).toMatch(/^\+79\d{9}$/);
        expect(validatePhone(v)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('+7, 7, 8 and 10-digit forms with any separators normalize to the same value', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => randomPhone(toRandom(spec)))
          .chain((v) =>
            fc.tuple(
              fc.constant(v),
              fc.constantFrom('+7', '7', '8', ''),
              sprinkledWithSeparators(v.slice(2)),
            ),
          ),
        ([v, prefix, national]) => {
          expect(validatePhone(prefix + national)).toEqual({ ok: true, value: v });
        },
      ),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = validatePhone(s);
        if (r.ok) expect(r.value).toMatch(/^\+7[3489]\d{9}$/);
        else expect(r.message).toMatch(/номер/);
      }),
    );
  });
});
