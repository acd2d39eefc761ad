import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type AppDeps, buildApp } from '../../src/app.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { type JiraStandIn, startJiraStandIn } from '../../../e2e/stand-ins/jira-api.js';
import { createTestDatabase } from './test-database.js';

export const SERVICE_TOKEN = 'test-service-token-0123456789';
export const auth = { authorization: `Bearer ${SERVICE_TOKEN}` };
export const ENV_EMAIL = 'agent@example.com';
export const ENV_API_TOKEN = 'env-api-token-7f3a9c';

export interface TestApp {
  app: FastifyInstance;
  jira: JiraStandIn;
  database: DatabaseHandle;
  /** The throwaway database, for tests that look at what is stored. */
  databaseUrl: string;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The service against a fresh database and a Jira stand-in, with the stand-in's credentials in
 * the JIRA_* variables (unless `environment: false`). Retries wait 1 ms; a Jira answer that does
 * not match jira.js's schema fails the call, so the stand-in must speak Jira's real shapes.
 */
export async function startTestApp(
  options: { environment?: boolean; encryptionKey?: Buffer | null; timeoutMs?: number; maxRetryAfterSeconds?: number } = {},
  overrides: Partial<AppDeps> = {},
): Promise<TestApp> {
  const jira = await startJiraStandIn({ email: ENV_EMAIL, apiToken: ENV_API_TOKEN });
  const testDb = await createTestDatabase();
  const database = openDatabase({ url: testDb.url, dataDir: '' });
  await database.migrate();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({
    logger: pino({ level: 'trace' }, sink),
    database,
    serviceToken: SERVICE_TOKEN,
    jira: {
      timeoutMs: options.timeoutMs ?? 2_000,
      retry: { maxRetries: 2, baseDelayMs: 1, maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 1 },
      onSchemaMismatch: 'throw',
    },
    environmentCredentials: options.environment === false ? {} : { baseUrl: jira.url, email: ENV_EMAIL, apiToken: ENV_API_TOKEN },
    encryptionKey: options.encryptionKey === undefined ? randomBytes(32) : options.encryptionKey,
    healthCacheMs: 0,
    ...overrides,
  });
  return {
    app,
    jira,
    database,
    databaseUrl: testDb.url,
    logs,
    async close() {
      await app.close();
      await database.close();
      await testDb.drop();
      await jira.close();
    },
  };
}
