import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createGithubClient } from './github/github-client.js';
import { GithubOperations } from './github/github-operations.js';
import { createLogger } from './observability/logger.js';
import { captureError, initSentry } from './observability/sentry.js';

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, 'github-service');
const sentry = initSentry(config.SENTRY_DSN, 'github-service');

const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();

const github = config.GITHUB_TOKEN
  ? new GithubOperations(
      (() => {
        const octokit = createGithubClient({
          token: config.GITHUB_TOKEN,
          baseUrl: config.GITHUB_API_URL,
          maxRetries: config.GITHUB_MAX_RETRIES,
          throttle: config.GITHUB_THROTTLE,
          logger,
        });
        return () => octokit;
      })(),
    )
  : null;
if (!github) logger.warn('GITHUB_TOKEN is not set: GitHub writes will answer 503 credentials_missing');

const app = await buildApp({ logger, database, serviceToken: config.SERVICE_TOKEN, github });

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) {
    logger.error({ err }, 'shutting down after an error');
    if (sentry) captureError(err);
  } else {
    logger.info({ signal }, 'shutting down');
  }
  await app.close();
  await database.close();
});

await app.listen({ port: config.PORT, host: config.HOST });
