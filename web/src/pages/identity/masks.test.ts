import { describe, expect, it } from 'vitest';
import { dateToIso, isoToDate, maskDate, maskIssuerCode, maskPassport, maskSnils } from './masks';

describe('input masks of the standard-level form', () => {
  it('lays out identifiers as they are typed, whatever the separators', () => {
    expect(maskPassport('45')).toBe('45');
    expect(maskPassport('450512')).toBe('45 05 12');
    expect(maskPassport('45-05 №123456')).toBe('45 05 123456');
    expect(maskPassport('4505123456789')).toBe('45 05 123456');
    expect(maskSnils('11223')).toBe('112-23');
    expect(maskSnils('1122334459')).toBe('112-233-445 9');
    expect(maskSnils('112 233 445 95')).toBe('112-233-445 95');
    expect(maskIssuerCode('770001')).toBe('770-001');
    expect(maskIssuerCode('77')).toBe('77');
    expect(maskDate('1204')).toBe('12.04');
    expect(maskDate('12/04/1985')).toBe('12.04.1985');
  });

  it('reads only real calendar dates in ДД.ММ.ГГГГ', () => {
    expect(dateToIso('12.04.1985')).toBe('1985-04-12');
    expect(dateToIso('29.02.2024')).toBe('2024-02-29');
    expect(dateToIso('29.02.2023')).toBeNull();
    expect(dateToIso('31.04.2020')).toBeNull();
    expect(dateToIso('1985-04-12')).toBeNull();
    expect(dateToIso('12.4.1985')).toBeNull();
    expect(isoToDate('1985-04-12')).toBe('12.04.1985');
    expect(isoToDate(null)).toBe('');
  });
});
