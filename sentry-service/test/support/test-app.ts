import type { Tracer } from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type SentryStandIn, startSentryStandIn } from '../../../e2e/stand-ins/sentry-api.js';
import { buildApp } from '../../src/app.js';
import { composeServices } from '../../src/compose-services.js';
import type { CredentialValues } from '../../src/credentials/credential-store.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createMetrics } from '../../src/http/metrics.js';
import type { SentryClientOptions } from '../../src/sentry/sentry-client.js';
import { createTestDatabase } from './test-database.js';

export const SERVICE_TOKEN = 'test-service-token-0123456789';
export const auth = { authorization: `Bearer ${SERVICE_TOKEN}` };
export const STAND_IN_TOKEN = 'sntrys_stand_in_token';

export interface TestAppOptions {
  /** null: no CREDENTIALS_ENCRYPTION_KEY. @defaultValue a fresh random key */
  encryptionKey?: string | null;
  /** The environment's credentials; by default the stand-in's token, organization and URL. */
  environment?: (sentry: SentryStandIn) => CredentialValues;
  client?: Partial<SentryClientOptions>;
  /** @defaultValue a silent logger */
  logger?: FastifyBaseLogger;
  tracer?: Tracer;
}

export interface TestApp {
  app: FastifyInstance;
  services: ReturnType<typeof composeServices>;
  sentry: SentryStandIn;
  database: DatabaseHandle;
  databaseUrl: string;
  encryptionKey: string | null;
  close(): Promise<void>;
}

/** sentry-service on a throwaway database, talking to a fresh Sentry stand-in. Fast retries, short timeout. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const sentry = await startSentryStandIn();
  const testDb = await createTestDatabase();
  const database = openDatabase({ url: testDb.url, dataDir: '' });
  await database.migrate();
  const encryptionKey = options.encryptionKey === undefined ? randomBytes(32).toString('base64') : options.encryptionKey;
  const logger = options.logger ?? pino({ level: 'silent' });
  const services = composeServices({
    database,
    metrics: createMetrics('sentry-service'),
    encryptionKey: encryptionKey ?? undefined,
    environmentCredentials: options.environment?.(sentry) ?? { auth_token: STAND_IN_TOKEN, organization: sentry.organization, base_url: sentry.url },
    client: { timeoutMs: 1000, maxRetries: 2, maxRetryWaitMs: 1500, retryBaseDelayMs: 5, retryCapDelayMs: 20, ...options.client },
    probe: { cacheMs: 0 },
  });
  const app = await buildApp({ logger, database, serviceToken: SERVICE_TOKEN, ...services, ...(options.tracer ? { tracer: options.tracer } : {}) });
  return {
    app,
    services,
    sentry,
    database,
    databaseUrl: testDb.url,
    encryptionKey,
    async close() {
      await app.close();
      await database.close();
      await testDb.drop();
      await sentry.close();
    },
  };
}
