import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

// Intl's ru-RU currency format: U+00A0 NO-BREAK SPACE between digit groups and before «₽».
const NBSP = '\u00a0';

describe('formatMoney', () => {
  it.each([
    [123456, `1${NBSP}234,56${NBSP}₽`],
    [0, `0,00${NBSP}₽`],
    [5, `0,05${NBSP}₽`],
    [100, `1,00${NBSP}₽`],
    [99999, `999,99${NBSP}₽`],
    [100000000, `1${NBSP}000${NBSP}000,00${NBSP}₽`],
    [-123456, `-1${NBSP}234,56${NBSP}₽`],
    [-0, `0,00${NBSP}₽`],
    // Exact even at the edge of safe integers (no floating-point division by 100).
    [Number.MAX_SAFE_INTEGER, `90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}₽`],
  ])('%i kopecks → %j', (kopecks, expected) => {
    expect(formatMoney(kopecks)).toBe(expected);
  });

  it('reads as «1 234,56 ₽» once the non-breaking spaces are shown as spaces', () => {
    expect(formatMoney(123456).replace(/\u00a0/g, ' ')).toBe('1 234,56 ₽');
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'refuses %s',
    (value) => {
      expect(() => formatMoney(value)).toThrow(RangeError);
    },
  );

  it('round-trips every safe integer exactly', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().chain((n) => fc.constantFrom(n, -n, n % 1_000_000)),
        (kopecks) => {
          const text = formatMoney(kopecks);
          expect(text).toMatch(/^-?\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0₽$/);
          const digits = text.replace(/[\u00a0₽,]/g, '');
          expect(BigInt(digits)).toBe(BigInt(kopecks === 0 ? 0 : kopecks));
        },
      ),
    );
  });
});
