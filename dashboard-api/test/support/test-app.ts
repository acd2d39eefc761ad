import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type AppDeps, buildApp } from '../../src/app.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { type Metrics, createMetrics } from '../../src/http/metrics.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  metrics: Metrics;
  taskLogsDir: string;
  close(): Promise<void>;
}

/** dashboard-api on a throwaway database (migrated) and a throwaway task-log directory. */
export async function startTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const database = openDatabase({ url: testDb.url, dataDir: '' });
  await database.migrate();
  const taskLogsDir = await mkdtemp(join(tmpdir(), 'dashboard-api-logs-'));
  const metrics = createMetrics('dashboard-api');
  const app = await buildApp({
    logger: pino({ level: 'silent' }),
    database,
    taskLogsDir,
    pingRedis: async () => undefined,
    metrics,
    ...overrides,
  });
  return {
    app,
    database,
    metrics,
    taskLogsDir,
    async close() {
      await app.close();
      await database.close();
      await testDb.drop();
      await rm(taskLogsDir, { recursive: true, force: true });
    },
  };
}
