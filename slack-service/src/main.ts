import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { deprecationWarnings, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { buildDependencies, optionsFromConfig } from './dependencies.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { createTracing } from './observability/tracing.js';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'slack-service');
const sentry = await initSentry(config.SENTRY_DSN, 'slack-service');
for (const warning of deprecationWarnings(process.env)) logger.warn(warning);

const database = openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  onError: (err) => logger.error({ err }, 'idle database connection failed'),
});
await database.migrate();

if (!config.SLACK_BOT_TOKEN) logger.warn('SLACK_BOT_TOKEN is not set: Slack calls answer 503 credentials_missing until a token is stored');
if (!config.CREDENTIALS_ENCRYPTION_KEY) logger.warn('CREDENTIALS_ENCRYPTION_KEY is not set: the credentials API cannot store a token');

const tracing = createTracing({ service: 'slack-service', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const app = await buildApp(buildDependencies({ ...optionsFromConfig(config, logger, database), tracer: tracing.tracer }));

// Stored Idempotency-Key results are only useful while a caller may still retry.
const idempotency = new IdempotencyStore(database.db);
const prune = () =>
  idempotency
    .prune(new Date(Date.now() - config.IDEMPOTENCY_RETENTION_HOURS * 3600 * 1000))
    .then((count) => {
      if (count > 0) logger.info({ count }, 'pruned old idempotency records');
    })
    .catch((err: unknown) => logger.error({ err }, 'pruning idempotency records failed'));
const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
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
