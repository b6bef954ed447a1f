import { UAParser } from 'ua-parser-js';

export interface DeviceInfo {
  os: string;
  browser: string;
  deviceType: 'компьютер' | 'смартфон' | 'планшет' | 'другое';
}

// Parsing a User-Agent runs dozens of regular expressions; most logins come from a few browsers.
const parsed = new Map<string, DeviceInfo>();
const PARSED_MAX = 2000;

/** OS, browser and device type from a User-Agent, as the login history shows them. */
export function describeDevice(userAgent: string | undefined): DeviceInfo {
  const key = userAgent ?? '';
  const known = parsed.get(key);
  if (known) return known;
  const info = parseDevice(key);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(key, info);
  return info;
}

function parseDevice(userAgent: string): DeviceInfo {
  const ua = new UAParser(userAgent).getResult();
  const os = [ua.os.name, ua.os.version].filter(Boolean).join(' ') || 'неизвестная ОС';
  const browser = [ua.browser.name, ua.browser.major].filter(Boolean).join(' ') || 'неизвестный браузер';
  const type = ua.device.type;
  const deviceType =
    type === 'mobile' ? 'смартфон' : type === 'tablet' ? 'планшет' : !type ? 'компьютер' : 'другое';
  return { os, browser, deviceType };
}

/** The network a login came from: /24 for IPv4, /48 for IPv6 — «a new network» is a new one of these. */
export function networkOf(ip: string | undefined): string {
  if (!ip) return '';
  const v4 = ip.replace(/^::ffff:/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return v4.split('.').slice(0, 3).join('.') + '.0/24';
  return ip.split(':').slice(0, 3).join(':') + '::/48';
}

/** «Chrome, Windows»: the default name of a browser registered to confirm logins (no versions). */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = new UAParser(userAgent ?? '').getResult();
  return [ua.browser.name, ua.os.name].filter(Boolean).join(', ') || 'Браузер';
}
