import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per app instance, so tests can build many in one process. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    runs: new Counter({
      name: 'agent_runs_total',
      help: 'Agent task attempts by runner and outcome (succeeded, failed, retrying, requeued)',
      labelNames: ['runner', 'outcome'],
      registers,
    }),
    runDuration: new Histogram({
      name: 'agent_run_duration_seconds',
      help: 'Wall time of an agent task attempt, from dequeue to answer',
      labelNames: ['runner', 'outcome'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600],
      registers,
    }),
    tokens: new Counter({
      name: 'agent_tokens_total',
      help: 'Model tokens used by agent runs',
      labelNames: ['runner', 'model', 'direction'],
      registers,
    }),
    cost: new Counter({
      name: 'agent_cost_usd_total',
      help: 'Cost of agent runs in USD, from the configured per-token prices',
      labelNames: ['runner', 'model'],
      registers,
    }),
    queueWait: new Histogram({
      name: 'agent_queue_wait_seconds',
      help: "Time from a task's enqueue by the gateway to the start of its first attempt",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30, 60, 300, 900],
      registers,
    }),
    runningTasks: new Gauge({ name: 'agent_running_tasks', help: 'Agent tasks running in this process', registers }),
    notifications: new Counter({
      name: 'agent_notifications_total',
      help: 'Acknowledgement jobs by outcome (sent, skipped, failed)',
      labelNames: ['provider', 'outcome'],
      registers,
    }),
  };
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
