import { z } from 'zod';

/** The fields of a GitHub user the gateway reads (docs.github.com, webhook payload objects). */
export const GithubUserSchema = z.object({
  login: z.string().min(1),
  id: z.number().int(),
  type: z.string(),
});

export const GithubRepositorySchema = z.object({
  name: z.string().min(1),
  full_name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
});

const BranchSchema = z.object({
  ref: z.string(),
  sha: z.string(),
  /** Null when the fork a pull request came from was deleted. */
  repo: z.object({ full_name: z.string() }).nullish(),
});

/** A pull request as `pull_request_review` and `pull_request_review_comment` deliveries carry it. */
export const GithubPullRequestSchema = z.object({
  number: z.number().int().positive(),
  html_url: z.string(),
  title: z.string(),
  draft: z.boolean().optional(),
  head: BranchSchema,
  base: BranchSchema,
});
export type GithubPullRequest = z.infer<typeof GithubPullRequestSchema>;
