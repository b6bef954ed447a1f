import { DEFAULT_TIME_ZONE, formatDateTime, NO_DATE, type DateInput } from '@kabinet/shared';

/**
 * «23 ноября 2026, 14:05:09» in the person's time zone: the shared formatDateTime plus the seconds,
 * which are the same in every zone (all current zone offsets are whole minutes).
 */
export function formatDateTimeSeconds(
  d: DateInput | null | undefined,
  tz: string = DEFAULT_TIME_ZONE,
): string {
  const text = formatDateTime(d, tz);
  if (text === NO_DATE || d === null || d === undefined) return text;
  const seconds = new Date(d).getUTCSeconds();
  return Number.isNaN(seconds) ? text : `${text}:${String(seconds).padStart(2, '0')}`;
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

function isIpv4(v: string): boolean {
  return IPV4.test(v);
}

function isIpv6(v: string): boolean {
  if (!v.includes(':') || !/^[0-9a-fA-F:.]+$/.test(v)) return false;
  try {
    // The URL parser implements the full IPv6 grammar (::, embedded IPv4…).
    return new URL(`http://[${v}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

export const IP_MESSAGE = 'Укажите IP-адрес или диапазон, например 203.0.113.7 или 203.0.113.0/24';

/** An IPv4/IPv6 address or a CIDR range («203.0.113.0/24», «2001:db8::/32»), as the server accepts. */
export function isIpOrRange(input: string): boolean {
  const v = input.trim();
  const [addr = '', prefix, extra] = v.split('/');
  if (extra !== undefined) return false;
  const v4 = isIpv4(addr);
  const v6 = !v4 && isIpv6(addr);
  if (!v4 && !v6) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (v4 ? 32 : 128);
}
