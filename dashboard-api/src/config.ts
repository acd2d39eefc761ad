import { z } from 'zod';

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
   * Presented as `Authorization: Bearer <token>` when this service calls other components
   * (the gateway's admin API, in a later issue). It does not protect `/api` here.
   */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters').optional(),
  /** Error reporting of this service itself. */
  SENTRY_DSN: z.string().optional(),
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
