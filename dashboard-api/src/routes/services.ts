import type { Queue } from 'bullmq';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AgentStatusReader, WorkerStatusSchema } from '../services/agent-status.js';
import { type ComponentTarget, type FetchLike, checkComponent } from '../services/component-health.js';
import { JOB_STATES, queueDepths } from '../services/queue-depths.js';
import { commonErrors } from './schemas.js';

export interface ServiceRoutesDeps {
  components: readonly ComponentTarget[];
  queues: readonly Queue[];
  agentStatus: AgentStatusReader;
  /** How long one component's /health (or Redis) may take before it counts as unreachable. */
  timeoutMs: number;
  fetch?: FetchLike;
}

const ComponentHealthSchema = z
  .object({
    name: z.string(),
    url: z.string(),
    status: z.enum(['ok', 'degraded', 'down', 'unreachable']),
    http_status: z.number().int().nullable(),
    checks: z.record(z.string(), z.string()).describe('Each dependency check the component reported'),
    latency_ms: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'ComponentHealth' });

const QueueDepthSchema = z
  .object({
    name: z.string(),
    counts: z.object(Object.fromEntries(JOB_STATES.map((state) => [state, z.number().int()]))).nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'QueueDepth' });

const ServicesSchema = z
  .object({
    checked_at: z.iso.datetime(),
    components: z.array(ComponentHealthSchema),
    queues: z.array(QueueDepthSchema),
    agent: z.object({ status: WorkerStatusSchema.nullable(), error: z.string().nullable() }).describe("agent-container's status API"),
  })
  .meta({ id: 'Services' });

export const serviceRoutes: FastifyPluginAsyncZod<ServiceRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/services',
    {
      schema: {
        tags: ['services'],
        summary: 'Health of every component, the depth of each queue, and what the agent is running',
        description: 'Every check runs at once and gives up after a few seconds; a failure is reported, never a 5xx.',
        response: { 200: ServicesSchema, ...commonErrors },
      },
    },
    async () => {
      const [components, queues, agent] = await Promise.all([
        Promise.all(deps.components.map((target) => checkComponent(target, { fetch: deps.fetch, timeoutMs: deps.timeoutMs }))),
        queueDepths(deps.queues, deps.timeoutMs),
        deps.agentStatus(),
      ]);
      return { checked_at: new Date().toISOString(), components, queues, agent };
    },
  );
};
