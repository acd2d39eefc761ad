import { index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** sentry-service owns the `sentry` Postgres schema. */
export const sentrySchema = pgSchema('sentry');

/** The stored result of a write made with an `Idempotency-Key`, replayed on a repeat. */
export const idempotencyRecords = sentrySchema.table(
  'idempotency_records',
  {
    key: text('key').primaryKey(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    /** 0 while the first request is still talking to Sentry. */
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('idempotency_records_created_at_idx').on(table.createdAt)],
);

/**
 * Provider credentials, one row per field (auth_token, organization, base_url), each encrypted
 * with AES-256-GCM; the field name is bound to its ciphertext as additional authenticated data.
 */
export const credentials = sentrySchema.table('credentials', {
  name: text('name').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  authTag: text('auth_tag').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
