import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateShort, formatDateTime, formatRelative, formatTime } from './date';

// 14:05 in Moscow (UTC+3 all year round).
const MOMENT = new Date('2026-11-23T11:05:00Z');

describe('formatDate / formatDateShort / formatTime / formatDateTime', () => {
  it('format in Moscow time by default', () => {
    expect(formatDate(MOMENT)).toBe('23 ноября 2026');
    expect(formatDateShort(MOMENT)).toBe('23.11.2026');
    expect(formatTime(MOMENT)).toBe('14:05');
    expect(formatDateTime(MOMENT)).toBe('23 ноября 2026, 14:05');
  });

  it('use plain spaces and no «г.» suffix', () => {
    expect(formatDateTime(MOMENT)).toBe('23\u0020ноября\u00202026,\u002014:05');
  });

  it('accept ISO strings and epoch milliseconds', () => {
    expect(formatDateTime('2026-11-23T11:05:00Z')).toBe('23 ноября 2026, 14:05');
    expect(formatDateTime('2026-11-23T14:05:00+03:00')).toBe('23 ноября 2026, 14:05');
    expect(formatDateTime(MOMENT.getTime())).toBe('23 ноября 2026, 14:05');
  });

  it('respect the time zone, also across midnight', () => {
    const lateUtc = new Date('2026-12-31T22:30:00Z');
    expect(formatDateTime(lateUtc)).toBe('1 января 2027, 01:30');
    expect(formatDateTime(lateUtc, 'UTC')).toBe('31 декабря 2026, 22:30');
    expect(formatDateTime(lateUtc, 'Asia/Vladivostok')).toBe('1 января 2027, 08:30');
    expect(formatDateShort(lateUtc, 'Europe/Kaliningrad')).toBe('01.01.2027');
    expect(formatDateShort(lateUtc, 'America/New_York')).toBe('31.12.2026');
  });

  it('show midnight as 00, never 24', () => {
    expect(formatTime(new Date('2026-06-01T21:00:00Z'))).toBe('00:00');
    expect(formatTime(new Date('2026-06-01T21:07:00Z'))).toBe('00:07');
  });

  it('pad the short date and the time', () => {
    expect(formatDateShort(new Date('2026-03-05T09:00:00Z'))).toBe('05.03.2026');
    expect(formatTime(new Date('2026-03-05T06:09:00Z'))).toBe('09:09');
  });

  it('use the genitive month names', () => {
    const months = Array.from({ length: 12 }, (_, m) => formatDate(new Date(Date.UTC(2026, m, 15, 12))));
    expect(months).toEqual([
      '15 января 2026',
      '15 февраля 2026',
      '15 марта 2026',
      '15 апреля 2026',
      '15 мая 2026',
      '15 июня 2026',
      '15 июля 2026',
      '15 августа 2026',
      '15 сентября 2026',
      '15 октября 2026',
      '15 ноября 2026',
      '15 декабря 2026',
    ]);
  });

  it('show a date-only string as that calendar day in every time zone', () => {
    expect(formatDate('1990-05-12')).toBe('12 мая 1990');
    expect(formatDate('1990-05-12', 'America/Los_Angeles')).toBe('12 мая 1990');
    expect(formatDate('1990-05-12', 'Pacific/Kiritimati')).toBe('12 мая 1990');
    expect(formatDateShort('1990-05-12', 'America/Los_Angeles')).toBe('12.05.1990');
    expect(formatDate('2024-02-29')).toBe('29 февраля 2024');
  });

  it('render missing or invalid dates as a dash', () => {
    for (const f of [formatDate, formatDateShort, formatTime, formatDateTime]) {
      expect(f(null)).toBe('—');
      expect(f(undefined)).toBe('—');
      expect(f('вчера')).toBe('—');
      expect(f(new Date(Number.NaN))).toBe('—');
      expect(f('2026-13-45')).toBe('—');
      expect(f('2026-02-30')).toBe('—'); // not silently rolled over to 2 March
    }
  });

  it('always produce the documented shapes, consistent with each other', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2199-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('Europe/Moscow', 'Europe/Kaliningrad', 'Asia/Yekaterinburg', 'Asia/Kamchatka', 'UTC'),
        (d, tz) => {
          const long = formatDate(d, tz);
          const short = formatDateShort(d, tz);
          const time = formatTime(d, tz);
          expect(long).toMatch(/^\d{1,2} [а-я]+ \d{4}$/);
          expect(short).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
          expect(time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          expect(formatDateTime(d, tz)).toBe(`${long}, ${time}`);
          const [day, , year] = long.split(' ');
          expect(short).toBe(`${day?.padStart(2, '0')}.${short.slice(3, 5)}.${year}`);
        },
      ),
    );
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it.each([
    [0, 'сейчас'],
    [-9, 'сейчас'],
    [9, 'сейчас'],
    [-45, '45 секунд назад'],
    [-5 * 60, '5 минут назад'],
    [-(5 * 60 + 59), '5 минут назад'], // whole units, rounded towards zero
    [-60 * 60, '1 час назад'],
    [-21 * 3600, '21 час назад'],
    [-24 * 3600, '1 день назад'], // numeric, not «вчера»
    [2 * 86400, 'через 2 дня'], // not «послезавтра»
    [3 * 86400 + 3600, 'через 3 дня'],
    [-29 * 86400, '29 дней назад'],
    [-31 * 86400, '1 месяц назад'],
    [95 * 86400, 'через 3 месяца'],
    [-366 * 86400, '1 год назад'],
    [5 * 366 * 86400, 'через 5 лет'],
  ])('%i s → %s', (seconds, expected) => {
    expect(formatRelative(at(seconds), now)).toBe(expected);
  });

  it('uses plain spaces', () => {
    expect(formatRelative(at(-300), now)).toBe('5\u0020минут\u0020назад');
  });

  it('accepts strings and numbers, and renders invalid input as a dash', () => {
    expect(formatRelative('2026-11-23T11:55:00Z', now.getTime())).toBe('5 минут назад');
    expect(formatRelative('когда-то', now)).toBe('—');
    expect(formatRelative(now, 'never')).toBe('—');
  });

  it('defaults `now` to the current time', () => {
    expect(formatRelative(new Date())).toBe('сейчас');
  });

  it('is antisymmetric: swapping the instants swaps «назад» and «через»', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 200 * 365 * 86400 }), (seconds) => {
        const past = formatRelative(at(-seconds), now);
        const future = formatRelative(at(seconds), now);
        expect(past).toMatch(/ назад$/);
        expect(future).toMatch(/^через /);
        expect(past.replace(/ назад$/, '')).toBe(future.replace(/^через /, ''));
      }),
    );
  });
});
