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
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
  },
  (table) => [uniqueIndex('runs_task_attempt').on(table.taskId, table.attempt), index('runs_started_at').on(table.startedAt)],
);
