import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { credentialsFromEnvironment } from './credentials/github-credentials.js';
import { openDatabase } from './db/database.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { createTracing } from './observability/tracing.js';

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'github-service');
const sentry = await initSentry(config.SENTRY_DSN, 'github-service');

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();

const environment = credentialsFromEnvironment(config);
if (!environment) logger.warn('no GitHub credentials in the environment: calls answer 503 credentials_missing until some are stored');
if (!config.CREDENTIALS_ENCRYPTION_KEY) logger.warn('CREDENTIALS_ENCRYPTION_KEY is not set: the credentials API cannot store credentials');

// A key left pending by a process that died mid-call is taken over by a repeat of the request
// once its lease is over, and pruned hourly. The lease outlives the longest call: every attempt
// timing out, every rate-limit wait at its maximum.
const idempotency = new IdempotencyStore(database.db, {
  pendingTimeoutMs: (config.GITHUB_MAX_RETRIES + 1) * (config.GITHUB_TIMEOUT_MS + config.GITHUB_MAX_RETRY_AFTER_SECONDS * 1000) + 60_000,
});

const tracing = createTracing({ service: 'github-service', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const app = await buildApp({
  logger,
  tracer: tracing.tracer,
  database,
  idempotency,
  serviceToken: config.SERVICE_TOKEN,
  github: {
    settings: {
      baseUrl: config.GITHUB_API_URL,
      timeoutMs: config.GITHUB_TIMEOUT_MS,
      maxRetries: config.GITHUB_MAX_RETRIES,
      maxRetryAfterSeconds: config.GITHUB_MAX_RETRY_AFTER_SECONDS,
      throttle: config.GITHUB_THROTTLE,
    },
    environment,
    encryptionKey: config.CREDENTIALS_ENCRYPTION_KEY,
    healthCacheMs: config.GITHUB_HEALTH_CACHE_SECONDS * 1000,
  },
});

// Finished results are replayed for IDEMPOTENCY_RETENTION_HOURS, then dropped.
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
