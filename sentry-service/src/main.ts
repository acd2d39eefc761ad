import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { composeServices } from './compose-services.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createMetrics } from './http/metrics.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { createTracing } from './observability/tracing.js';

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'sentry-service');
const sentryDsn = await initSentry(config.SENTRY_DSN, 'sentry-service');

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();

const services = composeServices({
  database,
  metrics: createMetrics('sentry-service'),
  encryptionKey: config.CREDENTIALS_ENCRYPTION_KEY,
  environmentCredentials: { auth_token: config.SENTRY_AUTH_TOKEN, organization: config.SENTRY_ORG, base_url: config.SENTRY_BASE_URL },
  client: { timeoutMs: config.SENTRY_TIMEOUT_MS, maxRetries: config.SENTRY_MAX_RETRIES, maxRetryWaitMs: config.SENTRY_MAX_RETRY_WAIT_MS },
  // A pending Idempotency-Key outlives the longest call: every attempt timing out, every wait at its maximum.
  idempotency: { pendingTimeoutMs: (config.SENTRY_MAX_RETRIES + 1) * (config.SENTRY_TIMEOUT_MS + config.SENTRY_MAX_RETRY_WAIT_MS) + 60_000 },
});
if (!config.CREDENTIALS_ENCRYPTION_KEY) logger.warn('CREDENTIALS_ENCRYPTION_KEY is not set: credentials can come only from the environment');
const status = await services.credentials.status().catch(() => null);
if (status && (!status.fields.auth_token.set || !status.fields.organization.set)) {
  logger.warn('no Sentry auth token or organization configured: Sentry calls answer 503 credentials_missing until credentials are set');
}

const tracing = createTracing({ service: 'sentry-service', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const app = await buildApp({ logger, database, serviceToken: config.SERVICE_TOKEN, ...services, tracer: tracing.tracer });

// Stored results of Idempotency-Key writes are replayed for IDEMPOTENCY_RETENTION_HOURS, then dropped.
const retentionMs = config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000;
const pruneTimer = setInterval(() => {
  services.idempotency.prune(new Date(Date.now() - retentionMs)).then(
    (deleted) => deleted > 0 && logger.info({ deleted }, 'expired idempotency records removed'),
    (err: unknown) => logger.warn({ err }, 'could not prune idempotency records'),
  );
}, 3_600_000);
pruneTimer.unref();

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) {
    logger.error({ err }, 'shutting down after an error');
    if (sentryDsn) captureError(err);
  } else {
    logger.info({ signal }, 'shutting down');
  }
  clearInterval(pruneTimer);
  await app.close();
  await database.close();
  await tracing.shutdown();
});

await app.listen({ port: config.PORT, host: config.HOST });
