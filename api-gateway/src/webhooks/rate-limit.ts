import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../errors.js';

export interface WebhookRateLimit {
  /** Deliveries one source may send per window (`WEBHOOK_RATE_LIMIT_PER_MINUTE`). */
  max: number;
  /** @defaultValue 60_000 */
  windowMs?: number;
}

/**
 * Registers @fastify/rate-limit without a global limit; webhook routes opt in with
 * `webhookRateLimit(source)`. Counters live in this process: each replica enforces the limit on
 * its own share, and no Redis round trip sits on the request path (Redis may be down while
 * webhooks are still accepted into the outbox).
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) => new RateLimitedError(request.routeOptions.url ?? request.url, Math.max(1, Math.ceil(context.ttl / 1000))),
  });
}

/**
 * The per-source limit of one webhook route: one bucket per provider (or custom route slug) and
 * client address, checked on `onRequest`, before the body is read. The check runs before the
 * signature is verified, so the address is part of the key: unsigned requests from elsewhere
 * spend their own bucket, never the real provider's.
 */
export function webhookRateLimit(limit: WebhookRateLimit, source: string | ((request: FastifyRequest) => string)) {
  return {
    max: limit.max,
    timeWindow: limit.windowMs ?? 60_000,
    keyGenerator: (request: FastifyRequest) => `${typeof source === 'string' ? source : source(request)}|${request.ip}`,
  };
}
