import { randomBytes } from 'node:crypto';
import type { Tracer } from '@opentelemetry/api';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type GithubStandInOptions, startGithubStandIn } from '../../../e2e/stand-ins/github-api.js';
import { type GithubDeps, buildApp } from '../../src/app.js';
import type { GithubCredentials } from '../../src/credentials/github-credentials.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { IdempotencyStore, type IdempotencyStoreOptions } from '../../src/idempotency/idempotency-store.js';
import { createTestDatabase } from './test-database.js';

export const SERVICE_TOKEN = 'test-service-token-0123456789';
export const auth = { authorization: `Bearer ${SERVICE_TOKEN}` };

export interface TestAppOptions {
  /** @defaultValue a PAT, `ghp_test` */
  environment?: GithubCredentials | null;
  /** @defaultValue a random key; null runs without CREDENTIALS_ENCRYPTION_KEY */
  encryptionKey?: Buffer | null;
  standIn?: GithubStandInOptions;
  /** Overrides of the client settings; the base URL defaults to the stand-in's. */
  settings?: Partial<GithubDeps['settings']>;
  healthCacheMs?: number;
  /** Reuse a database (and its stored credentials) instead of making a new one. */
  databaseUrl?: string;
  /** @defaultValue a silent logger */
  logger?: FastifyBaseLogger;
  tracer?: Tracer;
  /** Lease and clock of the Idempotency-Key store. @defaultValue the store's defaults */
  idempotency?: IdempotencyStoreOptions;
}

export type GithubStandIn = Awaited<ReturnType<typeof startGithubStandIn>>;

export interface TestApp {
  app: FastifyInstance;
  github: GithubStandIn;
  database: DatabaseHandle;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * github-service as it runs, against a real throwaway Postgres database and the GitHub
 * stand-in. Waits are shrunk (10 ms per second of Retry-After or backoff) and spacing of
 * writes is off, so retry paths run in milliseconds with the plugins' real logic.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const github = await startGithubStandIn(options.standIn);
  const testDb = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? testDb?.url ?? '';
  const database = openDatabase({ url: databaseUrl, dataDir: '' });
  await database.migrate();
  const encryptionKey = options.encryptionKey === null ? undefined : (options.encryptionKey ?? randomBytes(32));
  const app = await buildApp({
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.tracer ? { tracer: options.tracer } : {}),
    database,
    ...(options.idempotency ? { idempotency: new IdempotencyStore(database.db, options.idempotency) } : {}),
    serviceToken: SERVICE_TOKEN,
    github: {
      settings: {
        baseUrl: github.url,
        timeoutMs: 2000,
        maxRetries: 2,
        maxRetryAfterSeconds: 5,
        throttle: false,
        retryAfterBaseMs: 10,
        ...options.settings,
      },
      environment: options.environment === undefined ? { type: 'token', token: 'ghp_test' } : options.environment,
      encryptionKey,
      healthCacheMs: options.healthCacheMs ?? 30_000,
    },
  });
  return {
    app,
    github,
    database,
    databaseUrl,
    async close() {
      await app.close();
      await database.close();
      await testDb?.drop();
      await github.close();
    },
  };
}

/** A loopback port nothing listens on: connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
