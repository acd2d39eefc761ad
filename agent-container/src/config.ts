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
  JIRA_SERVICE_URL: z.url().default('http://127.0.0.1:8082'),
  SLACK_SERVICE_URL: z.url().default('http://127.0.0.1:8083'),
  SENTRY_SERVICE_URL: z.url().default('http://127.0.0.1:8084'),
  /** Public URL of the dashboard, for the task link in status messages, answers and failures. */
  DASHBOARD_URL: z.url().optional(),
  /** OpenAI-compatible endpoint of the model server, `/v1` included. */
  VLLM_BASE_URL: z.url().default('http://127.0.0.1:8000/v1'),
  /** Served model name; unset means the first model `GET /v1/models` lists. */
  VLLM_MODEL: z.string().min(1).optional(),
  /** Only sent to the agent CLI on stdin, never through its environment. */
  VLLM_API_KEY: z.string().min(1).optional(),
  /** Retries of one model request (connection errors, 408/409/429/5xx) inside the CLI. */
  VLLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** The mention the gateway answers to, for the `help` text. */
  AGENT_MENTION: z.string().min(1).default('@agent'),
  /** Agent runs at once in this process; each one is a CLI process talking to the model. */
  AGENT_CONCURRENCY: positiveInt().default(2),
  /**
   * How long an agent-tasks job's lock lasts; the worker renews it at half this while the run goes
   * on, however many minutes that is. A worker that dies stops renewing, and its job is taken over
   * once the lock has expired and a stalled-job check (every AGENT_STALLED_INTERVAL_MS) sees it.
   */
  AGENT_LOCK_DURATION_MS: positiveInt().default(120_000),
  AGENT_STALLED_INTERVAL_MS: positiveInt().default(30_000),
  /** Times a job may be found stalled (its worker died) before it fails instead of running again. */
  AGENT_MAX_STALLED_COUNT: z.coerce.number().int().min(0).default(2),
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
  /** Input plus output tokens per run, unless the agent's definition says otherwise; unset: no limit. */
  AGENT_MAX_TOKENS: positiveInt().optional(),
  /** USD per run (at MODEL_PRICE_*), unless the agent's definition says otherwise; unset: no limit. */
  AGENT_MAX_COST_USD: z.coerce.number().positive().optional(),
  /** Least time between two progress edits of a status message (GitHub limits content-changing requests). */
  PROGRESS_UPDATE_INTERVAL_MS: positiveInt().default(15_000),
  /** How long a task keeps its place in its conversation without renewal; a crashed worker blocks the conversation at most this long. */
  CONVERSATION_LEASE_MS: positiveInt().default(10 * 60_000),
  /** A task whose conversation is busy goes back to the queue for this long before it looks again. */
  CONVERSATION_REQUEUE_DELAY_MS: positiveInt().default(2_000),
  /** Earlier answered requests of a conversation shown to the agent. */
  CONVERSATION_HISTORY_TURNS: z.coerce.number().int().min(0).default(10),
  /** Bare mirrors of the repositories tasks clone, so a repository's next task fetches only what changed. */
  REPO_CACHE_DIR: z.string().default('./data/repo-cache'),
  /** The mirror cache is trimmed to this, least recently used first, every 20 tasks or every minute while tasks run. */
  REPO_CACHE_MAX_BYTES: positiveInt().default(10 * 1024 ** 3),
  /** Disk one task's workspace may take (checkout and whatever the agent writes); the run is stopped past it. */
  WORKSPACE_MAX_BYTES: positiveInt().default(2 * 1024 ** 3),
  /** Wall time of one git command (clone, fetch, push). */
  GIT_TIMEOUT_MS: positiveInt().default(300_000),
  /** The author and committer of the commits the platform makes. */
  AGENT_GIT_AUTHOR_NAME: z.string().min(1).default('SWE AI Fleet'),
  AGENT_GIT_AUTHOR_EMAIL: z.string().min(3).default('swe-ai-fleet@users.noreply.github.com'),
  /** USD per million tokens, for cost accounting where the model server reports none. */
  MODEL_PRICE_INPUT_PER_MTOK: z.coerce.number().nonnegative().default(0),
  MODEL_PRICE_OUTPUT_PER_MTOK: z.coerce.number().nonnegative().default(0),
  /** How long SIGTERM waits for running agent tasks before they are handed back to the queue. */
  SHUTDOWN_GRACE_MS: positiveInt().default(90_000),
  /** Error reporting of this service itself. */
  SENTRY_DSN: z.string().optional(),
  /**
   * OTLP/HTTP collector for this service's traces (spans go to `<url>/v1/traces`). Unset: spans
   * are still made, so log lines carry trace ids, and are dropped.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
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
