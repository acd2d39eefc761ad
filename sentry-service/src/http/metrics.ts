import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per app instance, so tests can build many apps in one process. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const providerCalls = new Counter({
    name: 'provider_calls_total',
    help: 'Calls to the provider API by operation and outcome (ok, or the HTTP status / timeout / network)',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const providerDuration = new Histogram({
    name: 'provider_call_duration_seconds',
    help: 'Duration of a provider call, retries and their waits included',
    labelNames: ['operation'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const providerRetries = new Counter({
    name: 'provider_retries_total',
    help: 'Provider requests retried, by operation and the status that caused the retry',
    labelNames: ['operation', 'reason'],
    registers: [registry],
  });
  return { registry, httpDuration, providerCalls, providerDuration, providerRetries };
}
export type Metrics = ReturnType<typeof createMetrics>;

export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
