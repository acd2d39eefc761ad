import { doublePrecision, index, integer, pgSchema, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** agent-container owns the `agent` Postgres schema. */
export const agentSchema = pgSchema('agent');

/**
 * One row per attempt of an agent task: who ran it, how it ended, what it used. `output` keeps
 * the runner's answer and `answer_url` the posted comment, so a retried job reuses them instead
 * of running the model again or posting twice.
 */
export const runs = agentSchema.table(
  'runs',
  {
    id: serial('id').primaryKey(),
    taskId: text('task_id').notNull(),
    attempt: integer('attempt').notNull(),
    /** running, succeeded, failed (final), or retrying (this attempt failed, another follows). */
    status: text('status').notNull(),
    agent: text('agent').notNull(),
    runner: text('runner').notNull(),
    model: text('model'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    steps: integer('steps').notNull().default(0),
    output: text('output'),
    answerUrl: text('answer_url'),
    /** The draft pull request this attempt opened with the agent's changes. */
    pullRequestUrl: text('pull_request_url'),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
  },
  (table) => [uniqueIndex('runs_task_attempt').on(table.taskId, table.attempt), index('runs_started_at').on(table.startedAt)],
);

/**
 * One row per task of a conversation (an issue or PR, a Slack thread, a Jira issue, a Sentry
 * issue), in the order the gateway received them. Tasks of one conversation run one at a time:
 * a task runs only when no other task of its conversation is running and no earlier one is still
 * waiting, as long as their lease is alive (a lease outlives a crash only briefly, so a lost job
 * never blocks its conversation for good). Finished tasks keep their question and answer: the
 * conversation's history, which later tasks are shown.
 */
export const conversationTurns = agentSchema.table(
  'conversation_turns',
  {
    taskId: text('task_id').primaryKey(),
    conversationKey: text('conversation_key').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** pending (waiting for its turn, or between attempts), running, succeeded, failed. */
    status: text('status').notNull(),
    /** While unfinished, the row holds its place only until then; a running task renews it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
    /** The task this one last waited for, so the task log says "requeued" once per blocker. */
    waitingFor: text('waiting_for'),
    command: text('command').notNull(),
    author: text('author').notNull(),
    question: text('question').notNull(),
    answer: text('answer'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [index('conversation_turns_order').on(table.conversationKey, table.receivedAt, table.taskId)],
);

/**
 * The status message of a task in its thread (a GitHub or Jira comment, a Slack message): posted
 * by the acknowledgement, edited with progress, and finally replaced by the answer.
 */
export const statusMessages = agentSchema.table('status_messages', {
  taskId: text('task_id').primaryKey(),
  provider: text('provider').notNull(),
  /** GitHub comment id, Slack message ts, Jira comment id. */
  messageId: text('message_id').notNull(),
  url: text('url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
