import { AuthorSchema, ProviderSchema, TaskIdSchema, TaskStatusSchema } from '@swe-ai-fleet/contracts';
import { z } from 'zod';

const nullableTime = z.iso.datetime().nullable();
const LinkSchema = z.object({ kind: z.string(), url: z.string() });

const taskFields = {
  id: TaskIdSchema,
  status: TaskStatusSchema,
  provider: ProviderSchema,
  command: z.string(),
  repository: z.string().nullable().describe('`owner/name`, or null when the task is not about a repository'),
  author: AuthorSchema,
  agent: z.string().nullable(),
  runner: z.string().nullable(),
  model: z.string().nullable(),
  conversation_key: z.string().nullable(),
  received_at: z.iso.datetime(),
  started_at: nullableTime,
  finished_at: nullableTime,
  duration_ms: z.number().int().nullable().describe('finished_at − started_at'),
  queue_wait_ms: z.number().int().nullable().describe('started_at − received_at: how long the task waited for a worker'),
  input_tokens: z.number().int().nullable(),
  output_tokens: z.number().int().nullable(),
  cost_usd: z.number().nullable(),
  links: z.array(LinkSchema).describe('What the platform wrote in the thread: the answer, a draft pull request'),
  updated_at: z.iso.datetime(),
};

const example = {
  id: 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W',
  status: 'succeeded',
  provider: 'github',
  command: 'fix',
  repository: 'octo/hello',
  author: { id: '583231', login: 'octocat', association: 'OWNER' },
  agent: 'coder',
  runner: 'vllm',
  model: 'qwen3-coder',
  conversation_key: 'github:octo/hello#7',
  received_at: '2026-01-05T10:00:00.000Z',
  started_at: '2026-01-05T10:00:01.500Z',
  finished_at: '2026-01-05T10:02:11.500Z',
  duration_ms: 130000,
  queue_wait_ms: 1500,
  input_tokens: 18234,
  output_tokens: 2011,
  cost_usd: 0.0412,
  links: [{ kind: 'pull_request', url: 'https://github.com/octo/hello/pull/8' }],
  updated_at: '2026-01-05T10:02:11.620Z',
} as const;

/** One task as the detail page shows it. */
export const TaskSchema = z
  .object({
    ...taskFields,
    text: z.string().describe('The request as written after the mention'),
    result: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({
    id: 'Task',
    example: { ...example, text: '@agent fix the flaky test in ci.yml', result: 'Fixed the race in ci.yml; see the draft PR.', error: null },
  });
export type Task = z.infer<typeof TaskSchema>;

/** Length of `text_preview` in the list; the whole text is on the detail route. */
export const PREVIEW_LENGTH = 200;

/** One row of the task list: no long texts, a short preview of the request. */
export const TaskSummarySchema = z
  .object({ ...taskFields, text_preview: z.string().describe(`The first ${PREVIEW_LENGTH} characters of the request`) })
  .meta({ id: 'TaskSummary', example: { ...example, text_preview: '@agent fix the flaky test in ci.yml' } });
export type TaskSummary = z.infer<typeof TaskSummarySchema>;
