import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomPassport, validatePassport } from '../identifiers/passport';
import { randomPhone, validatePhone } from '../identifiers/phone';
import { randomSnils, validateSnils } from '../identifiers/snils';
import { randomUin, validateUin } from '../identifiers/uin';
import { randomCard } from '../identifiers/card';
import { randomSpecs, toRandom } from '../testing';
import { formatPassport, formatPhone, formatSnils, formatUin, maskCard } from './identifiers';

describe('formatPhone', () => {
  it.each([
    ['+79123456789', '+7 912 345-67-89'],
    ['89123456789', '+7 912 345-67-89'],
    ['+7 (912) 345-67-89', '+7 912 345-67-89'],
    ['9123456789', '+7 912 345-67-89'],
    ['+74951234567', '+7 495 123-45-67'],
  ])('%j → %j', (input, expected) => {
    expect(formatPhone(input)).toBe(expected);
  });

  it('leaves anything else as it is', () => {
    expect(formatPhone('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(formatPhone('')).toBe('');
    expect(formatPhone('звоните')).toBe('звоните');
  });
});

describe('formatSnils / formatPassport / formatUin / maskCard', () => {
  it('lay out the digits', () => {
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
    expect(formatSnils('112 233 445 95')).toBe('112-233-445 95');
    expect(formatPassport('4506123456')).toBe('45 06 123456');
    expect(formatUin('18810177200000012341')).toBe('1881 0177 2000 0001 2341');
    expect(formatUin('0322100000000000000000123')).toBe('0322 1000 0000 0000 0000 0012 3');
    expect(maskCard('4111111111111234')).toBe('•••• 1234');
    expect(maskCard('4111 1111 1111 1234')).toBe('•••• 1234');
  });

  it('do not validate check digits — display is not the place to reject data', () => {
    expect(formatSnils('11223344596')).toBe('112-233-445 96');
  });

  it('leave input of another shape unchanged', () => {
    expect(formatSnils('1122334459')).toBe('1122334459');
    expect(formatPassport('45 06')).toBe('45 06');
    expect(formatUin('123')).toBe('123');
    expect(maskCard('12')).toBe('••••');
    expect(maskCard('')).toBe('••••');
  });

  it('are idempotent', () => {
    expect(formatSnils(formatSnils('11223344595'))).toBe('112-233-445 95');
    expect(formatPhone(formatPhone('89123456789'))).toBe('+7 912 345-67-89');
    expect(maskCard(maskCard('4111111111111234'))).toBe('•••• 1234');
  });
});

describe('formatted identifiers validate back to their normalized value', () => {
  it('for random values', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const snils = randomSnils(toRandom(spec));
        expect(formatSnils(snils)).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
        expect(validateSnils(formatSnils(snils))).toEqual({ ok: true, value: snils });
        const phone = randomPhone(toRandom(spec));
        expect(formatPhone(phone)).toMatch(/^\+7 \d{3} \d{3}-\d{2}-\d{2}$/);
        expect(validatePhone(formatPhone(phone))).toEqual({ ok: true, value: phone });
        const passport = randomPassport(toRandom(spec));
        expect(validatePassport(formatPassport(passport))).toEqual({ ok: true, value: passport });
        const uin = randomUin(toRandom(spec));
        expect(formatUin(uin)).toMatch(/^\d{4}( \d{4}){4}( \d{4} \d)?$/);
        expect(validateUin(formatUin(uin))).toEqual({ ok: true, value: uin });
        const card = randomCard(toRandom(spec));
        expect(maskCard(card)).toBe(`•••• ${card.slice(-4)}`);
      }),
    );
  });
});
