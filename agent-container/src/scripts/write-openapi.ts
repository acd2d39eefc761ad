// Writes the committed openapi.json from the routes' zod schemas (`npm run openapi`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { DEFAULT_AGENT } from '../agents/agent-catalog.js';
import { buildApp } from '../app.js';
import { RunningTasks } from '../status/running-tasks.js';

const neverCalled = (): never => {
  throw new Error('the OpenAPI writer never calls a dependency');
};
// Routes are registered but never called.
const app = await buildApp({
  logger: pino({ level: 'silent' }),
  serviceToken: 'x'.repeat(32),
  pingDatabase: neverCalled,
  pingRedis: neverCalled,
  running: new RunningTasks(),
  runnerAvailability: neverCalled,
  agents: neverCalled,
  defaultAgent: DEFAULT_AGENT,
  cancelTask: neverCalled,
  concurrency: { agentTasks: 0, notifications: 0 },
});
await app.ready();
const target = fileURLToPath(new URL('../../openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
console.log(`wrote ${target}`);
