import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../platform/config';
import type { Client } from './login';

export const clientOf = (request: FastifyRequest): Client => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 512),
});

/** Per-address limits on every authentication endpoint, on top of the per-account ones. */
export const authRateLimit = (config: Config) => ({ max: config.authRateLimitMax, timeWindow: '1 minute' });

/**
 * Endpoints a page asks every few seconds while it waits (a login waiting for its registered
 * browser, that browser waiting for requests): three times the authentication limit per address.
 */
export const pollRateLimit = (config: Config) => ({
  max: config.authRateLimitMax * 3,
  timeWindow: '1 minute',
});

/** A factor a login in progress may ask next, as every login step answers it. */
export const factorOptionSchema = z.object({
  type: z.enum(['password', 'passkey', 'push', 'sms', 'email', 'totp', 'backup']),
  destination: z.string(),
});

/** The answer of a login step: signed in, or the factors that may come next. */
export const stepResultSchema = z.union([
  z.object({ status: z.literal('signed_in') }),
  z.object({ status: z.literal('more'), factors: z.array(factorOptionSchema) }),
]);
