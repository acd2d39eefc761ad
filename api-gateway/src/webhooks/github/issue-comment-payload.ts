import { z } from 'zod';
import { GithubRepositorySchema, GithubUserSchema } from './github-schemas.js';

/** Only `action` is read before deciding whether the event is handled at all. */
export const GithubActionSchema = z.object({ action: z.string().optional() });

/** The fields of an `issue_comment` delivery the gateway uses; GitHub sends many more. */
export const IssueCommentPayloadSchema = z.object({
  action: z.string(),
  comment: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    html_url: z.string(),
    user: GithubUserSchema,
    author_association: z.string(),
  }),
  issue: z.object({
    number: z.number().int().positive(),
    html_url: z.string(),
    /** Present when the issue is a pull request; only its URLs, no branches. */
    pull_request: z.object({ html_url: z.string().nullish() }).loose().nullish(),
  }),
  repository: GithubRepositorySchema,
  sender: GithubUserSchema,
});
export type IssueCommentPayload = z.infer<typeof IssueCommentPayloadSchema>;
