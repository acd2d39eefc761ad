import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

/** Everything dashboard-api reads from its environment. Only `main.ts` passes `process.env` in. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Postgres connection string; unset means an embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data/dashboard-api'),
  /** Redis holding the BullMQ queues; the read model is fed from `task-events` there. */
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix: must match the producers' (gateway, agent) for events to arrive. */
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** The shared task-log volume (`<dir>/<task id>/...`), read-only for this service. */
  TASK_LOGS_DIR: z.string().default('./data/task-logs'),
  /**
   * Presented as `Authorization: Bearer <token>` when this service calls other components (the
   * gateway's admin API, the agent's status API). It does not sign anyone in to `/api`.
   */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters').optional(),
  /** The gateway: its admin API manages webhook routes and commands; its /health is shown. */
  GATEWAY_URL: url.default('http://127.0.0.1:8080'),
  GITHUB_SERVICE_URL: url.default('http://127.0.0.1:8081'),
  JIRA_SERVICE_URL: url.default('http://127.0.0.1:8082'),
  SLACK_SERVICE_URL: url.default('http://127.0.0.1:8083'),
  SENTRY_SERVICE_URL: url.default('http://127.0.0.1:8084'),
  /** agent-container's HTTP API: /health, and /api/v1/status (running tasks, runners, agents). */
  AGENT_URL: url.default('http://127.0.0.1:8085'),
  /** The first admin: created with this email and password when no account has the email yet. */
  DASHBOARD_ADMIN_EMAIL: z.email().optional(),
  /** Used only when the admin account is created; change it in the dashboard afterwards. */
  DASHBOARD_ADMIN_PASSWORD: z.string().min(12, 'DASHBOARD_ADMIN_PASSWORD must be at least 12 characters').optional(),
  /** A bearer API token of the first admin, for automation; replaced at every start. */
  DASHBOARD_ADMIN_TOKEN: z.string().min(32, 'DASHBOARD_ADMIN_TOKEN must be at least 32 characters').optional(),
  /** A session ends this many hours after sign-in. */
  DASHBOARD_SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  /**
   * How long the ids of applied task events are kept for dedupe (`processed_events`), in days;
   * older ids are pruned hourly. A replay after that is still harmless: the read model is
   * order-safe and idempotent on its own. Keep it longer than producers may re-send an event.
   */
  PROCESSED_EVENTS_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
  /** Secure flag of the cookies: auto sets it when the request came over HTTPS (or X-Forwarded-Proto: https). */
  DASHBOARD_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /**
   * Proxies whose X-Forwarded-For is believed (proxy-addr syntax: addresses, CIDRs, `loopback`,
   * `uniquelocal`), so sign-in throttling counts the browser's address, not the proxy's. The
   * default also trusts private networks, where the dashboard's container reaches this one.
   */
  TRUST_PROXY: z.string().default('loopback,uniquelocal'),
  /** Error reporting of this service itself. */
  SENTRY_DSN: z.string().optional(),
  /** OTLP/HTTP collector base URL; spans go to `<url>/v1/traces`. Unset: no spans are exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export type Config = z.infer<typeof EnvSchema>;

/** The admin's password or token are meaningless without the admin's email. */
const ConfigSchema = EnvSchema.refine(
  (config) => Boolean(config.DASHBOARD_ADMIN_EMAIL) || (!config.DASHBOARD_ADMIN_PASSWORD && !config.DASHBOARD_ADMIN_TOKEN),
  { message: 'DASHBOARD_ADMIN_PASSWORD and DASHBOARD_ADMIN_TOKEN need DASHBOARD_ADMIN_EMAIL', path: ['DASHBOARD_ADMIN_EMAIL'] },
);

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value (`KEY=` in .env) means unset, as for every other component.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = ConfigSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
