import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** api-gateway owns the `gateway` Postgres schema. */
export const gatewaySchema = pgSchema('gateway');

/**
 * Every delivery the gateway acted on, claimed once per (provider, delivery id): the primary key
 * is what makes dedupe hold across replicas. `task_id` is null when the delivery made no task.
 */
export const deliveries = gatewaySchema.table(
  'deliveries',
  {
    provider: text('provider').notNull(),
    deliveryId: text('delivery_id').notNull(),
    event: text('event').notNull(),
    /** task_created, no_mention, author_not_authorized, bot_author, hidden_marker */
    outcome: text('outcome').notNull(),
    taskId: text('task_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** Why a delivery made no task, for the record (a denied author, the rule that refused it); never a secret. */
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (table) => [primaryKey({ columns: [table.provider, table.deliveryId] }), index('deliveries_received_at_idx').on(table.receivedAt)],
);

/** A task as the gateway recorded it; `job` is the exact `agent-tasks` payload, re-sent by the relay. */
export const tasks = gatewaySchema.table(
  'tasks',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    deliveryId: text('delivery_id').notNull(),
    command: text('command').notNull(),
    options: jsonb('options').$type<Record<string, string>>().notNull(),
    text: text('text').notNull(),
    author: jsonb('author').$type<{ id: string; login: string; association?: string }>().notNull(),
    /** `owner/name`, or null for a source without a repository. */
    repository: text('repository'),
    conversationKey: text('conversation_key').notNull(),
    /**
     * One logical trigger that providers may announce several times (an issue opened with the
     * trigger label also sends `labeled`; a Sentry alert fires on every event): at most one task
     * per key within the trigger's window.
     */
    triggerKey: text('trigger_key'),
    status: text('status').notNull().default('queued'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    job: jsonb('job').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [
    unique('tasks_provider_delivery_id_key').on(table.provider, table.deliveryId),
    index('tasks_conversation_key_idx').on(table.conversationKey, table.receivedAt),
    index('tasks_trigger_key_idx').on(table.triggerKey, table.receivedAt).where(sql`${table.triggerKey} IS NOT NULL`),
  ],
);

/** One row per task until its jobs reached Redis; the relay re-sends rows the request path could not. */
export const outbox = gatewaySchema.table(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: text('task_id')
      .notNull()
      .unique()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    /** A failed relay attempt pushes this out, so one bad row never blocks the ones behind it. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (table) => [index('outbox_pending_idx').on(table.nextAttemptAt).where(sql`${table.dispatchedAt} IS NULL`)],
);

/** The command words a mention may start with; seeded by migration, managed by the admin API. */
export const commands = gatewaySchema.table('commands', {
  name: text('name').primaryKey(),
  description: text('description').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** `--key=value` defaults the command adds (for example `agent=reviewer`); options written in the mention win. */
  options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** JSON pointers (RFC 6901) into a custom webhook's body. */
export interface WebhookMapping {
  text: string;
  author?: string;
  repository?: string;
  thread?: string;
  delivery_id?: string;
}

/** An HMAC secret sealed with AES-256-GCM (CREDENTIALS_ENCRYPTION_KEY), bound to its route's slug. */
export interface SealedSecretColumn {
  ciphertext: string;
  iv: string;
  authTag: string;
}

/** Custom webhook routes (`POST /webhooks/custom/:slug`), managed by the admin API. */
export const webhookRoutes = gatewaySchema.table('webhook_routes', {
  slug: text('slug').primaryKey(),
  description: text('description').notNull().default(''),
  secret: jsonb('secret').$type<SealedSecretColumn>().notNull(),
  mapping: jsonb('mapping').$type<WebhookMapping>().notNull(),
  /** A command that is deleted while a route uses it would leave the route broken, so it is refused. */
  defaultCommand: text('default_command')
    .notNull()
    .default('ask')
    .references(() => commands.name, { onDelete: 'restrict', onUpdate: 'cascade' }),
  defaultRepository: text('default_repository'),
  requireMention: boolean('require_mention').notNull().default(false),
  allowedAuthors: jsonb('allowed_authors').$type<string[]>().notNull().default([]),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Sentry installations of the integration, from `installation` webhooks: comment webhooks name
 * only the installation, and this is how their organization is known.
 */
export const sentryInstallations = gatewaySchema.table('sentry_installations', {
  uuid: text('uuid').primaryKey(),
  organization: text('organization').notNull(),
  status: text('status').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
