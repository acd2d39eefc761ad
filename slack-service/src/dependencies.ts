import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { AppDeps } from './app.js';
import type { Config } from './config.js';
import { CredentialCipher } from './credentials/credential-cipher.js';
import { CredentialsStore } from './credentials/credentials-store.js';
import { SlackCredentials } from './credentials/slack-credentials.js';
import type { DatabaseHandle } from './db/database.js';
import { type Metrics, createMetrics } from './http/metrics.js';
import { ResponseUrlAllowlist } from './slack/response-url-allowlist.js';
import { ResponseUrlClient } from './slack/response-url-client.js';
import type { SlackCallPolicy } from './slack/slack-call.js';
import { createSlackWebClient } from './slack/slack-client.js';
import { SlackConnection } from './slack/slack-connection.js';
import { SlackOperations } from './slack/slack-operations.js';
import { SlackReachability } from './slack/slack-reachability.js';
import type { TextLimits } from './text/plan-delivery.js';

export interface SlackServiceOptions {
  logger: Logger;
  database: DatabaseHandle;
  serviceToken: string;
  apiUrl: string;
  /** SLACK_BOT_TOKEN: used when no token is stored. */
  environmentToken?: string;
  encryptionKey?: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  rateLimitMaxWaitSeconds: number;
  limits: TextLimits;
  responseUrlPrefixes: readonly string[];
  credentialsCacheMs: number;
  metrics?: Metrics;
  /** Spans of every request (see AppDeps.tracer). */
  tracer?: Tracer;
  /** Replaces real waiting in tests (rate-limit waits, response_url backoff). */
  sleep?: (ms: number) => Promise<void>;
}

/** The service's options from its configuration (main.ts), so tests can build the same graph with their own. */
export function optionsFromConfig(config: Config, logger: Logger, database: DatabaseHandle): SlackServiceOptions {
  return {
    logger,
    database,
    serviceToken: config.SERVICE_TOKEN,
    apiUrl: config.SLACK_API_URL,
    environmentToken: config.SLACK_BOT_TOKEN,
    encryptionKey: config.CREDENTIALS_ENCRYPTION_KEY,
    timeoutMs: config.SLACK_TIMEOUT_MS,
    maxRetries: config.SLACK_MAX_RETRIES,
    retryBaseDelayMs: config.SLACK_RETRY_BASE_DELAY_MS,
    rateLimitMaxWaitSeconds: config.SLACK_RATE_LIMIT_MAX_WAIT_SECONDS,
    limits: { maxChars: config.SLACK_MESSAGE_MAX_CHARS, maxMessages: config.SLACK_MAX_MESSAGES_PER_TEXT },
    responseUrlPrefixes: config.SLACK_RESPONSE_URL_ALLOWED_PREFIXES,
    credentialsCacheMs: config.CREDENTIALS_CACHE_SECONDS * 1000,
  };
}

/** Builds every dependency `buildApp` needs; nothing here reads the environment. */
export function buildDependencies(options: SlackServiceOptions): AppDeps {
  const { logger } = options;
  const metrics = options.metrics ?? createMetrics('slack-service');
  const record = (method: string, outcome: string) => metrics.providerCalls.inc({ operation: method, outcome });
  const policy: SlackCallPolicy = {
    rateLimitMaxWaitSeconds: options.rateLimitMaxWaitSeconds,
    maxRateLimitRetries: options.maxRetries,
    logger,
    record,
    sleep: options.sleep,
  };
  const credentials = new SlackCredentials({
    store: new CredentialsStore(options.database.db, options.encryptionKey ? new CredentialCipher(options.encryptionKey) : null),
    environmentToken: options.environmentToken,
    cacheMs: options.credentialsCacheMs,
  });
  const clientOptions = { apiUrl: options.apiUrl, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries, retryBaseDelayMs: options.retryBaseDelayMs, logger };
  const slack = new SlackConnection(credentials, (token) => new SlackOperations(createSlackWebClient({ ...clientOptions, token }), options.limits, policy));
  // api.test needs no token; one quick attempt, since health probes come again soon.
  const probeClient = createSlackWebClient({ ...clientOptions, timeoutMs: Math.min(options.timeoutMs, 3000), maxRetries: 0 });
  const reachability = new SlackReachability({ probe: async () => void (await probeClient.api.test()) });
  return {
    logger,
    database: options.database,
    serviceToken: options.serviceToken,
    metrics,
    ...(options.tracer ? { tracer: options.tracer } : {}),
    credentials,
    slack,
    slackReachable: () => reachability.check(),
    limits: options.limits,
    responseUrls: {
      allowlist: new ResponseUrlAllowlist(options.responseUrlPrefixes),
      client: new ResponseUrlClient({
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries,
        retryBaseDelayMs: options.retryBaseDelayMs,
        rateLimitMaxWaitSeconds: options.rateLimitMaxWaitSeconds,
        logger,
        record,
        sleep: options.sleep,
      }),
    },
  };
}
