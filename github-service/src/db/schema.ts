import { index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** github-service owns the `github` Postgres schema. */
export const githubSchema = pgSchema('github');

/** The stored result of a write made with an `Idempotency-Key`, replayed on a repeat. */
export const idempotencyRecords = githubSchema.table(
  'idempotency_records',
  {
    key: text('key').primaryKey(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    /** 0 while the first request is still talking to GitHub. */
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The hourly prune deletes by age.
  (table) => [index('idempotency_records_created_at_idx').on(table.createdAt)],
);

/** Provider credentials, encrypted with AES-256-GCM (managed by the credentials API). */
export const credentials = githubSchema.table('credentials', {
  name: text('name').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  authTag: text('auth_tag').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
