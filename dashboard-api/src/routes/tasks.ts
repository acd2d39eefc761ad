import { ProviderSchema, TaskIdSchema, TaskStatusSchema } from '@swe-ai-fleet/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { InvalidCursorError, NotFoundError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../read-model/task-cursor.js';
import { findTask, listTasks } from '../read-model/task-queries.js';
import { TaskSchema, TaskSummarySchema } from '../read-model/task-view.js';
import { emptyTaskLog, readTaskLog } from '../task-logs/read-task-log.js';
import { taskFromLog } from '../task-logs/task-from-log.js';
import { TaskLogSchema } from '../task-logs/task-log.js';
import { ErrorSchema, commonErrors } from './schemas.js';

export const MAX_PAGE_SIZE = 200;

const TaskListQuerySchema = z.object({
  status: TaskStatusSchema.optional(),
  provider: ProviderSchema.optional(),
  repository: z
    .string()
    .regex(/^[^/\s]+\/[^/\s]+$/, 'repository is owner/name')
    .optional()
    .describe('`owner/name`'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(500).optional().describe('`next_cursor` of the previous page'),
});

const TaskListSchema = z
  .object({
    items: z.array(TaskSummarySchema),
    next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'TaskList' });

const TaskDetailSchema = z.object({ task: TaskSchema, log: TaskLogSchema }).meta({ id: 'TaskDetail' });

export interface TaskRoutesDeps {
  db: Database;
  taskLogsDir: string;
}

export const taskRoutes: FastifyPluginAsyncZod<TaskRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'List tasks, newest first',
        description: 'Keyset pagination on (received_at desc, id desc): follow `next_cursor` until it is null.',
        querystring: TaskListQuerySchema,
        response: { 200: TaskListSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { cursor, ...filters } = request.query;
      const after = cursor === undefined ? undefined : (decodeCursor(cursor) ?? undefined);
      if (cursor !== undefined && !after) throw new InvalidCursorError();
      const page = await listTasks(deps.db, { ...filters, after });
      return { items: page.items, next_cursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'One task with the seven parts of its task log',
        description:
          'Missing log files are null or []; unreadable lines are skipped. A task the read model does not know yet is ' +
          'still answered from its metadata.json.',
        params: z.object({ id: TaskIdSchema }),
        response: { 200: TaskDetailSchema, 404: ErrorSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const [stored, log] = await Promise.all([findTask(deps.db, id), readTaskLog(deps.taskLogsDir, id, request.log)]);
      if (stored) return { task: stored, log: log ?? emptyTaskLog() };
      if (log?.metadata) return { task: taskFromLog({ ...log, metadata: log.metadata }), log };
      throw new NotFoundError(`no task ${id}`);
    },
  );
};
