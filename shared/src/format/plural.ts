// Russian plural forms, chosen by Intl.PluralRules('ru-RU').

/** [one, few, many]: ['заявление', 'заявления', 'заявлений'] — for 1, 2, 5. */
export type PluralForms = readonly [one: string, few: string, many: string];

const rules = new Intl.PluralRules('ru-RU');
const numbers = new Intl.NumberFormat('ru-RU');

/**
 * The form for `n`: 1, 21, 101 → one; 2–4, 22–24 → few; 0, 5–20, 25–30, 111 → many. Fractions take the
 * «few» form, as Russian does: «1,5 заявления».
 */
export function plural(n: number, forms: PluralForms): string {
  switch (rules.select(n)) {
    case 'one':
      return forms[0];
    case 'many':
      return forms[2];
    default:
      return forms[1];
  }
}

/**
 * «5 заявлений», «21 заявление», «1 000 заявлений». The number is formatted by Intl (so thousands are
 * grouped with U+00A0); it is joined to the word with a plain space.
 */
export function pluralize(n: number, forms: PluralForms): string {
  return `${numbers.format(n)} ${plural(n, forms)}`;
}
