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

/**
 * `key=owner/name` pairs, comma-separated: a Slack channel, Jira project or Sentry project and the
 * repository its tasks work on.
 */
const repositoryMap = z
  .string()
  .default('')
  .transform((value, context) => {
    const map: Record<string, { owner: string; name: string }> = {};
    for (const entry of value.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
      const match = /^([^=\s]+)\s*=\s*([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/.exec(entry);
      if (!match?.[1] || !match[2] || !match[3]) {
        context.addIssue({ code: 'custom', message: `"${entry}" is not key=owner/name` });
        continue;
      }
      map[match[1]] = { owner: match[2], name: match[3] };
    }
    return map;
  });

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
  /**
   * Logins of the platform's own GitHub identities: their comments never start a task (no reply
   * loops), and assigning an issue to one of them hands it to the agent.
   */
  GITHUB_BOT_LOGINS: commaList('swe-ai-fleet[bot]'),
  /** The GitHub App's slug: `@<slug>` summons the agent too, and `<slug>[bot]` is one of its own logins. */
  GITHUB_APP_SLUG: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
  /** `author_association` values that may start a task; GitHub reports private org members as CONTRIBUTOR or NONE. */
  GITHUB_ALLOWED_ASSOCIATIONS: commaList('OWNER,MEMBER,COLLABORATOR'),
  /** Logins that may start tasks whatever their association (outside contractors, private org members). */
  GITHUB_ALLOWED_USERS: commaList(''),
  /** When set, only repositories owned by these organizations or users are served; others are refused. */
  GITHUB_ALLOWED_ORGS: commaList(''),
  /** Adding this label to an issue hands it to the agent (for example `agent`); unset, no label does. */
  GITHUB_TRIGGER_LABEL: z.string().min(1).max(50).optional(),
  /** The command a trigger label or an assignment to the bot runs. */
  GITHUB_TRIGGER_COMMAND: z.string().regex(/^[a-z][a-z0-9-]*$/).default('implement'),
  /** The Slack app's signing secret (Basic Information); unset means `POST /webhooks/slack` refuses every request. */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /**
   * The bot user id (`U…`) of the Slack app: `<@U…>` is its mention and its messages never start a
   * task. Event payloads name it too (`authorizations`), so this is only needed for slash-command-only apps.
   */
  SLACK_BOT_USER_ID: z.string().regex(/^[UW][A-Z0-9]+$/).optional(),
  /** Slack workspace (team) ids allowed to start tasks; empty allows every workspace the app is installed in. */
  SLACK_ALLOWED_TEAMS: commaList(''),
  /** Slack user ids allowed to start tasks; empty allows everyone in an allowed workspace. */
  SLACK_ALLOWED_USERS: commaList(''),
  /** `C0123=owner/name,...`: the repository of a channel whose threads name none (`repo:owner/name`). */
  SLACK_CHANNEL_REPOSITORIES: repositoryMap,
  /** The secret of the Jira admin webhook (`X-Hub-Signature: sha256=…`); unset means `POST /webhooks/jira` refuses every delivery. */
  JIRA_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** The Jira account id the platform posts as: mentioning it summons the agent, its comments never start a task. */
  JIRA_BOT_ACCOUNT_ID: z.string().min(1).optional(),
  /** Jira account ids allowed to start tasks; empty allows every Atlassian account that can comment (never service-desk customers). */
  JIRA_ALLOWED_ACCOUNTS: commaList(''),
  /** `PROJ=owner/name,...`: the repository of each Jira project. */
  JIRA_PROJECT_REPOSITORIES: repositoryMap,
  /** The Sentry integration's client secret (`Sentry-Hook-Signature`); unset means `POST /webhooks/sentry` refuses every delivery. */
  SENTRY_CLIENT_SECRET: z.string().min(1).optional(),
  /** The organization of an internal integration, for webhooks that name none (comments); shared with sentry-service. */
  SENTRY_ORG: z.string().min(1).optional(),
  /** Sentry organization slugs allowed to start tasks; empty allows every organization that installed the integration. */
  SENTRY_ALLOWED_ORGS: commaList(''),
  /** `project-slug=owner/name,...`: the repository of each Sentry project. */
  SENTRY_PROJECT_REPOSITORIES: repositoryMap,
  /** The command an alert rule runs. */
  SENTRY_ALERT_COMMAND: z.string().regex(/^[a-z][a-z0-9-]*$/).default('fix'),
  /** An alert rule firing again for the same Sentry issue within this time makes no new task. */
  SENTRY_ALERT_DEDUPE_SECONDS: z.coerce.number().int().min(0).default(3600),
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
  /** OTLP/HTTP collector base URL; spans go to `<url>/v1/traces`. Unset: no spans are exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
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
