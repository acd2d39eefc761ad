import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createMetrics } from './http/metrics.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';
import { startTaskEventsConsumer } from './read-model/task-events-consumer.js';

/** Events applied at once; enough to keep up with every producer, and order does not matter. */
const TASK_EVENTS_CONCURRENCY = 8;

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'dashboard-api');
const sentry = initSentry(config.SENTRY_DSN, 'dashboard-api');

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();

// BullMQ workers need maxRetriesPerRequest: null (blocking commands must wait through reconnects).
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
const metrics = createMetrics('dashboard-api');
const consumer = startTaskEventsConsumer({
  connection: redis,
  prefix: config.QUEUE_PREFIX,
  concurrency: TASK_EVENTS_CONCURRENCY,
  db: database.db,
  logger,
  metrics,
});

const app = await buildApp({
  logger,
  database,
  taskLogsDir: config.TASK_LOGS_DIR,
  pingRedis: async () => {
    await redis.ping();
  },
  metrics,
});

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) {
    logger.error({ err }, 'shutting down after an error');
    if (sentry) captureError(err);
  } else {
    logger.info({ signal }, 'shutting down');
  }
  await app.close();
  await consumer.close();
  redis.disconnect();
  await database.close();
});

await app.listen({ port: config.PORT, host: config.HOST });
