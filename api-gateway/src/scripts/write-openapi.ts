// Writes the committed openapi.json from the routes' zod schemas (`npm run openapi`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildApp } from '../app.js';
import type { DatabaseHandle } from '../db/database.js';
import type { TaskProducer } from '../queue/task-queues.js';

const neverCalled = (): never => {
  throw new Error('the OpenAPI writer never touches the database or Redis');
};
// Routes are registered but never called, so neither the database nor Redis is used.
const unusedDatabase: DatabaseHandle = {
  db: new Proxy({}, { get: neverCalled }) as DatabaseHandle['db'],
  migrate: neverCalled,
  ping: neverCalled,
  close: async () => undefined,
};
const unusedQueues: TaskProducer = { isReady: () => false, ping: neverCalled, enqueueTask: neverCalled };
const { app } = await buildApp({
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
const target = fileURLToPath(new URL('../../openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
console.log(`wrote ${target}`);
