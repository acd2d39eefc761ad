import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TaskNotRunningError } from '../errors.js';
import { ErrorSchema } from './error-schema.js';

const CancelledSchema = z.object({ task_id: z.string(), cancelled: z.literal(true) }).meta({ id: 'TaskCancelled' });

export interface CancelRoutesDeps {
  /** Stops a task running in this process (its agent's process tree is killed); false when it runs elsewhere or not at all. */
  cancelTask: (taskId: string) => boolean;
}

/** Cancelling a running task: its agent is killed, and the thread is told the task was cancelled. */
export const cancelRoutes: FastifyPluginAsyncZod<CancelRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/tasks/:task_id/cancel',
    {
      schema: {
        tags: ['status'],
        summary: 'Cancel a task running in this worker',
        description: 'Each worker process cancels only its own tasks: GET /api/v1/status says which ones run here.',
        security: [{ serviceToken: [] }],
        params: z.object({ task_id: z.string().regex(/^task-[0-9A-HJKMNP-TV-Z]{26}$/) }),
        response: { 202: CancelledSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      if (!deps.cancelTask(request.params.task_id)) throw new TaskNotRunningError(request.params.task_id);
      return reply.status(202).send({ task_id: request.params.task_id, cancelled: true as const });
    },
  );
};
