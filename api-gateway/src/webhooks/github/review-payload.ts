import { z } from 'zod';
import { GithubPullRequestSchema, GithubRepositorySchema, GithubUserSchema } from './github-schemas.js';

/** `pull_request_review`: a submitted review, whose body may address the agent. */
export const ReviewPayloadSchema = z.object({
  action: z.string(),
  review: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    html_url: z.string(),
    state: z.string(),
    commit_id: z.string().nullish(),
    user: GithubUserSchema,
    author_association: z.string(),
  }),
  pull_request: GithubPullRequestSchema,
  repository: GithubRepositorySchema,
  sender: GithubUserSchema,
});
export type ReviewPayload = z.infer<typeof ReviewPayloadSchema>;
