import { formatPassport, formatSnils } from '@kabinet/shared';

// Input masks for Russian identifiers and dates: the field shows the familiar layout while the
// person types («45 05 123456», «112-233-445 95», «12.04.1985»), whatever separators they use.
// Validation stays with the @kabinet/shared validators and the server.

const digits = (v: string, max: number) => v.replace(/\D/g, '').slice(0, max);

/** «4505123456» → «45 05 123456», growing as digits come. */
export function maskPassport(v: string): string {
  const d = digits(v, 10);
  if (d.length === 10) return formatPassport(d);
  return [d.slice(0, 2), d.slice(2, 4), d.slice(4)].filter(Boolean).join(' ');
}

/** «11223344595» → «112-233-445 95». */
export function maskSnils(v: string): string {
  const d = digits(v, 11);
  if (d.length === 11) return formatSnils(d);
  return (
    [d.slice(0, 3), d.slice(3, 6), d.slice(6, 9)].filter(Boolean).join('-') +
    (d.length > 9 ? ` ${d.slice(9)}` : '')
  );
}

/** «770001» → «770-001». */
export function maskIssuerCode(v: string): string {
  const d = digits(v, 6);
  return d.length > 3 ? `${d.slice(0, 3)}-${d.slice(3)}` : d;
}

/** Twelve digits of a person's ИНН. */
export const maskInn = (v: string) => digits(v, 12);

/** «12041985» → «12.04.1985» (ДД.ММ.ГГГГ, as Russian forms write dates). */
export function maskDate(v: string): string {
  const d = digits(v, 8);
  return [d.slice(0, 2), d.slice(2, 4), d.slice(4)].filter(Boolean).join('.');
}

/** «12.04.1985» → «1985-04-12»; null when it is not a real calendar date. */
export function dateToIso(v: string): string | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(v.trim());
  if (!m) return null;
  const [, dd, mm, yyyy] = m;
  const t = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  if (
    t.getUTCFullYear() !== Number(yyyy) ||
    t.getUTCMonth() !== Number(mm) - 1 ||
    t.getUTCDate() !== Number(dd)
  )
    return null;
  return `${yyyy}-${mm}-${dd}`;
}

/** «1985-04-12» → «12.04.1985». */
export function isoToDate(v: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v ?? '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}
