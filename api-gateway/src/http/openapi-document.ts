import { pino } from 'pino';
import { buildApp } from '../app.js';
import type { DatabaseHandle } from '../db/database.js';
import type { TaskProducer } from '../queue/task-queues.js';

const neverCalled = (): never => {
  throw new Error('the OpenAPI document is built without a database or Redis');
};

/** The OpenAPI document of the routes, built without touching Postgres or Redis (routes are never called). */
export async function openapiDocument(): Promise<unknown> {
  const unusedDatabase: DatabaseHandle = {
    db: new Proxy({}, { get: neverCalled }) as DatabaseHandle['db'],
    migrate: neverCalled,
    ping: neverCalled,
    close: async () => undefined,
  };
  const unusedQueues: TaskProducer = { isReady: () => false, ping: neverCalled, enqueueTask: neverCalled };
  const { app, shutdown } = await buildApp({
    logger: pino({ level: 'silent' }),
    database: unusedDatabase,
    queues: unusedQueues,
    settings: {
      serviceToken: 'x'.repeat(32),
      taskLogsDir: 'unused',
      webhookBodyLimitBytes: 1024,
      agentMention: '@agent',
      github: { webhookSecret: undefined, botLogins: [], allowedAssociations: [] },
      outboxRelay: { intervalMs: 1_000, minAgeMs: 0 },
    },
  });
  await app.ready();
  const document = app.swagger();
  await app.close();
  // The task-log worker thread would keep the process alive.
  await shutdown();
  return document;
}
