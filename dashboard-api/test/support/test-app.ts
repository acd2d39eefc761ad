import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { type AppDeps, buildApp } from '../../src/app.js';
import { ApiTokenStore } from '../../src/auth/api-token-store.js';
import { type User, UserStore } from '../../src/auth/user-store.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { type Metrics, createMetrics } from '../../src/http/metrics.js';
import { createTestDatabase } from './test-database.js';

export const ADMIN_EMAIL = 'admin@fleet.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';
/**
 * A cheaper scrypt cost than production's, so the many sign-ins of the tests stay quick on a
 * small CI machine. Production's cost is covered by the password-hasher tests.
 */
export const TEST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  /** The throwaway database, for a test that needs its own connection. */
  databaseUrl: string;
  metrics: Metrics;
  taskLogsDir: string;
  /** An admin with a password and an API token. */
  admin: User;
  adminToken: string;
  /** `app.inject` as the admin, with the API token (no CSRF needed). */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** dashboard-api on a throwaway database (migrated) and a throwaway task-log directory. */
export async function startTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const database = openDatabase({ url: testDb.url, dataDir: '' });
  await database.migrate();
  const admin = await new UserStore(database.db, TEST_SCRYPT).create({ email: ADMIN_EMAIL, name: 'Ada Admin', role: 'admin', password: ADMIN_PASSWORD });
  const { token: adminToken } = await new ApiTokenStore(database.db).create(admin.id, 'tests');
  const taskLogsDir = await mkdtemp(join(tmpdir(), 'dashboard-api-logs-'));
  const metrics = createMetrics('dashboard-api');
  const app = await buildApp({
    logger: pino({ level: 'silent' }),
    database,
    taskLogsDir,
    pingRedis: async () => undefined,
    metrics,
    liveTail: { pollMs: 50, quietStepsToEnd: 2 },
    scrypt: TEST_SCRYPT,
    ...overrides,
  });
  return {
    app,
    database,
    databaseUrl: testDb.url,
    metrics,
    taskLogsDir,
    admin,
    adminToken,
    inject: (options) => app.inject({ ...options, headers: { authorization: `Bearer ${adminToken}`, ...options.headers } }),
    async close() {
      await app.close();
      await database.close();
      await testDb.drop();
      await rm(taskLogsDir, { recursive: true, force: true });
    },
  };
}
