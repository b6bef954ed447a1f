// Money is stored and passed around as integer kopecks; it is only turned into rubles for display.

const RUB = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' });

/**
 * «1 234,56 ₽» from 123456 kopecks. Intl's ru-RU output keeps its non-breaking spaces: U+00A0 between
 * digit groups and before «₽», so an amount never wraps across lines. Negative amounts start with «-».
 * Throws a RangeError for anything but a safe integer — a fractional «kopeck» is a bug upstream.
 */
export function formatMoney(kopecks: number): string {
  if (!Number.isSafeInteger(kopecks)) {
    throw new RangeError(`formatMoney expects an integer number of kopecks, got ${String(kopecks)}`);
  }
  const abs = Math.abs(kopecks);
  // An exact decimal string (Intl.NumberFormat v3): no binary floating-point division by 100.
  const decimal = `${kopecks < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return RUB.format(decimal as `${number}`);
}
