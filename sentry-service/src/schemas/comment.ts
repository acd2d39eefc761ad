import { z } from 'zod';

export const CreateCommentBodySchema = z
  .object({ text: z.string().trim().min(1).max(20_000).describe('Markdown shown in the issue\'s activity') })
  .meta({ id: 'CreateComment', example: { text: 'The agent is looking into this: https://fleet.example.com/tasks/task-01J…' } });

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
