import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PluralForms } from './plural';
import { plural, pluralize } from './plural';

const APPLICATIONS: PluralForms = ['заявление', 'заявления', 'заявлений'];

describe('plural', () => {
  it.each([
    [0, 'заявлений'],
    [1, 'заявление'],
    [2, 'заявления'],
    [4, 'заявления'],
    [5, 'заявлений'],
    [11, 'заявлений'],
    [12, 'заявлений'],
    [14, 'заявлений'],
    [21, 'заявление'],
    [22, 'заявления'],
    [25, 'заявлений'],
    [101, 'заявление'],
    [111, 'заявлений'],
    [1000, 'заявлений'],
    [1.5, 'заявления'], // fractions take the «few» form
    [-1, 'заявление'],
  ])('%d → %s', (n, form) => {
    expect(plural(n, APPLICATIONS)).toBe(form);
  });

  it('agrees with the textbook rule for all non-negative integers', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        const d10 = n % 10;
        const d100 = n % 100;
        const expected =
          d10 === 1 && d100 !== 11 ? 0 : d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14) ? 1 : 2;
        expect(plural(n, APPLICATIONS)).toBe(APPLICATIONS[expected]);
      }),
    );
  });
});

describe('pluralize', () => {
  it('joins the number and the word with a plain space', () => {
    expect(pluralize(5, APPLICATIONS)).toBe('5 заявлений');
    expect(pluralize(21, APPLICATIONS)).toBe('21 заявление');
    expect(pluralize(3, ['услуга', 'услуги', 'услуг'])).toBe('3 услуги');
  });

  it('groups thousands with U+00A0, as Intl does', () => {
    expect(pluralize(1000, APPLICATIONS)).toBe('1\u00a0000 заявлений');
    expect(pluralize(100001, APPLICATIONS)).toBe('100\u00a0001 заявление');
  });

  it('writes fractions with a comma', () => {
    expect(pluralize(1.5, ['час', 'часа', 'часов'])).toBe('1,5 часа');
  });
});
