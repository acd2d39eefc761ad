import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer of this public-facing service (helmet's defaults: a
 * restrictive Content-Security-Policy with frame-ancestors 'self', nosniff, Referrer-Policy,
 * HSTS, no X-Powered-By). Swagger UI at /docs loads only same-origin scripts, so the default
 * policy fits it too.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, { global: true });
}
