import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { createTracing } from './observability/tracing.js';

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'jira-service');
const sentry = await initSentry(config.SENTRY_DSN, 'jira-service');

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();

const environmentCredentials = { baseUrl: config.JIRA_BASE_URL, email: config.JIRA_EMAIL, apiToken: config.JIRA_API_TOKEN };
if (!config.CREDENTIALS_ENCRYPTION_KEY) logger.warn('CREDENTIALS_ENCRYPTION_KEY is not set: the credentials API cannot store credentials');

const tracing = createTracing({ service: 'jira-service', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const app = await buildApp({
  logger,
  tracer: tracing.tracer,
  database,
  serviceToken: config.SERVICE_TOKEN,
  jira: {
    apiUrl: config.JIRA_API_URL,
    timeoutMs: config.JIRA_TIMEOUT_MS,
    retry: {
      maxRetries: config.JIRA_MAX_RETRIES,
      baseDelayMs: config.JIRA_RETRY_BASE_DELAY_MS,
      maxRetryAfterSeconds: config.JIRA_MAX_RETRY_AFTER_SECONDS,
    },
  },
  environmentCredentials,
  encryptionKey: config.CREDENTIALS_ENCRYPTION_KEY ?? null,
  healthCacheMs: config.JIRA_HEALTH_CACHE_SECONDS * 1000,
});

// Stored results of Idempotency-Key writes are replayed for IDEMPOTENCY_RETENTION_HOURS, then dropped,
// together with keys left pending past their lease by a process that died mid-call (the same
// default lease the routes' store uses).
const idempotency = new IdempotencyStore(database.db);
const retentionMs = config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000;
const prune = () =>
  idempotency.prune(new Date(Date.now() - retentionMs)).then(
    (deleted) => deleted > 0 && logger.info({ deleted }, 'expired idempotency records removed'),
    (err: unknown) => logger.warn({ err }, 'could not prune idempotency records'),
  );
const pruneTimer = setInterval(prune, 3_600_000);
pruneTimer.unref();
void prune();

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) {
    logger.error({ err }, 'shutting down after an error');
    if (sentry) captureError(err);
  } else {
    logger.info({ signal }, 'shutting down');
  }
  clearInterval(pruneTimer);
  await app.close();
  await database.close();
  await tracing.shutdown();
});

await app.listen({ port: config.PORT, host: config.HOST });
