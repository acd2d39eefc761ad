import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer carries (OWASP Secure Headers): no MIME sniffing, no framing (the BullMQ
 * board and the docs cannot be clickjacked), no referrer leaving with a task id in it, and API
 * answers are never cached by a shared cache.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
}
