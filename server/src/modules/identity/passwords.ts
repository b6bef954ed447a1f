import { createHmac } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id parameters (m = 19 MiB, t = 2, p = 1), decided in PRODUCT.md §1. */
export const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * The password is first keyed with the pepper (HMAC-SHA-256), which lives outside the database,
 * so a stolen users table alone cannot be brute-forced. @node-rs/argon2 hashes on libuv's thread
 * pool: the event loop stays free while a login is verified.
 */
// Base64 text, not raw bytes: @node-rs/argon2's verify() accepts only valid UTF-8 input.
const peppered = (password: string, pepper: string) =>
  createHmac('sha256', pepper).update(password.normalize('NFC')).digest('base64');

export function hashPassword(password: string, pepper: string): Promise<string> {
  return hash(peppered(password, pepper), ARGON2_OPTIONS);
}

export async function verifyPassword(stored: string, password: string, pepper: string): Promise<boolean> {
  try {
    return await verify(stored, peppered(password, pepper));
  } catch {
    return false;
  }
}

let dummy: { pepper: string; hash: Promise<string> } | null = null;
/**
 * A throwaway hash to verify against when there is nothing real to check (a login or a passport
 * that names no account), so that the answer takes as long as for a real one.
 */
export function dummyHash(pepper: string): Promise<string> {
  if (dummy?.pepper !== pepper) dummy = { pepper, hash: hashPassword('kabinet-timing-equaliser', pepper) };
  return dummy.hash;
}
