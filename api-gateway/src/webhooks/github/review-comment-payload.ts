import { z } from 'zod';
import { GithubPullRequestSchema, GithubRepositorySchema, GithubUserSchema } from './github-schemas.js';

/** `pull_request_review_comment`: a comment on a line of a pull request's diff. */
export const ReviewCommentPayloadSchema = z.object({
  action: z.string(),
  comment: z.object({
    id: z.number().int(),
    pull_request_review_id: z.number().int().nullish(),
    body: z.string().nullable(),
    html_url: z.string(),
    path: z.string(),
    diff_hunk: z.string(),
    commit_id: z.string(),
    line: z.number().int().nullish(),
    start_line: z.number().int().nullish(),
    side: z.string().nullish(),
    in_reply_to_id: z.number().int().optional(),
    user: GithubUserSchema,
    author_association: z.string(),
  }),
  pull_request: GithubPullRequestSchema,
  repository: GithubRepositorySchema,
  sender: GithubUserSchema,
});
export type ReviewCommentPayload = z.infer<typeof ReviewCommentPayloadSchema>;
