import { createPublicKey, verify } from 'node:crypto';

// VAPID (RFC 8292) as a push service checks it: «Authorization: vapid t=<JWT>, k=<key>», where the
// JWT (RFC 7519) is signed with ES256 by the application server's key `k` (a raw uncompressed
// P-256 point, base64url), names the push service's origin as `aud`, expires within 24 hours and
// gives a contact (`sub`, mailto: or https:).

export const VAPID_MAX_LIFETIME_S = 24 * 3600;

export type VapidCheck = { ok: true; key: string; subject: string } | { ok: false; reason: string };

const B64URL = /^[A-Za-z0-9_-]+$/;

/** The `t` and `k` parameters of a «vapid» Authorization header, or null when it is not one. */
export function parseVapidHeader(header: string | undefined): { token: string; key: string } | null {
  if (!header) return null;
  const match = /^vapid\s+(.+)$/i.exec(header.trim());
  if (!match) return null;
  const params = new Map<string, string>();
  for (const part of match[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    params.set(
      part.slice(0, eq).trim().toLowerCase(),
      part
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  const token = params.get('t');
  const key = params.get('k');
  return token && key ? { token, key } : null;
}

function json(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Verifies a VAPID token for a push service at `origin` (scheme://host[:port]). */
export function verifyVapid(token: string, key: string, origin: string, now = Date.now()): VapidCheck {
  if (!B64URL.test(key)) return { ok: false, reason: 'ключ k не в base64url' };
  const point = Buffer.from(key, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04)
    return { ok: false, reason: 'ключ k — не открытый ключ P-256 (65 байт, несжатая точка)' };
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p)))
    return { ok: false, reason: 'токен t — не JWT в компактной форме' };
  const [head, body, signature] = parts as [string, string, string];
  const header = json(head);
  if (!header || header.alg !== 'ES256') return { ok: false, reason: 'токен подписан не ES256' };
  let publicKey;
  try {
    publicKey = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    return { ok: false, reason: 'ключ k — не точка кривой P-256' };
  }
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) return { ok: false, reason: 'подпись токена не сходится с ключом k' };
  const claims = json(body);
  if (!claims) return { ok: false, reason: 'в токене нет утверждений' };
  if (claims.aud !== origin) return { ok: false, reason: `aud токена должен быть ${origin}` };
  const exp = claims.exp;
  const seconds = Math.floor(now / 1000);
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return { ok: false, reason: 'в токене нет exp' };
  if (exp <= seconds) return { ok: false, reason: 'срок действия токена истёк' };
  if (exp > seconds + VAPID_MAX_LIFETIME_S) return { ok: false, reason: 'токен действует дольше 24 часов' };
  const sub = claims.sub;
  if (typeof sub !== 'string' || !(/^mailto:\S+@\S+$/.test(sub) || /^https:\/\/\S+$/.test(sub)))
    return { ok: false, reason: 'sub токена — не адрес mailto: и не https:' };
  return { ok: true, key, subject: sub };
}
