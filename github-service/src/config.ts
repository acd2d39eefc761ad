import { z } from 'zod';

/** A 32-byte AES-256 key given as base64 (`openssl rand -base64 32`). */
const EncryptionKeySchema = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

/**
 * A PEM private key as GitHub hands it out. `.env` files and secret stores often carry it on
 * one line with `\n` escapes, so those are turned back into newlines.
 */
export function normalizePrivateKey(value: string): string {
  return value.includes('\\n') ? value.replaceAll('\\n', '\n') : value;
}

/** Everything github-service reads from its environment. Only `main.ts` passes `process.env` in. */
export const EnvSchema = z.object({
  /** `production` makes CREDENTIALS_ENCRYPTION_KEY mandatory. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Postgres connection string; unset means an embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data/github-service'),
  /** Shared secret every caller presents as `Authorization: Bearer <token>` on `/api/*`. */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters'),
  /**
   * Encrypts credentials stored through the credentials API (AES-256-GCM). Required when
   * NODE_ENV=production; elsewhere, without it the credentials API cannot store anything and
   * only the GITHUB_* variables below are used.
   */
  CREDENTIALS_ENCRYPTION_KEY: EncryptionKeySchema.optional(),
  /** Personal access token. Ignored when a GitHub App is configured; stored credentials win over both. */
  GITHUB_TOKEN: z.string().optional(),
  /** GitHub App id (or client id): the app's installation tokens are used instead of a PAT. */
  GITHUB_APP_ID: z.string().regex(/^[0-9A-Za-z.]+$/, 'must be the numeric App ID or the client ID').optional(),
  /** The App's PEM private key; `\n`-escaped single-line values are accepted. */
  GITHUB_APP_PRIVATE_KEY: z.string().transform(normalizePrivateKey).optional(),
  /** Pins one installation; unset finds the installation of each repository (and caches it). */
  GITHUB_APP_INSTALLATION_ID: z.coerce.number().int().positive().optional(),
  /** GitHub REST base URL: GitHub Enterprise Server (`https://host/api/v3`), or a local stand-in in tests. */
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** Time one request to GitHub may take until its response headers arrive; past it the caller gets 504. */
  GITHUB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Retries of a failed GitHub call (5xx, network, rate limits) before the error is returned. */
  GITHUB_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /**
   * The longest rate-limit wait (GitHub's `Retry-After` or reset time) spent in place. A longer
   * one goes back to the caller as 429 with that `Retry-After` instead of holding the request.
   */
  GITHUB_MAX_RETRY_AFTER_SECONDS: z.coerce.number().int().min(0).max(600).default(10),
  /** Space content-creating GitHub requests as GitHub asks (set to false only for local stand-ins). */
  GITHUB_THROTTLE: z.stringbool().default(true),
  /** How long `/health` reuses its last probe of GitHub, so health checks cost GitHub nothing. */
  GITHUB_HEALTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** How long the stored result of an Idempotency-Key write is replayed; older ones are deleted hourly. */
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
  /** Error reporting of this service itself. */
  SENTRY_DSN: z.string().optional(),
  /** OTLP/HTTP collector base URL; spans go to `<url>/v1/traces`. Unset: no spans are exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export type Config = z.infer<typeof EnvSchema>;

/**
 * Parses the environment. An empty value counts as unset, so copied `.env` lines like
 * `GITHUB_TOKEN=` take the default instead of failing validation.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.NODE_ENV === 'production' && !config.CREDENTIALS_ENCRYPTION_KEY) {
    problems.push('CREDENTIALS_ENCRYPTION_KEY: required when NODE_ENV=production (openssl rand -base64 32)');
  }
  if (Boolean(config.GITHUB_APP_ID) !== Boolean(config.GITHUB_APP_PRIVATE_KEY)) {
    problems.push('GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY: set both to use a GitHub App, or neither');
  }
  if (problems.length > 0) throw new Error(`invalid configuration: ${problems.join('; ')}`);
  return config;
}
