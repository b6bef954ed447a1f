import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config';
import type { Client } from './login';

export const clientOf = (request: FastifyRequest): Client => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 512),
});

/** Per-address limits on every authentication endpoint, on top of the per-account ones. */
export const authRateLimit = (config: Config) => ({ max: config.authRateLimitMax, timeWindow: '1 minute' });
