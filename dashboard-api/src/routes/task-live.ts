import { join } from 'node:path';
import {
  AgentOutputRecordSchema,
  MicroserviceFlowRecordSchema,
  QueueFlowRecordSchema,
  TaskIdSchema,
  TaskStatusSchema,
  WebhookFlowRecordSchema,
} from '@swe-ai-fleet/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { InvalidCursorError, NotFoundError } from '../errors.js';
import { EventStream, type OpenStreams } from '../http/event-stream.js';
import { statusRank } from '../read-model/status-rank.js';
import { findTask } from '../read-model/task-queries.js';
import { type Task, TaskSchema } from '../read-model/task-view.js';
import { decodeLogPosition, encodeLogPosition, startOfLog } from '../task-logs/log-position.js';
import { readTaskJsonParts } from '../task-logs/read-task-log.js';
import { freshestTask, taskFromLog } from '../task-logs/task-from-log.js';
import { TaskLogTail } from '../task-logs/task-log-tail.js';
import { ErrorSchema, commonErrors } from './schemas.js';

export interface LiveTailOptions {
  /** How often the log files are looked at. @defaultValue 500 */
  pollMs: number;
  /** A comment is sent this often so proxies keep an idle stream open. @defaultValue 15000 */
  keepAliveMs: number;
  /** A stream ends after this long; the browser reconnects with Last-Event-ID and goes on. @defaultValue 1800000 */
  maxStreamMs: number;
  /**
   * Steps in a row without new records after which a finished task without 06-final-result.json
   * (one that never reached a worker) is ended anyway. @defaultValue 4
   */
  quietStepsToEnd: number;
}

export const DEFAULT_LIVE_TAIL: LiveTailOptions = { pollMs: 500, keepAliveMs: 15_000, maxStreamMs: 30 * 60_000, quietStepsToEnd: 4 };

export interface TaskLiveRoutesDeps {
  db: Database;
  taskLogsDir: string;
  streams: OpenStreams;
  options: LiveTailOptions;
}

const LiveRecordSchema = z.discriminatedUnion('part', [
  z.object({ part: z.literal('webhook_flow'), record: WebhookFlowRecordSchema }),
  z.object({ part: z.literal('queue_flow'), record: QueueFlowRecordSchema }),
  z.object({ part: z.literal('agent_output'), record: AgentOutputRecordSchema }),
  z.object({ part: z.literal('microservices_flow'), record: MicroserviceFlowRecordSchema }),
]);

/** The `data` of each event of the live tail. Events are named after the member they carry. */
export const LiveEventSchema = z
  .object({
    records: z.array(LiveRecordSchema).optional().describe('event `records`: lines appended to the JSONL parts; its `id` is the log position after them'),
    task: TaskSchema.optional().describe('event `task`: the task as it stands now (sent first, then on every change)'),
    end: z.object({ status: TaskStatusSchema }).optional().describe('event `end`: the task is finished and everything is sent; do not reconnect'),
  })
  .meta({ id: 'LiveEvent' });

async function currentTask(deps: TaskLiveRoutesDeps, id: string, logger: FastifyBaseLogger): Promise<Task | null> {
  const [stored, parts] = await Promise.all([findTask(deps.db, id), readTaskJsonParts(deps.taskLogsDir, id, logger)]);
  const fromLog = parts.metadata ? taskFromLog({ ...parts, metadata: parts.metadata }) : null;
  return freshestTask(stored, fromLog);
}

const isFinal = (task: Task | null) => task !== null && statusRank(task.status) === 2;

export const taskLiveRoutes: FastifyPluginAsyncZod<TaskLiveRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/tasks/:id/live',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Live tail of a task: Server-Sent Events of the log records as they are written',
        description:
          'Pass `log_position` of the task detail as `after`, and only newer records come. Events: `task` (first, then on ' +
          'every change), `records` (with the position as its id, so a reconnect with Last-Event-ID resumes exactly), and ' +
          '`end` once the task is finished and all its records are sent.',
        params: z.object({ id: TaskIdSchema }),
        querystring: z.object({ after: z.string().min(1).max(200).optional().describe('`log_position` of the task detail') }),
        headers: z.object({ 'last-event-id': z.string().max(200).optional() }),
        response: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: LiveEventSchema } } },
          404: ErrorSchema,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const resumeFrom = request.headers['last-event-id'] ?? request.query.after;
      const from = resumeFrom === undefined ? startOfLog() : decodeLogPosition(resumeFrom);
      if (!from) throw new InvalidCursorError('after (or Last-Event-ID) is not a log position this API wrote');
      let task = await currentTask(deps, id, request.log);
      if (!task) throw new NotFoundError(`no task ${id}`);

      const stream = new EventStream(request, reply);
      deps.streams.add(stream);
      const tail = new TaskLogTail(join(deps.taskLogsDir, id), from, request.log);
      const started = Date.now();
      let quietSteps = 0;
      let timer: NodeJS.Timeout | undefined;
      const keepAlive = setInterval(() => stream.keepAlive(), deps.options.keepAliveMs);
      stream.onClose(() => {
        clearTimeout(timer);
        clearInterval(keepAlive);
      });
      stream.send('task', { task });

      const step = async () => {
        const next = await tail.step();
        if (next.records.length > 0) stream.send('records', { records: next.records }, encodeLogPosition(next.position));
        if (next.summaryChanged) {
          const fresh = await currentTask(deps, id, request.log);
          if (fresh && JSON.stringify(fresh) !== JSON.stringify(task)) stream.send('task', { task: fresh });
          task = fresh ?? task;
        }
        quietSteps = next.records.length > 0 ? 0 : quietSteps + 1;
        // Done once the task is final and nothing more is being appended.
        if (isFinal(task) && next.records.length === 0 && (next.finished || quietSteps >= deps.options.quietStepsToEnd)) {
          if (task) stream.send('end', { end: { status: task.status } });
          stream.close();
          return;
        }
        if (Date.now() - started >= deps.options.maxStreamMs) {
          stream.retryAfter(0);
          stream.close();
        }
      };
      const loop = () => {
        step().then(
          () => {
            if (stream.isOpen) timer = setTimeout(loop, deps.options.pollMs);
          },
          (error: unknown) => {
            request.log.error({ err: error, task_id: id }, 'live tail failed');
            stream.close();
          },
        );
      };
      loop();
    },
  );
};
