import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Fields for the request's one log line (what a webhook delivery became); never a secret. */
    logFields: Record<string, unknown> | null;
  }
}

/**
 * One log line per request, written when the answer has gone out: method, URL, status, time and
 * what the request came to (`describeRequest`). Replaces Fastify's two lines per request (incoming,
 * completed) and the intake's own: at hundreds of deliveries a second, pino's synchronous
 * writes are a real part of the CPU a delivery costs. The line carries the request's
 * `trace_id` and `span_id` (request logger bindings).
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.decorateRequest('logFields', null);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        req: { method: request.method, url: request.url },
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
        ...request.logFields,
      },
      'request completed',
    );
  });
}

/** Adds fields to the request's log line. */
export function describeRequest(request: FastifyRequest, fields: Record<string, unknown>): void {
  request.logFields = { ...request.logFields, ...fields };
}
