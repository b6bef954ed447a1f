import { describe, expect, it } from 'vitest';
import { lockDuration } from './policy';
import { maskDestination, parseLogin } from './login-id';
import { describeDevice, networkOf } from './device';

describe('lock durations', () => {
  it('start at 15 minutes, double, and stop at 4 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => lockDuration(n) / 60_000)).toEqual([
      15, 30, 60, 120, 240, 240, 240,
    ]);
  });
});

describe('parseLogin', () => {
  it('reads phones in every usual form', () => {
    for (const input of ['+7 900 100-00-01', '89001000001', '8 (900) 100 00 01', '+79001000001']) {
      expect(parseLogin(input)[0]).toEqual({ kind: 'phone', value: '+79001000001' });
    }
  });
  it('reads e-mail case-insensitively', () => {
    expect(parseLogin('  Ivanov@Demo.Kabinet.RU ')).toEqual([
      { kind: 'email', value: 'ivanov@demo.kabinet.ru' },
    ]);
  });
  it('reads a formatted СНИЛС as СНИЛС only, and bare digits as both readings when valid', () => {
    expect(parseLogin('112-233-445 95')).toEqual([{ kind: 'snils', value: '11223344595' }]);
    const bare = parseLogin('11223344595');
    expect(bare.map((l) => l.kind)).toContain('snils');
  });
  it('refuses what is none of them', () => {
    expect(parseLogin('ivanov')).toEqual([]);
    expect(parseLogin('12345')).toEqual([]);
    expect(parseLogin('a@b')).toEqual([]);
  });
});

describe('maskDestination', () => {
  it('shows enough to recognise a contact but not to learn it', () => {
    expect(maskDestination('sms', '+79001000001')).toBe('+7 900 ***-**-01');
    expect(maskDestination('email', 'ivanov@demo.kabinet.ru')).toBe('i***@demo.kabinet.ru');
  });
});

describe('devices and networks', () => {
  it('describes common browsers in Russian terms', () => {
    const desktop = describeDevice(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    );
    expect(desktop).toEqual({ os: 'Linux', browser: 'Chrome 156', deviceType: 'компьютер' });
    const phone = describeDevice(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    );
    expect(phone.deviceType).toBe('смартфон');
    expect(describeDevice(undefined).browser).toBe('неизвестный браузер');
  });
  it('groups addresses into networks', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1:2::5')).toBe('2001:db8:1::/48');
  });
});
