import type { Provider, TaskStatus } from '@swe-ai-fleet/contracts';
import { desc, sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, numeric, pgSchema, smallint, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';

/** dashboard-api owns the `dashboard` Postgres schema. */
export const dashboardSchema = pgSchema('dashboard');

const instant = (name: string) => timestamp(name, { withTimezone: true });

/** Postgres full-text vector; drizzle has no built-in column type for it. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Roles of dashboard users: an admin also manages users, webhooks and commands. */
export type UserRole = 'admin' | 'viewer';

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
    /** Time spent waiting in the queue: started_at − received_at. */
    queueWaitMs: integer('queue_wait_ms').generatedAlwaysAs(
      sql`round(extract(epoch from (started_at - received_at)) * 1000)::integer`,
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
    /**
     * What text search matches: the request, the repository, the command and the author. The
     * 'simple' configuration keeps words as written (no stemming), whatever the language.
     */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector('simple', coalesce(text, '') || ' ' || coalesce(repository, '') || ' ' || command || ' ' || coalesce(author->>'login', ''))`,
      ),
  },
  (table) => [
    // Keyset pagination of the list: (received_at desc, id desc), alone or behind one equality filter.
    // Migration 0003 rebuilds the first one with INCLUDE (status, dimensions, times, usage), which
    // drizzle cannot declare, so that analytics read ranges of tasks from it alone.
    index('tasks_received_at_id_idx').on(desc(table.receivedAt), desc(table.id)),
    index('tasks_status_received_at_id_idx').on(table.status, desc(table.receivedAt), desc(table.id)),
    index('tasks_repository_received_at_id_idx').on(table.repository, desc(table.receivedAt), desc(table.id)),
    index('tasks_provider_received_at_id_idx').on(table.provider, desc(table.receivedAt), desc(table.id)),
    index('tasks_command_received_at_id_idx').on(table.command, desc(table.receivedAt), desc(table.id)),
    index('tasks_agent_received_at_id_idx').on(table.agent, desc(table.receivedAt), desc(table.id)),
    index('tasks_runner_received_at_id_idx').on(table.runner, desc(table.receivedAt), desc(table.id)),
    index('tasks_author_received_at_id_idx').on(sql`(author->>'login')`, desc(table.receivedAt), desc(table.id)),
    index('tasks_conversation_received_at_idx').on(table.conversationKey, table.receivedAt),
    // The other sort orders of the list.
    index('tasks_duration_id_idx').on(table.durationMs.desc().nullsLast(), desc(table.id)),
    index('tasks_cost_id_idx').on(table.costUsd.desc().nullsLast(), desc(table.id)),
    index('tasks_search_idx').using('gin', table.search),
  ],
);

/**
 * One row per conversation (an issue or PR, a Slack thread, a Jira issue, a Sentry issue),
 * kept with the tasks: created by its first task, widened by the next ones.
 */
export const conversations = dashboardSchema.table(
  'conversations',
  {
    key: text('key').primaryKey(),
    provider: text('provider').$type<Provider>().notNull(),
    repository: text('repository'),
    firstTaskId: text('first_task_id').notNull(),
    firstAt: instant('first_at').notNull(),
    lastAt: instant('last_at').notNull(),
    taskCount: integer('task_count').notNull(),
  },
  (table) => [
    index('conversations_last_at_key_idx').on(desc(table.lastAt), desc(table.key)),
    index('conversations_provider_last_at_key_idx').on(table.provider, desc(table.lastAt), desc(table.key)),
  ],
);

/** People who may sign in to the dashboard. The first admin comes from the configuration. */
export const users = dashboardSchema.table(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased: one account per address, whatever case it is typed in. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<UserRole>().notNull(),
    /** `scrypt$N$r$p$salt$hash`; null for an account that signs in with API tokens only. */
    passwordHash: text('password_hash'),
    disabledAt: instant('disabled_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_idx').on(table.email)],
);

/** Browser sessions. Only a SHA-256 of the cookie value is stored, so a database dump signs nobody in. */
export const sessions = dashboardSchema.table(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Must come back in X-CSRF-Token (or X-XSRF-Token) on every write made with this session. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId), index('sessions_expires_at_idx').on(table.expiresAt)],
);

/** Bearer tokens for scripts and other tools; shown once at creation, stored as SHA-256. */
export const apiTokens = dashboardSchema.table(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, so people can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    /** 'user' (made in the dashboard) or 'configuration' (DASHBOARD_ADMIN_TOKEN, replaced at each start). */
    source: text('source').$type<'user' | 'configuration'>().notNull().default('user'),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastUsedAt: instant('last_used_at'),
    expiresAt: instant('expires_at'),
  },
  (table) => [uniqueIndex('api_tokens_token_hash_idx').on(table.tokenHash), index('api_tokens_user_id_idx').on(table.userId)],
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

/**
 * The analytics roll-up: per UTC day and per value of a bounded dimension (`dimension` '' is every
 * task; `value` null is the tasks without one), the counts by outcome and the usage sums. Kept by
 * the task-events consumer in the transaction of the task's upsert, each event moving the task's
 * contribution from its old keys to its new ones (rollup-delta.ts); rebuilt from the tasks by
 * `dashboard.refill_task_rollup()` (migration 0003). Repository and author are left out: their
 * values are unbounded, and a filter on one of them is served by its index on the tasks.
 */
export const taskRollup = dashboardSchema.table(
  'task_rollup',
  {
    /** The UTC midnight the day starts at. */
    day: instant('day').notNull(),
    /** '', provider, command, agent, runner, model, status */
    dimension: text('dimension').notNull(),
    value: text('value'),
    tasks: integer('tasks').notNull(),
    succeeded: integer('succeeded').notNull(),
    failed: integer('failed').notNull(),
    cancelled: integer('cancelled').notNull(),
    inProgress: integer('in_progress').notNull(),
    costUsd: numeric('cost_usd', { precision: 20, scale: 6, mode: 'number' }).notNull(),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull(),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull(),
  },
  (table) => [unique('task_rollup_key').on(table.dimension, table.value, table.day).nullsNotDistinct()],
);

/**
 * Histograms of run duration and queue wait beside `task_rollup`, one row per non-empty bucket:
 * bucket 0 holds values under 1 ms, bucket b ≥ 1 holds [10^((b−1)/24), 10^(b/24)) ms
 * (`dashboard.latency_bucket`), so a bucket is 10 % wide.
 */
export const taskRollupLatency = dashboardSchema.table(
  'task_rollup_latency',
  {
    day: instant('day').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value'),
    /** 'duration' or 'queue_wait' */
    metric: text('metric').notNull(),
    bucket: smallint('bucket').notNull(),
    tasks: integer('tasks').notNull(),
  },
  (table) => [unique('task_rollup_latency_key').on(table.dimension, table.value, table.day, table.metric, table.bucket).nullsNotDistinct()],
);
