import { index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** slack-service owns the `slack` Postgres schema. */
export const slackSchema = pgSchema('slack');

/**
 * The stored result of a write made with an `Idempotency-Key`, replayed on a repeat.
 * `status_code` 0 marks a claim whose Slack call has not finished yet.
 */
export const idempotencyRecords = slackSchema.table(
  'idempotency_records',
  {
    key: text('key').primaryKey(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('idempotency_records_created_at_idx').on(table.createdAt)],
);

/**
 * One row per credential field (e.g. `bot_token`), encrypted with AES-256-GCM. The field name is
 * bound to the ciphertext as additional authenticated data, so rows cannot be swapped.
 */
export const credentials = slackSchema.table('credentials', {
  name: text('name').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  authTag: text('auth_tag').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
