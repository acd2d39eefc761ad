import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { UnauthorizedError } from '../errors.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every `/api/*` route requires `Authorization: Bearer $SERVICE_TOKEN`. The check uses the route
 * the router matched, not the raw URL: `/%61pi/...` and absolute-form targets
 * (`GET http://host/api/...`) reach the same `/api` handlers without starting with `/api/`.
 */
export function requireServiceToken(app: FastifyInstance, serviceToken: string): void {
  app.addHook('onRequest', async (request) => {
    if (!(request.routeOptions.url ?? request.url).startsWith('/api/')) return;
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!token || !sameSecret(token, serviceToken)) throw new UnauthorizedError();
  });
}
