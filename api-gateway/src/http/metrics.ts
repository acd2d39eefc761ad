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
  const webhooksReceived = new Counter({
    name: 'webhooks_received_total',
    help: 'Webhook deliveries by provider and outcome (task_created, duplicate, no_mention, invalid_signature, ...)',
    labelNames: ['provider', 'outcome'],
    registers: [registry],
  });
  const tasksCreated = new Counter({
    name: 'tasks_created_total',
    help: 'Tasks recorded in Postgres by provider and command',
    labelNames: ['provider', 'command'],
    registers: [registry],
  });
  const enqueueFailures = new Counter({
    name: 'queue_enqueue_failures_total',
    help: 'Tasks that could not be pushed to Redis, by where the push was tried (webhook or outbox_relay)',
    labelNames: ['via'],
    registers: [registry],
  });
  const outboxRelayed = new Counter({
    name: 'outbox_relayed_total',
    help: 'Tasks the outbox relay pushed to Redis after the request path could not',
    registers: [registry],
  });
  return { registry, httpDuration, webhooksReceived, tasksCreated, enqueueFailures, outboxRelayed };
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
