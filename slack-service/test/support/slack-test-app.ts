import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type SlackStandIn, startSlackStandIn } from '../../../e2e/stand-ins/slack-api.js';
import { buildApp } from '../../src/app.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { type SlackServiceOptions, buildDependencies } from '../../src/dependencies.js';
import { createTestDatabase } from './test-database.js';

export const SERVICE_TOKEN = 'test-service-token-0123456789';
export const auth = { authorization: `Bearer ${SERVICE_TOKEN}` };
export const ENV_BOT_TOKEN = 'xoxb-env-0000000000-token';

export interface SlackTestApp {
  app: FastifyInstance;
  slack: SlackStandIn;
  database: DatabaseHandle;
  /** The throwaway database, for looking at what the service stored. */
  databaseUrl: string;
  /** Waits the service asked for (rate limits, response_url backoff), in ms, instead of sleeping. */
  waits: number[];
  /** Builds another app on the same database and stand-in, with other options. */
  rebuild(overrides: Partial<SlackServiceOptions>): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/**
 * slack-service as main.ts builds it, on a throwaway Postgres database, talking to a fresh
 * Slack stand-in. Small limits make splitting easy to exercise; real waits are skipped.
 */
export async function startSlackTestApp(overrides: Partial<SlackServiceOptions> = {}): Promise<SlackTestApp> {
  const slack = await startSlackStandIn();
  const testDb = await createTestDatabase();
  const database = openDatabase({ url: testDb.url, dataDir: '' });
  await database.migrate();
  const waits: number[] = [];
  const apps: FastifyInstance[] = [];
  const base: SlackServiceOptions = {
    logger: pino({ level: 'silent' }),
    database,
    serviceToken: SERVICE_TOKEN,
    apiUrl: slack.apiUrl,
    environmentToken: ENV_BOT_TOKEN,
    encryptionKey: randomBytes(32).toString('base64'),
    timeoutMs: 2000,
    maxRetries: 2,
    retryBaseDelayMs: 5,
    rateLimitMaxWaitSeconds: 5,
    limits: { maxChars: 1000, maxMessages: 3 },
    responseUrlPrefixes: [`${slack.url}/commands/`],
    credentialsCacheMs: 0,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  const build = async (options: Partial<SlackServiceOptions>) => {
    const app = await buildApp(buildDependencies({ ...base, ...overrides, ...options }));
    apps.push(app);
    return app;
  };
  const app = await build({});
  return {
    app,
    slack,
    database,
    databaseUrl: testDb.url,
    waits,
    rebuild: build,
    async close() {
      for (const built of apps) await built.close();
      await database.close();
      await testDb.drop();
      await slack.close();
    },
  };
}
