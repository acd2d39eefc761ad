import { z } from 'zod';

const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );

/** A 32-byte AES-256 key given as base64 (`openssl rand -base64 32`), shared with the provider services. */
const EncryptionKeySchema = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

/** Everything api-gateway reads from its environment. Only `main.ts` passes `process.env` in. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Postgres connection string; unset means an embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data/api-gateway'),
  /** BullMQ's Redis. When it is down, tasks wait in the outbox and are enqueued once it is back. */
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Key prefix of every BullMQ queue; producers and workers must agree on it. */
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** Root of the shared task-log volume: one folder per task. */
  TASK_LOGS_DIR: z.string().default('./data/task-logs'),
  /** Shared secret callers present as `Authorization: Bearer <token>` on `/api/*`. */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters'),
  /** The secret set on the GitHub webhook; unset means `POST /webhooks/github` refuses every delivery. */
  GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** The word that summons the agent, matched case-insensitively as a whole word. */
  AGENT_MENTION: z.string().min(2).default('@agent'),
  /** Logins of the platform's own GitHub identities; their comments never start a task (no reply loops). */
  GITHUB_BOT_LOGINS: commaList('swe-ai-fleet[bot]'),
  /** Base URL of the dashboard; when set, a 202 carries `Location: <DASHBOARD_URL>/tasks/<task id>`. */
  DASHBOARD_URL: z.url().optional(),
  /**
   * Largest webhook body accepted (bytes). GitHub caps payloads at 25 MB, but the events that
   * start tasks carry at most two 65,536-character bodies (issue and comment), under 1 MB even
   * fully escaped; 2 MiB leaves room while bounding what an unsigned sender can make us buffer.
   */
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(25 * 1024 * 1024).default(2 * 1024 * 1024),
  /**
   * Deliveries one source (a provider, or one custom route) may send to one replica per minute;
   * more are answered 429 before the body is read. GitHub, Slack and Jira retry or can redeliver.
   */
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Seals the HMAC secrets of custom webhook routes; without it no route can be created or verified. */
  CREDENTIALS_ENCRYPTION_KEY: EncryptionKeySchema.optional(),
  /** How often the outbox relay looks for tasks that never reached Redis. */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  /** Error reporting of this service itself. */
  SENTRY_DSN: z.string().optional(),
});

export type Config = z.infer<typeof EnvSchema>;

/** `.env` files list every variable, many left empty (`PORT=`): empty means unset, not "" or 0. */
function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== ''));
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
