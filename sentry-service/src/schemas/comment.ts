import { z } from 'zod';

export const CreateCommentBodySchema = z
  .object({ text: z.string().trim().min(1).max(20_000).describe('Markdown shown in the issue\'s activity') })
  .meta({ id: 'CreateComment', example: { text: 'The agent is looking into this: https://fleet.example.com/tasks/task-01J…' } });

export const UpdateCommentBodySchema = z
  .object({ text: z.string().trim().min(1).max(20_000).describe("The comment's new Markdown, replacing all of its text") })
  .meta({ id: 'UpdateComment', example: { text: 'Fixed in https://github.com/acme/api/pull/12.' } });

export const CommentParamsSchema = z.object({
  issue_id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Sentry issue id (e.g. 1341191803) or short id (e.g. PUMP-STATION-1)')
    .describe('Sentry issue id or short id'),
  comment_id: z.string().regex(/^[0-9]{1,20}$/, 'a Sentry comment (note) id, e.g. 4021').describe('The comment (note) id, as the comment route answered it'),
});

/** A comment (Sentry calls it a note) on an issue. */
export const CommentSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    dateCreated: z.string().nullable(),
    user: z.object({ id: z.string(), name: z.string() }).nullable().describe('Who Sentry says wrote it (the integration\'s user)'),
  })
  .meta({
    id: 'Comment',
    example: { id: '4021', text: 'Fixed in #1234.', dateCreated: '2024-05-01T12:00:00Z', user: { id: '1', name: 'swe-ai-fleet' } },
  });
export type Comment = z.infer<typeof CommentSchema>;
