import { z } from 'zod';

export const RepositoryRefSchema = z.object({
  owner: z.string().min(1),
  name: z.string().min(1),
});
export type RepositoryRef = z.infer<typeof RepositoryRefSchema>;

/** Where the mention was written; the agent answers in the same place. */
export const GithubSourceSchema = z.object({
  provider: z.literal('github'),
  owner: z.string(),
  repo: z.string(),
  issue_number: z.number().int().positive(),
  is_pull_request: z.boolean(),
  /** The comment that carried the mention, when the trigger was a comment. */
  comment_id: z.number().int().optional(),
  /** Set for a pull-request review comment, so the answer can be a reply in its thread. */
  review_comment_id: z.number().int().optional(),
  html_url: z.string().optional(),
});

export const SlackSourceSchema = z.object({
  provider: z.literal('slack'),
  team_id: z.string(),
  channel: z.string(),
  thread_ts: z.string(),
  message_ts: z.string(),
  response_url: z.string().optional(),
});

export const JiraSourceSchema = z.object({
  provider: z.literal('jira'),
  site: z.string(),
  issue_key: z.string(),
  project_key: z.string(),
  comment_id: z.string().optional(),
});

export const SentrySourceSchema = z.object({
  provider: z.literal('sentry'),
  organization: z.string(),
  project: z.string(),
  issue_id: z.string(),
  web_url: z.string().optional(),
});

export const CustomSourceSchema = z.object({
  provider: z.literal('custom'),
  slug: z.string(),
  thread: z.string(),
});

export const TaskSourceSchema = z.discriminatedUnion('provider', [
  GithubSourceSchema,
  SlackSourceSchema,
  JiraSourceSchema,
  SentrySourceSchema,
  CustomSourceSchema,
]);
export type TaskSource = z.infer<typeof TaskSourceSchema>;
export type GithubSource = z.infer<typeof GithubSourceSchema>;

export const AuthorSchema = z.object({
  id: z.string(),
  login: z.string(),
  /** GitHub's author_association, when the provider has one. */
  association: z.string().optional(),
});
export type Author = z.infer<typeof AuthorSchema>;
