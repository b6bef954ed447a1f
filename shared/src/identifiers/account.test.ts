import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { anyString, randomSpecs, singleDigitChanges, sprinkledWithSeparators, toRandom } from '../testing';
import {
  accountSchema,
  bankAccountSchema,
  randomAccount,
  validateAccount,
  validateAccountNumber,
} from './account';
import { randomBik } from './bik';

const LENGTH = 'Введите номер расчётного счёта из 20 цифр, например 40703810338000004033';
const LETTERS =
  'Номер счёта состоит только из цифр — уберите буквы и другие знаки, например 40703810338000004033';
const BIK_FIRST = 'Сначала укажите правильный БИК банка — номер счёта проверяется вместе с ним';
const CHECKSUM = 'Номер счёта не сходится с БИК банка — проверьте номер счёта и БИК';

/** The 7-1-3 key, recomputed here independently. */
const keySum = (bik: string, account: string) =>
  [...(bik.slice(-3) + account)].reduce((s, c, i) => s + Number(c) * ([7, 1, 3][i % 3] ?? 0), 0);

describe('validateAccount', () => {
  it.each([
    ['40703810338000004033', '044525225'], // accounts of organisations at ПАО Сбербанк
    ['40703810438040104602', '044525225'],
    ['40703810600000011971', '044525659'],
    ['40702810900000002851', '044030827'],
  ])('accepts the real account %s at БИК %s', (account, bik) => {
    expect(keySum(bik, account) % 10).toBe(0);
    expect(validateAccount(account, bik)).toEqual({ ok: true, value: account });
  });

  it('accepts separators in both fields', () => {
    expect(validateAccount('40703 810 3 3800 0004033', '04 45 25 225')).toEqual({
      ok: true,
      value: '40703810338000004033',
    });
  });

  it.each([
    ['', '044525225', LENGTH],
    ['4070381033800000403', '044525225', LENGTH],
    ['407038103380000040330', '044525225', LENGTH],
    ['4070381033800000403З', '044525225', LETTERS],
    ['40703810338000004033', '', BIK_FIRST],
    ['40703810338000004033', '144525225', BIK_FIRST],
    ['40703810338000004034', '044525225', CHECKSUM],
    ['40703810338000004033', '044525226', CHECKSUM], // right account, wrong bank
    ['40703810338000004303', '044525225', CHECKSUM], // swapped digits
  ])('rejects %j at БИК %j', (account, bik, message) => {
    expect(validateAccount(account, bik)).toEqual({ ok: false, message });
  });

  it('validateAccountNumber checks the format alone', () => {
    expect(validateAccountNumber('40703810338000004034')).toEqual({
      ok: true,
      value: '40703810338000004034',
    });
    expect(validateAccountNumber('407')).toEqual({ ok: false, message: LENGTH });
  });
});

describe('account schemas', () => {
  it('accountSchema validates the format only', () => {
    expect(accountSchema.parse('40703 81033 80000 04033')).toBe('40703810338000004033');
    expect(accountSchema.safeParse('407').error?.issues[0]?.message).toBe(LENGTH);
  });

  it('bankAccountSchema normalizes both fields and reports errors by field', () => {
    expect(bankAccountSchema.parse({ bik: '04 45 25 225', account: '40703-810-3-38000004033' })).toEqual({
      bik: '044525225',
      account: '40703810338000004033',
    });
    const wrongKey = bankAccountSchema.safeParse({ bik: '044525225', account: '40703810338000004034' });
    expect(wrongKey.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['account', CHECKSUM]]);
    const both = bankAccountSchema.safeParse({ bik: '1', account: '2' });
    expect(both.error?.issues.map((i) => i.path.join('.'))).toEqual(['bik', 'account']);
  });

  it('can be described as JSON Schema (OpenAPI)', () => {
    expect(() => z.toJSONSchema(bankAccountSchema)).not.toThrow();
  });
});

describe('account properties', () => {
  it('every randomAccount value is valid with its БИК', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const rand = toRandom(spec);
        const bik = randomBik(rand);
        const account = randomAccount(rand, bik);
        expect(account).toMatch(/^\d{20}$/);
        expect(validateAccount(account, bik)).toEqual({ ok: true, value: account });
      }),
    );
  });

  it('randomAccount refuses an invalid БИК', () => {
    expect(() => randomAccount(() => 0.5, '123')).toThrow(RangeError);
  });

  it('separators never change the result', () => {
    fc.assert(
      fc.property(
        randomSpecs
          .map((spec) => {
            const rand = toRandom(spec);
            const bik = randomBik(rand);
            return [bik, randomAccount(rand, bik)] as const;
          })
          .chain(([bik, account]) =>
            fc.tuple(fc.constant(bik), fc.constant(account), sprinkledWithSeparators(account)),
          ),
        ([bik, account, typed]) => {
          expect(validateAccount(typed, bik)).toEqual({ ok: true, value: account });
        },
      ),
    );
  });

  // Exact guarantee: the weights 7, 1 and 3 are all invertible mod 10, so one changed digit
  // (Δ = 1…9) always changes the sum mod 10 — EVERY single-digit change of the account is caught, and
  // so is every single-digit change in the last three digits of the БИК.
  it('catches every single-digit change of the account and of the БИК’s last three digits', () => {
    fc.assert(
      fc.property(randomSpecs, (spec) => {
        const rand = toRandom(spec);
        const bik = randomBik(rand);
        const account = randomAccount(rand, bik);
        for (const change of singleDigitChanges(account)) {
          expect(validateAccount(change.value, bik)).toEqual({ ok: false, message: CHECKSUM });
        }
        for (const change of singleDigitChanges(bik).filter((c) => c.position >= 6)) {
          expect(validateAccount(account, change.value)).toEqual({ ok: false, message: CHECKSUM });
        }
      }),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, anyString, (account, bik) => {
        const r = validateAccount(account, bik);
        if (r.ok) expect(r.value).toMatch(/^\d{20}$/);
        else expect(r.message).toMatch(/счёт|БИК/);
      }),
    );
  });
});
