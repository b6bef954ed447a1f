// Dates and times as the portal shows them, always in a given IANA time zone (Moscow by default),
// never in the time zone of whatever machine renders the page.
//
// Output is assembled from Intl.DateTimeFormat parts with plain spaces, so it does not depend on how a
// particular ICU version punctuates (e.g. the «г.» year suffix Intl adds in ru-RU is dropped).
// Missing or invalid input renders as «—» instead of throwing in the middle of a page.

export type DateInput = Date | string | number;

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/** Shown for a missing or unparsable date. */
export const NO_DATE = '—';

/** A calendar date without time («1990-05-12», e.g. a birth date): the same day in every time zone. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Instant {
  date: Date;
  timeZone: string;
}

function toInstant(input: DateInput | null | undefined, timeZone: string): Instant | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'string') {
    const m = DATE_ONLY.exec(input.trim());
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
      // Reject dates that Date.UTC would silently roll over («2026-02-30» → 2 March).
      const exists = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
      return exists ? { date, timeZone: 'UTC' } : null;
    }
  }
  const date = input instanceof Date ? input : new Date(input);
  return Number.isNaN(date.getTime()) ? null : { date, timeZone };
}

type PartMap = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(instant: Instant, kind: 'long' | 'short' | 'time'): PartMap {
  const key = `${kind}|${instant.timeZone}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'long'
        ? { day: 'numeric', month: 'long', year: 'numeric' }
        : kind === 'short'
          ? { day: '2-digit', month: '2-digit', year: 'numeric' }
          : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    fmt = new Intl.DateTimeFormat('ru-RU', { ...options, timeZone: instant.timeZone });
    formatters.set(key, fmt);
  }
  const out: PartMap = {};
  for (const p of fmt.formatToParts(instant.date)) if (p.type !== 'literal') out[p.type] = p.value;
  return out;
}

/** «23 ноября 2026» */
export function formatDate(d: DateInput | null | undefined, tz: string = DEFAULT_TIME_ZONE): string {
  const instant = toInstant(d, tz);
  if (!instant) return NO_DATE;
  const p = parts(instant, 'long');
  return `${p.day} ${p.month} ${p.year}`;
}

/** «23.11.2026» */
export function formatDateShort(d: DateInput | null | undefined, tz: string = DEFAULT_TIME_ZONE): string {
  const instant = toInstant(d, tz);
  if (!instant) return NO_DATE;
  const p = parts(instant, 'short');
  return `${p.day}.${p.month}.${p.year}`;
}

/** «14:05» (24-hour clock). A date-only string has no time and shows «00:00». */
export function formatTime(d: DateInput | null | undefined, tz: string = DEFAULT_TIME_ZONE): string {
  const instant = toInstant(d, tz);
  if (!instant) return NO_DATE;
  const p = parts(instant, 'time');
  return `${p.hour}:${p.minute}`;
}

/** «23 ноября 2026, 14:05» */
export function formatDateTime(d: DateInput | null | undefined, tz: string = DEFAULT_TIME_ZONE): string {
  const instant = toInstant(d, tz);
  if (!instant) return NO_DATE;
  return `${formatDate(d, tz)}, ${formatTime(d, tz)}`;
}

const relativeAlways = new Intl.RelativeTimeFormat('ru', { numeric: 'always' });
const relativeAuto = new Intl.RelativeTimeFormat('ru', { numeric: 'auto' });

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30.436875 * DAY; // average Gregorian month
const YEAR = 365.2425 * DAY;

/**
 * «5 минут назад», «через 2 дня», «сейчас» — the distance between `d` and `now` in the largest whole
 * unit (seconds, minutes, hours, days, months, years), rounded towards zero. Always numeric
 * («1 день назад», not «вчера»): a duration, independent of time zone and calendar-day boundaries.
 */
export function formatRelative(d: DateInput | null | undefined, now: DateInput = new Date()): string {
  const instant = toInstant(d, DEFAULT_TIME_ZONE);
  const base = toInstant(now, DEFAULT_TIME_ZONE);
  if (!instant || !base) return NO_DATE;
  const seconds = (instant.date.getTime() - base.date.getTime()) / 1000;
  const abs = Math.abs(seconds);
  const sign = seconds < 0 ? -1 : 1;
  const whole = (unit: number) => sign * Math.floor(abs / unit);
  if (abs < 10) return relativeAuto.format(0, 'second');
  if (abs < MINUTE) return relativeAlways.format(whole(1), 'second');
  if (abs < HOUR) return relativeAlways.format(whole(MINUTE), 'minute');
  if (abs < DAY) return relativeAlways.format(whole(HOUR), 'hour');
  if (abs < MONTH) return relativeAlways.format(whole(DAY), 'day');
  if (abs < YEAR) return relativeAlways.format(whole(MONTH), 'month');
  return relativeAlways.format(whole(YEAR), 'year');
}
