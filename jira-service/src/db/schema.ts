import { index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** jira-service owns the `jira` Postgres schema. */
export const jiraSchema = pgSchema('jira');

/** The stored result of a write made with an `Idempotency-Key`, replayed on a repeat. */
export const idempotencyRecords = jiraSchema.table(
  'idempotency_records',
  {
    key: text('key').primaryKey(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    /** 0 while the first request is still talking to Jira. */
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The hourly prune deletes by age.
  (table) => [index('idempotency_records_created_at_idx').on(table.createdAt)],
);

/**
 * Provider credentials managed by the credentials API. The secret fields are one JSON document
 * encrypted with AES-256-GCM; only which fields are set, and when, is kept in clear.
 */
export const credentials = jiraSchema.table('credentials', {
  name: text('name').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  authTag: text('auth_tag').notNull(),
  /** Field name → ISO time it was last set. Never holds a value. */
  fieldsUpdatedAt: jsonb('fields_updated_at').$type<Record<string, string>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
