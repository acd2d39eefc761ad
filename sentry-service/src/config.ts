import { z } from 'zod';

/** A 32-byte AES-256 key, given as base64 (`openssl rand -base64 32`). */
const EncryptionKeySchema = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes encoded as base64 (openssl rand -base64 32)');

/** Everything sentry-service reads from its environment. Only `main.ts` passes `process.env` in. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8084),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Postgres connection string; unset means an embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data/sentry-service'),
  /** Shared secret every caller presents as `Authorization: Bearer <token>` on `/api/*`. */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters'),
  /**
   * Sentry auth token (an internal integration's token, or an organization/user auth token with
   * event:read, event:write and org:read). Used only when none is stored through the credentials API.
   */
  SENTRY_AUTH_TOKEN: z.string().optional(),
  /** Organization slug every issue belongs to; a stored one wins. */
  SENTRY_ORG: z.string().optional(),
  /** Sentry's base URL: https://sentry.io, a self-hosted Sentry, or a local stand-in; a stored one wins. */
  SENTRY_BASE_URL: z.url().default('https://sentry.io'),
  /** Key that encrypts stored credentials (AES-256-GCM). Without it the credentials API cannot store any. */
  CREDENTIALS_ENCRYPTION_KEY: EncryptionKeySchema.optional(),
  /** Time allowed for one Sentry request, body included; past it the caller gets 504. */
  SENTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Retries of a Sentry 5xx or 429 (and network errors of reads) before the error is returned. */
  SENTRY_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Longest Retry-After this service waits out itself; a longer one goes back to the caller as 429. */
  SENTRY_MAX_RETRY_WAIT_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** How long the stored result of an Idempotency-Key write is replayed. */
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
  /** Error reporting of this service itself (not the Sentry organization this service talks to). */
  SENTRY_DSN: z.string().optional(),
  /** OTLP/HTTP collector base URL; spans go to `<url>/v1/traces`. Unset: no spans are exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export type Config = z.infer<typeof EnvSchema>;

/**
 * Parses the environment. An empty value counts as unset, so `.env` lines like `SENTRY_ORG=`
 * take the default instead of failing validation.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
