import { z } from 'zod';

/** An empty variable (`JIRA_API_TOKEN=` in a copied `.env`) means "not set", not "set to nothing". */
const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

/** A 32-byte AES-256 key given as base64 (`openssl rand -base64 32`). */
const EncryptionKeySchema = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, 'CREDENTIALS_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

/** Everything jira-service reads from its environment. Only `main.ts` passes `process.env` in. */
export const EnvSchema = z.object({
  PORT: z.preprocess(blank, z.coerce.number().int().min(0).max(65535).default(8082)),
  HOST: z.preprocess(blank, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(blank, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  /** Postgres connection string; unset means an embedded PGlite database under DATA_DIR. */
  DATABASE_URL: optional(z.string()),
  DATA_DIR: z.preprocess(blank, z.string().default('./data/jira-service')),
  /** Shared secret every caller presents as `Authorization: Bearer <token>` on `/api/*`. */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters'),
  /**
   * Key that encrypts credentials stored through the credentials API (AES-256-GCM). Without it
   * the credentials API cannot store anything and only the JIRA_* variables below are used.
   */
  CREDENTIALS_ENCRYPTION_KEY: optional(EncryptionKeySchema),
  /** The Jira Cloud site, `https://<site>.atlassian.net`; also the base of browse links. */
  JIRA_BASE_URL: optional(HttpUrlSchema),
  /** Atlassian account email that owns JIRA_API_TOKEN (basic auth: email + API token). */
  JIRA_EMAIL: optional(z.email()),
  /** API token from id.atlassian.com. Credentials stored through the API win over these. */
  JIRA_API_TOKEN: optional(z.string().min(1)),
  /** Where REST calls go instead of the site URL: a proxy, or a local stand-in in tests. */
  JIRA_API_URL: optional(HttpUrlSchema),
  /** Time allowed for one Jira request (a retry gets its own); past it the caller gets a 504. */
  JIRA_TIMEOUT_MS: z.preprocess(blank, z.coerce.number().int().min(100).max(120_000).default(10_000)),
  /** Retries of a Jira 5xx, 429 or connection failure before the error is returned. */
  JIRA_MAX_RETRIES: z.preprocess(blank, z.coerce.number().int().min(0).max(10).default(3)),
  /** First backoff delay; doubled per retry, with full jitter. */
  JIRA_RETRY_BASE_DELAY_MS: z.preprocess(blank, z.coerce.number().int().min(0).max(60_000).default(500)),
  /**
   * The longest `Retry-After` a request waits out in place. A longer one is handed to the
   * caller as a 429 with that `Retry-After`, rather than holding its connection open.
   */
  JIRA_MAX_RETRY_AFTER_SECONDS: z.preprocess(blank, z.coerce.number().int().min(0).max(300).default(10)),
  /** How long `/health` reuses its last check of Jira, so probes do not spend Jira's rate limit. */
  JIRA_HEALTH_CACHE_SECONDS: z.preprocess(blank, z.coerce.number().int().min(0).max(3600).default(30)),
  /** How long the stored result of an Idempotency-Key write is replayed; older ones are deleted hourly. */
  IDEMPOTENCY_RETENTION_HOURS: z.preprocess(blank, z.coerce.number().int().min(1).max(24 * 90).default(72)),
  /** Error reporting of this service itself (not the platform's Sentry integration). */
  SENTRY_DSN: optional(z.string()),
  /** OTLP/HTTP collector base URL; spans go to `<url>/v1/traces`. Unset: no spans are exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(HttpUrlSchema),
});

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
