import { TaskIdSchema } from '@swe-ai-fleet/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { InvalidCursorError, NotFoundError } from '../errors.js';
import { TASK_SORTS, decodeCursor, encodeCursor } from '../read-model/task-cursor.js';
import { findTask, listTasks } from '../read-model/task-queries.js';
import { TaskSchema, TaskSummarySchema } from '../read-model/task-view.js';
import { emptyTaskLog, readTaskLog } from '../task-logs/read-task-log.js';
import { encodeLogPosition, startOfLog } from '../task-logs/log-position.js';
import { freshestTask, taskFromLog } from '../task-logs/task-from-log.js';
import { TaskLogSchema } from '../task-logs/task-log.js';
import { ErrorSchema, commonErrors } from './schemas.js';
import { TaskFilterParams, rangeIsOrdered } from './task-filter-params.js';

export const MAX_PAGE_SIZE = 200;

const TaskListQuerySchema = z
  .object({
    ...TaskFilterParams,
    sort: z.enum(TASK_SORTS).default('received_at').describe('Tasks without a value (not finished, no cost) come last'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    cursor: z.string().min(1).max(500).optional().describe('`next_cursor` of the previous page'),
  })
  .refine(rangeIsOrdered, { message: 'from must be before to', path: ['from'] });

const TaskListSchema = z
  .object({
    items: z.array(TaskSummarySchema),
    next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'TaskList' });

const TaskDetailSchema = z
  .object({
    task: TaskSchema,
    log: TaskLogSchema,
    log_position: z.string().describe('Where this read of the log ended: pass it as `after` to the live tail'),
  })
  .meta({ id: 'TaskDetail' });

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
        summary: 'List tasks: filtered, searched and sorted, newest first by default',
        description:
          'Keyset pagination on (sort value, id): follow `next_cursor` until it is null. A cursor only continues the ' +
          'sort and order it was made for.',
        querystring: TaskListQuerySchema,
        response: { 200: TaskListSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { cursor, ...filters } = request.query;
      const after = cursor === undefined ? undefined : (decodeCursor(cursor) ?? undefined);
      if (cursor !== undefined && (!after || after.sort !== filters.sort || after.order !== filters.order)) throw new InvalidCursorError();
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
          'Missing log files are null or []; unreadable lines are skipped. A task the read model does not know yet, or ' +
          'knows in an older state, is answered from its metadata.json and 06-final-result.json.',
        params: z.object({ id: TaskIdSchema }),
        response: { 200: TaskDetailSchema, 404: ErrorSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const [stored, read] = await Promise.all([findTask(deps.db, id), readTaskLog(deps.taskLogsDir, id, request.log)]);
      const log = read?.log ?? emptyTaskLog();
      const fromLog = log.metadata ? taskFromLog({ ...log, metadata: log.metadata }) : null;
      const task = freshestTask(stored, fromLog);
      if (!task) throw new NotFoundError(`no task ${id}`);
      return { task, log, log_position: encodeLogPosition(read?.position ?? startOfLog()) };
    },
  );
};
