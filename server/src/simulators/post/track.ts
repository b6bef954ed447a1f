// Russian Post domestic track numbers (ШПИ, штриховой почтовый идентификатор): 14 digits
//   ИИИИИИ ММ NNNNN К
//   ИИИИИИ — the postal index of the office that accepted the item;
//   ММ     — the number of the month the identifier was printed in, 01…96 in a cycle of 96 months
//            (8 years); month 01 is April of 2000, 2008, 2016, 2024… (April 2016 = 01, March 2016 = 96);
//   NNNNN  — the item's number among those the office accepted that month (00001…99999);
//   К      — check digit: 3 × (sum of the digits in odd positions 1, 3 … 13) + (sum of the digits in
//            even positions 2, 4 … 12); К tops that up to a multiple of ten ((10 − s mod 10) mod 10).
// International items use the UPU S10 format (RA123456785RU) instead; this simulator issues only
// domestic numbers.

const MONTH_CYCLE = 96;
/** Month 01 of the cycle: April 2000 (UTC year × 12 + month index). */
const CYCLE_START = 2000 * 12 + 3;

/** The check digit of the first 13 digits. */
export function trackCheckDigit(first13: string): number {
  if (!/^\d{13}$/.test(first13)) throw new Error('13 digits expected');
  let odd = 0;
  let even = 0;
  for (let i = 0; i < 13; i++) {
    const d = first13.charCodeAt(i) - 48;
    if (i % 2 === 0) odd += d;
    else even += d;
  }
  return (10 - ((odd * 3 + even) % 10)) % 10;
}

/** ММ for a moment (Moscow time decides the month, as at the office). */
export function trackMonthCode(at: Date): string {
  const moscow = new Date(at.getTime() + 3 * 60 * 60 * 1000);
  const months = moscow.getUTCFullYear() * 12 + moscow.getUTCMonth() - CYCLE_START;
  const code = (((months % MONTH_CYCLE) + MONTH_CYCLE) % MONTH_CYCLE) + 1;
  return String(code).padStart(2, '0');
}

/** A track number from the accepting office's index, the moment of acceptance and the month's serial. */
export function makeTrackNumber(officeIndex: string, at: Date, serial: number): string {
  if (!/^[1-9]\d{5}$/.test(officeIndex)) throw new Error('office index: 6 digits');
  if (!Number.isInteger(serial) || serial < 1 || serial > 99_999) throw new Error('serial: 1…99999');
  const first13 = officeIndex + trackMonthCode(at) + String(serial).padStart(5, '0');
  return first13 + String(trackCheckDigit(first13));
}

export type TrackCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * Checks a domestic track number as a person types it (spaces and dashes allowed): 14 digits, an
 * index that does not start with 0, a month code 01…96, a serial other than 00000, the check digit.
 */
export function validateTrackNumber(input: string): TrackCheck {
  const s = typeof input === 'string' ? input.replace(/[\s-]/g, '') : '';
  if (!/^\d+$/.test(s) || s.length !== 14)
    return { ok: false, message: 'Трек-номер письма — 14 цифр, например 10100032000010' };
  if (s[0] === '0') return { ok: false, message: 'Трек-номер начинается с индекса отделения — не с 0' };
  const month = Number(s.slice(6, 8));
  if (month < 1 || month > MONTH_CYCLE)
    return { ok: false, message: 'В трек-номере неверный код месяца (7-я и 8-я цифры: от 01 до 96)' };
  if (s.slice(8, 13) === '00000') return { ok: false, message: 'В трек-номере неверный номер отправления' };
  if (trackCheckDigit(s.slice(0, 13)) !== Number(s[13]))
    return { ok: false, message: 'Трек-номер введён с ошибкой: не сходится контрольная цифра' };
  return { ok: true, value: s };
}
