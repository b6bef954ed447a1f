import { createHmac, timingSafeEqual } from 'node:crypto';

// Message signatures of the registries' exchange (README.md «Подпись сообщений»): HMAC-SHA256 with
// the shared secret, base64url, in `x-registries-signature: v1=…`, over the timestamp in
// `x-registries-timestamp` (Unix ms), a line break, and for requests the method and path, then the
// body exactly as sent.

export const SIGNATURE_HEADER = 'x-registries-signature';
export const TIMESTAMP_HEADER = 'x-registries-timestamp';
/** Messages older or newer than this are refused (clock skew and replays). */
export const MAX_SKEW_MS = 5 * 60 * 1000;

export const requestSigningInput = (timestamp: string, method: string, path: string, body: string) =>
  `${timestamp}\n${method.toUpperCase()} ${path}\n${body}`;
export const responseSigningInput = (timestamp: string, body: string) => `${timestamp}\n${body}`;

export const sign = (secret: string, input: string) =>
  `v1=${createHmac('sha256', secret).update(input).digest('base64url')}`;

export function signatureValid(
  secret: string,
  input: string,
  signature: string | undefined,
  timestamp: string | undefined,
  now = Date.now(),
) {
  if (!signature || !timestamp || !/^\d{10,16}$/.test(timestamp)) return false;
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return false;
  const expected = Buffer.from(sign(secret, input));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
