import { z } from 'zod';

/** A comma-separated list in one variable, e.g. `https://hooks.slack.com/,https://hooks.slack-gov.com/`. */
const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0));

/** 32 random bytes, base64 (`openssl rand -base64 32`): the AES-256-GCM key for stored credentials. */
const encryptionKey = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

/** Everything slack-service reads from its environment. Only `main.ts` passes `process.env` in. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Postgres connection string; unset means an embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data/slack-service'),
  /** Shared secret every caller presents as `Authorization: Bearer <token>` on `/api/*`. */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters'),
  /** Error reporting of this service itself (not the Sentry integration the platform answers). */
  SENTRY_DSN: z.string().optional(),
  /** OTLP/HTTP collector base URL; spans go to `<url>/v1/traces`. Unset: no spans are exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),

  /**
   * Bot token (xoxb-...) used when none is stored through the credentials API; a stored token
   * always wins, so a rotation through the API needs no restart.
   */
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must be a bot token (xoxb-...)').optional(),
  /** Web API base URL: a local stand-in in tests, Slack's GovSlack host in that cloud. */
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  /** Time allowed for one Slack call; a call that takes longer answers 504 and is not retried. */
  SLACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Retries of a Slack 5xx or network error, with exponential backoff and jitter. */
  SLACK_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Delay before the first retry; doubles each time (capped at 10 s). */
  SLACK_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(1).max(60_000).default(500),
  /**
   * A Slack 429 whose Retry-After is at most this many seconds is waited out and retried here;
   * a longer one is answered 429 with Retry-After, so the caller's queue backs off instead.
   */
  SLACK_RATE_LIMIT_MAX_WAIT_SECONDS: z.coerce.number().int().min(0).max(120).default(5),
  /**
   * Longest text sent in one message; longer texts are split at line breaks. Slack truncates
   * message text above 40,000 characters, and asks clients to keep messages under 4,000.
   */
  SLACK_MESSAGE_MAX_CHARS: z.coerce.number().int().min(500).max(40_000).default(4_000),
  /** A text that needs more messages than this is posted as a short preview plus a file snippet. */
  SLACK_MAX_MESSAGES_PER_TEXT: z.coerce.number().int().min(1).max(20).default(5),
  /**
   * URL prefixes a slash command's response_url may start with. Slack's response URLs live on
   * https://hooks.slack.com/; tests add the loopback stand-in. Anything else is refused (SSRF).
   */
  SLACK_RESPONSE_URL_ALLOWED_PREFIXES: commaList.default(['https://hooks.slack.com/']),
  /** Key that encrypts stored credentials; without it the credentials API cannot store anything. */
  CREDENTIALS_ENCRYPTION_KEY: encryptionKey.optional(),
  /** How long a replica trusts its cached copy of the stored token before reading it again. */
  CREDENTIALS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  /**
   * How long the stored result of an Idempotency-Key write is replayed; older ones are deleted
   * hourly. The name the other provider services use; the old IDEMPOTENCY_TTL_HOURS is still read
   * when this one is unset (see DEPRECATED_NAMES).
   */
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
});

/** Old variable names still honoured when their replacement is unset: replacement → old name. */
const DEPRECATED_NAMES = { IDEMPOTENCY_RETENTION_HOURS: 'IDEMPOTENCY_TTL_HOURS' } as const;

/** One line per deprecated variable set in `env`, for the log at start. */
export function deprecationWarnings(env: Record<string, string | undefined>): string[] {
  return Object.entries(DEPRECATED_NAMES)
    .filter(([, oldName]) => env[oldName] !== undefined && env[oldName] !== '')
    .map(([name, oldName]) => `${oldName} is deprecated: set ${name} instead (it wins when both are set)`);
}

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`SLACK_BOT_TOKEN=` in a compose file) means "not set", not "set to ''".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  for (const [name, oldName] of Object.entries(DEPRECATED_NAMES)) {
    if (present[name] === undefined && present[oldName] !== undefined) present[name] = present[oldName];
  }
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
