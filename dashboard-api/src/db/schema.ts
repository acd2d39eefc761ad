import type { Provider, TaskStatus } from '@swe-ai-fleet/contracts';
import { desc, sql } from 'drizzle-orm';
import { index, integer, jsonb, numeric, pgSchema, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** dashboard-api owns the `dashboard` Postgres schema. */
export const dashboardSchema = pgSchema('dashboard');

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The tasks read model, upserted from `task-events`. `status_rank` and `state_at` order the
 * events of one task so that an older one never overwrites a newer state.
 */
export const tasks = dashboardSchema.table(
  'tasks',
  {
    id: text('id').primaryKey(),
    status: text('status').$type<TaskStatus>().notNull(),
    provider: text('provider').$type<Provider>().notNull(),
    command: text('command').notNull(),
    /** `owner/name`, or null when the task is not about a repository. */
    repository: text('repository'),
    /** `{ id, login, association? }` as the provider reported it. */
    author: jsonb('author').$type<{ id: string; login: string; association?: string }>().notNull(),
    text: text('text').notNull(),
    agent: text('agent'),
    runner: text('runner'),
    model: text('model'),
    conversationKey: text('conversation_key').notNull(),
    receivedAt: instant('received_at').notNull(),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
    /** Wall time of the run, always consistent with the two timestamps whatever order events came in. */
    durationMs: integer('duration_ms').generatedAlwaysAs(
      sql`round(extract(epoch from (finished_at - started_at)) * 1000)::integer`,
    ),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    costUsd: numeric('cost_usd', { precision: 14, scale: 6, mode: 'number' }),
    result: text('result'),
    error: text('error'),
    links: jsonb('links').$type<Array<{ kind: string; url: string }>>().notNull().default([]),
    /** 0 queued, 1 running, 2 finished: a state never moves back to a lower rank. */
    statusRank: smallint('status_rank').notNull(),
    /** Timestamp of the event that set the current state; ties within a rank go to the later one. */
    stateAt: instant('state_at').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    // Keyset pagination of the list: (received_at desc, id desc).
    index('tasks_received_at_id_idx').on(desc(table.receivedAt), desc(table.id)),
    index('tasks_status_received_at_idx').on(table.status, desc(table.receivedAt)),
    index('tasks_repository_received_at_idx').on(table.repository, desc(table.receivedAt)),
  ],
);

/** Ids of the events already applied: a replayed event (BullMQ retry, producer resend) is a no-op. */
export const processedEvents = dashboardSchema.table(
  'processed_events',
  {
    eventId: text('event_id').primaryKey(),
    taskId: text('task_id').notNull(),
    processedAt: instant('processed_at').notNull().defaultNow(),
  },
  (table) => [index('processed_events_processed_at_idx').on(table.processedAt)],
);
