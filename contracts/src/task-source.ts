import { z } from 'zod';

export const RepositoryRefSchema = z.object({
  owner: z.string().min(1),
  name: z.string().min(1),
});
export type RepositoryRef = z.infer<typeof RepositoryRefSchema>;

/** The pull request a GitHub task is about; fields the webhook does not carry are absent (an issue comment names only the number). */
export const PullRequestContextSchema = z.object({
  number: z.number().int().positive(),
  html_url: z.string().optional(),
  title: z.string().optional(),
  head_ref: z.string().optional(),
  head_sha: z.string().optional(),
  /** `owner/name` of the head branch's repository; differs from the base for a pull request from a fork. */
  head_repo: z.string().optional(),
  base_ref: z.string().optional(),
  base_sha: z.string().optional(),
  draft: z.boolean().optional(),
});
export type PullRequestContext = z.infer<typeof PullRequestContextSchema>;

/** Where in the diff a pull-request review comment was written. */
export const ReviewCommentContextSchema = z.object({
  path: z.string(),
  line: z.number().int().nullable().optional(),
  start_line: z.number().int().nullable().optional(),
  side: z.string().nullable().optional(),
  diff_hunk: z.string().optional(),
  commit_id: z.string().optional(),
  /** The first comment of the review thread, when the mention is a reply. */
  in_reply_to_id: z.number().int().optional(),
});

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
  /** What started the task; absent in jobs queued before it existed (read as `issue_comment`). */
  trigger: z
    .enum(['issue_comment', 'pull_request_review_comment', 'pull_request_review', 'issue_opened', 'issue_labeled', 'issue_assigned'])
    .optional(),
  /** Set when the task is about a pull request. */
  pull_request: PullRequestContextSchema.optional(),
  /** The review whose body carried the mention (`pull_request_review`), or that holds the review comment. */
  review_id: z.number().int().optional(),
  review_comment: ReviewCommentContextSchema.optional(),
});

export const SlackSourceSchema = z.object({
  provider: z.literal('slack'),
  team_id: z.string(),
  channel: z.string(),
  /**
   * The thread to answer in. Empty for a slash command (`trigger: 'slash_command'`), which has no
   * message of its own: answer through `response_url`, or start a new message in `channel`.
   */
  thread_ts: z.string(),
  /** The message that carried the request; empty for a slash command. */
  message_ts: z.string(),
  /** A slash command's reply URL (valid 30 minutes, 5 replies); a secret-like capability, never logged. */
  response_url: z.string().optional(),
  trigger: z.enum(['app_mention', 'direct_message', 'slash_command']).optional(),
  /** The Slack user who asked. */
  user_id: z.string().optional(),
  /** `channel`, `group`, `im` or `mpim` when Slack says. */
  channel_type: z.string().optional(),
  /** The slash command as typed, for example `/agent`. */
  command: z.string().optional(),
});

export const JiraSourceSchema = z.object({
  provider: z.literal('jira'),
  /** The Jira Cloud site the webhook came from, for example `https://acme.atlassian.net`. */
  site: z.string(),
  issue_key: z.string(),
  project_key: z.string(),
  comment_id: z.string().optional(),
  issue_id: z.string().optional(),
  trigger: z.enum(['comment_created', 'comment_updated']).optional(),
});

export const SentrySourceSchema = z.object({
  provider: z.literal('sentry'),
  /** Organization slug. */
  organization: z.string(),
  /** Project slug (or the numeric id when the payload names no slug). */
  project: z.string(),
  issue_id: z.string(),
  web_url: z.string().optional(),
  /** An alert rule fired (`event_alert`), or someone mentioned the agent in an issue comment. */
  trigger: z.enum(['event_alert', 'comment']).optional(),
  /** The event that fired the alert rule. */
  event_id: z.string().optional(),
  /** The issue's short id, for example `FRONT-END-9`. */
  short_id: z.string().optional(),
  comment_id: z.string().optional(),
  /** The alert rule's name. */
  triggered_rule: z.string().optional(),
  /** The integration installation the webhook came from. */
  installation_uuid: z.string().optional(),
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
