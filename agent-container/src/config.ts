import { z } from 'zod';

const positiveInt = () => z.coerce.number().int().positive();

/** Everything agent-container reads from its environment. Only `main.ts` passes `process.env` in. */
export const EnvSchema = z.object({
  /** Port of the internal status API (health, metrics, running tasks). */
  PORT: z.coerce.number().int().min(0).max(65535).default(8085),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Postgres connection string; unset means an embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data/agent-container'),
  /** BullMQ's Redis; it must run with `maxmemory-policy noeviction`. */
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key, shared with the gateway (two platforms can share one Redis). */
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** The shared task-log volume: `<dir>/<task id>/03..06`. */
  TASK_LOGS_DIR: z.string().default('./data/task-logs'),
  /** Per-task workspaces are created here and removed when the task ends. */
  WORKSPACES_DIR: z.string().default('./data/workspaces'),
  /** Bearer token presented to the provider services and required on `/api/*`. */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters'),
  GITHUB_SERVICE_URL: z.url().default('http://127.0.0.1:8081'),
  /** Public URL of the dashboard, for the task link in a failure comment. */
  DASHBOARD_URL: z.url().optional(),
  /** OpenAI-compatible endpoint of the model server, `/v1` included. */
  VLLM_BASE_URL: z.url().default('http://127.0.0.1:8000/v1'),
  /** Served model name; unset means the first model `GET /v1/models` lists. */
  VLLM_MODEL: z.string().min(1).optional(),
  /** Only sent to the agent CLI on stdin, never through its environment. */
  VLLM_API_KEY: z.string().min(1).optional(),
  /** Retries of one model request (connection errors, 408/409/429/5xx) inside the CLI. */
  VLLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Agent runs at once in this process; each one is a CLI process talking to the model. */
  AGENT_CONCURRENCY: positiveInt().default(2),
  /** Acknowledgements are small HTTP calls, so many run at once and never wait behind agents. */
  NOTIFICATION_CONCURRENCY: positiveInt().default(20),
  /** Model turns per run before the CLI gives up. */
  AGENT_MAX_STEPS: positiveInt().default(30),
  /** Wall time of one run; the CLI's whole process group is killed after it. */
  AGENT_TIMEOUT_MS: positiveInt().default(15 * 60_000),
  /** Bytes of JSONL the runner reads from the CLI before it kills it. */
  AGENT_MAX_OUTPUT_BYTES: positiveInt().default(10 * 1024 * 1024),
  /** Wall time of one `run_command` tool call. */
  AGENT_COMMAND_TIMEOUT_MS: positiveInt().default(120_000),
  /** Bytes of one tool result shown to the model (head and tail are kept). */
  AGENT_TOOL_OUTPUT_BYTES: positiveInt().default(32 * 1024),
  /** USD per million tokens, for cost accounting where the model server reports none. */
  MODEL_PRICE_INPUT_PER_MTOK: z.coerce.number().nonnegative().default(0),
  MODEL_PRICE_OUTPUT_PER_MTOK: z.coerce.number().nonnegative().default(0),
  /** How long SIGTERM waits for running agent tasks before they are handed back to the queue. */
  SHUTDOWN_GRACE_MS: positiveInt().default(90_000),
  /** Error reporting of this service itself. */
  SENTRY_DSN: z.string().optional(),
});

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`VLLM_API_KEY=` in .env) means unset, not an empty value.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
