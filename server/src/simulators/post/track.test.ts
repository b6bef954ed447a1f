import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeTrackNumber, trackCheckDigit, trackMonthCode, validateTrackNumber } from './track';
import { ARRIVED_AFTER_DAYS, STORAGE_DAYS, collectable, trackingEvents } from './tracking';

describe('Russian Post domestic track numbers', () => {
  it('computes the check digit: 3 × odd positions + even positions, topped up to ten', () => {
    // odd 6+3+0+3+1+3+5 = 21 → 63; even 0+0+0+2+2+4 = 8 → 71 → 9
    expect(trackCheckDigit('6030003212345')).toBe(9);
    // odd 1+1+0+3+0+0+1 = 6 → 18; even 0+0+0+2+0+0 = 2 → 20 → 0
    expect(trackCheckDigit('1010003200001')).toBe(0);
    expect(() => trackCheckDigit('123')).toThrow();
  });

  it('numbers months in a 96-month cycle from April 2000 (April 2016 = 01, March 2016 = 96)', () => {
    expect(trackMonthCode(new Date('2000-04-15T12:00:00Z'))).toBe('01');
    expect(trackMonthCode(new Date('2016-03-15T12:00:00Z'))).toBe('96');
    expect(trackMonthCode(new Date('2016-04-15T12:00:00Z'))).toBe('01');
    expect(trackMonthCode(new Date('2017-03-15T12:00:00Z'))).toBe('12');
    expect(trackMonthCode(new Date('2026-11-15T12:00:00Z'))).toBe('32');
    // The month changes at midnight in Moscow, not in UTC.
    expect(trackMonthCode(new Date('2026-11-30T21:30:00Z'))).toBe('33');
  });

  it('builds index + month + serial + check digit', () => {
    const n = makeTrackNumber('603000', new Date('2026-11-10T12:00:00Z'), 12345);
    expect(n).toBe('60300032123459');
    expect(validateTrackNumber(n)).toEqual({ ok: true, value: n });
    expect(validateTrackNumber('603000 32 12345 9')).toEqual({ ok: true, value: n });
    expect(() => makeTrackNumber('012345', new Date(), 1)).toThrow();
    expect(() => makeTrackNumber('101000', new Date(), 100_000)).toThrow();
  });

  it('refuses malformed numbers with a Russian reason', () => {
    expect(validateTrackNumber('6030003212345')).toMatchObject({ ok: false, message: /14 цифр/ });
    expect(validateTrackNumber('RA123456785RU')).toMatchObject({ ok: false, message: /14 цифр/ });
    expect(validateTrackNumber('06030003212345')).toMatchObject({ ok: false, message: /не с 0/ });
    expect(validateTrackNumber('60300097123451')).toMatchObject({ ok: false, message: /код месяца/ });
    expect(validateTrackNumber('60300032000009')).toMatchObject({ ok: false, message: /номер отправления/ });
    expect(validateTrackNumber('60300032123458')).toMatchObject({ ok: false, message: /контрольная цифра/ });
  });

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 699_999 }),
        fc.date({ min: new Date('2001-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (index, at, serial, pos, delta) => {
          const n = makeTrackNumber(String(index), at, serial);
          expect(validateTrackNumber(n).ok).toBe(true);
          const d = (Number(n[pos]) + delta) % 10;
          const typo = n.slice(0, pos) + d + n.slice(pos + 1);
          expect(validateTrackNumber(typo).ok).toBe(false);
        },
      ),
    );
  });
});

describe('tracking by simulated days', () => {
  const letter = {
    acceptedAt: new Date('2026-11-01T10:00:00Z'),
    stepMs: 1000,
    collectedAt: null as Date | null,
    senderIndex: '101000',
    recipientAddress: {
      index: '630099',
      region: null,
      city: 'Новосибирск',
      street: 'Ленина',
      house: '1',
      flat: null,
    },
  };
  const at = (ms: number) => new Date(letter.acceptedAt.getTime() + ms);

  it('moves accepted → in transit → arrived, then back after 30 days unclaimed', () => {
    expect(trackingEvents(letter, at(0)).map((e) => e.status)).toEqual(['accepted']);
    expect(trackingEvents(letter, at(1000)).map((e) => e.status)).toEqual(['accepted', 'in_transit']);
    const arrived = ARRIVED_AFTER_DAYS * 1000;
    expect(trackingEvents(letter, at(arrived)).map((e) => e.status)).toEqual([
      'accepted',
      'in_transit',
      'arrived',
    ]);
    expect(collectable(letter, at(arrived - 1))).toBe(false);
    expect(collectable(letter, at(arrived))).toBe(true);
    const back = arrived + STORAGE_DAYS * 1000;
    expect(collectable(letter, at(back))).toBe(false);
    expect(trackingEvents(letter, at(back)).at(-1)).toMatchObject({
      status: 'returned',
      place: '630099, Новосибирск',
    });
  });

  it('is handed to the recipient when collected in time', () => {
    const collected = { ...letter, collectedAt: at(5000) };
    expect(trackingEvents(collected, at(4000)).at(-1)!.status).toBe('arrived');
    expect(trackingEvents(collected, at(100_000)).at(-1)).toMatchObject({ status: 'delivered' });
  });
});
