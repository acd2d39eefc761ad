import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer carries (OWASP Secure Headers): no MIME sniffing, no framing (the BullMQ
 * board and the docs cannot be clickjacked), no referrer leaving with a task id in it, and API
 * answers are never cached by a shared cache. Answers that are not HTML (JSON, CSV, SSE) get a
 * Content-Security-Policy that allows nothing; the HTML pages (Swagger UI, the BullMQ board,
 * whose bundles carry inline bootstrap code) get a policy that forbids framing and foreign form
 * targets without restricting their scripts.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy')) {
      const type = String(reply.getHeader('content-type') ?? '');
      void reply.header(
        'content-security-policy',
        type.startsWith('text/html')
          ? "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
          : "default-src 'none'; frame-ancestors 'none'",
      );
    }
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
}
