import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema } from './error-schema.js';
import type { RunningTasks } from './running-tasks.js';


const StatusSchema = z
  .object({
    running: z.array(
      z.object({
        task_id: z.string(),
        attempt: z.number().int(),
        provider: z.string(),
        command: z.string(),
        agent: z.string(),
        runner: z.string(),
        started_at: z.iso.datetime(),
      }),
    ),
    runners: z.array(z.object({ name: z.string(), available: z.boolean() })),
    agents: z.array(z.string()),
    concurrency: z.object({ agent_tasks: z.number().int(), notifications: z.number().int() }),
  })
  .meta({ id: 'WorkerStatus' });

export interface StatusRoutesDeps {
  running: RunningTasks;
  runnerAvailability: () => Promise<Array<{ name: string; available: boolean }>>;
  agents: () => string[];
  concurrency: { agentTasks: number; notifications: number };
}

export const statusRoutes: FastifyPluginAsyncZod<StatusRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/status',
    {
      schema: {
        tags: ['status'],
        summary: 'Tasks running in this worker, its runners and its concurrency',
        security: [{ serviceToken: [] }],
        response: { 200: StatusSchema, 401: ErrorSchema },
      },
    },
    async () => ({
      running: deps.running.list().map((task) => ({
        task_id: task.taskId,
        attempt: task.attempt,
        provider: task.provider,
        command: task.command,
        agent: task.agent,
        runner: task.runner,
        started_at: task.startedAt.toISOString(),
      })),
      runners: await deps.runnerAvailability(),
      agents: deps.agents(),
      concurrency: { agent_tasks: deps.concurrency.agentTasks, notifications: deps.concurrency.notifications },
    }),
  );
};
