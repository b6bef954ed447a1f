import { createHash } from 'node:crypto';

/**
 * The canonical serialisation of an audit entry — what its hash covers. Version 1:
 *
 *   hash = lowercase hex of SHA-256 over the UTF-8 bytes of
 *          canonicalJson([
 *            "kabinet.audit.v1",
 *            id,                      // JSON number: the entry's position in the chain, from 1
 *            occurredAt,              // ISO 8601 in UTC with milliseconds: "2026-11-05T09:03:07.120Z"
 *            actorUserId,             // lowercase hyphenated UUID or null
 *            actorRole,               // string or null
 *            subjectUserId,           // lowercase hyphenated UUID or null
 *            action,                  // string
 *            objectType,              // string or null
 *            objectId,                // string or null
 *            ip,                      // string or null (as given, stored as text)
 *            userAgent,               // string (at most 512 UTF-16 units) or null
 *            reason,                  // string or null
 *            details,                 // JSON object
 *            prevHash                 // 64 lowercase hex digits; 64 zeros for the genesis entry
 *          ])
 *
 * canonicalJson is RFC 8785 (JCS) for the values JSON can hold: no whitespace; object members
 * sorted by their keys compared as UTF-16 code units; strings escaped as ECMAScript
 * JSON.stringify does; numbers in ECMAScript's shortest round-trip form (-0 is written 0). A JSON
 * array is used for the fields, rather than a joined string, so that field boundaries and null
 * versus "" can never be confused.
 *
 * Values are normalised before they are hashed and stored (normaliseText, normaliseDetails), so
 * that what PostgreSQL stores and gives back hashes to the same bytes: NUL characters (which text
 * and jsonb refuse) and unpaired surrogates become U+FFFD; details go through JSON (toJSON,
 * undefined members dropped, NaN and ±Infinity become null). jsonb reorders keys and drops
 * nothing else, and sorting keys here makes its order irrelevant.
 */
export const AUDIT_FORMAT = 'kabinet.audit.v1';
export const GENESIS_HASH = '0'.repeat(64);
export const USER_AGENT_MAX = 512;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The fields an entry's hash covers, already normalised. */
export interface HashedAuditFields {
  id: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  subjectUserId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: a number must be finite');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${typeof value} is not a JSON value`);
  }
}

/** NUL and unpaired surrogates (which PostgreSQL cannot store) become U+FFFD. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function normaliseText(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}

function sanitise(value: unknown): Json {
  if (typeof value === 'string') return normaliseText(value);
  if (Array.isArray(value)) return value.map(sanitise);
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[normaliseText(k)] = sanitise(v);
    return out;
  }
  return value as Json;
}

/** Details as JSON will store them: a plain object, passed through JSON and normalised. */
export function normaliseDetails(details: unknown): Record<string, Json> {
  if (details === undefined || details === null) return {};
  const viaJson: unknown = JSON.parse(JSON.stringify(details));
  if (!viaJson || typeof viaJson !== 'object' || Array.isArray(viaJson)) {
    throw new TypeError('audit details must be a JSON object');
  }
  return sanitise(viaJson) as Record<string, Json>;
}

/** The exact string whose SHA-256 is the entry's hash. */
export function auditHashInput(e: HashedAuditFields): string {
  if (!Number.isSafeInteger(e.id) || e.id < 1) throw new TypeError('audit id must be a positive integer');
  return canonicalJson([
    AUDIT_FORMAT,
    e.id,
    e.occurredAt.toISOString(),
    e.actorUserId,
    e.actorRole,
    e.subjectUserId,
    e.action,
    e.objectType,
    e.objectId,
    e.ip,
    e.userAgent,
    e.reason,
    e.details,
    e.prevHash,
  ]);
}

export function computeAuditHash(e: HashedAuditFields): string {
  return createHash('sha256').update(auditHashInput(e), 'utf8').digest('hex');
}
