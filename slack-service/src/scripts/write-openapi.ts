// Writes the committed openapi.json from the routes' zod schemas (`npm run openapi`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildApp } from '../app.js';
import type { DatabaseHandle } from '../db/database.js';
import { buildDependencies } from '../dependencies.js';

const neverCalled = (): never => {
  throw new Error('the OpenAPI writer never touches the database');
};
// Routes are registered but never called, so neither the database nor Slack is used.
const unusedDatabase: DatabaseHandle = {
  db: new Proxy({}, { get: neverCalled }) as DatabaseHandle['db'],
  migrate: neverCalled,
  ping: neverCalled,
  close: async () => undefined,
};
const deps = buildDependencies({
  logger: pino({ level: 'silent' }),
  database: unusedDatabase,
  serviceToken: 'x'.repeat(32),
  apiUrl: 'https://slack.com/api/',
  timeoutMs: 1000,
  maxRetries: 0,
  retryBaseDelayMs: 1,
  rateLimitMaxWaitSeconds: 0,
  limits: { maxChars: 4000, maxMessages: 5 },
  responseUrlPrefixes: ['https://hooks.slack.com/'],
  credentialsCacheMs: 0,
});
const app = await buildApp(deps);
await app.ready();
const target = fileURLToPath(new URL('../../openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
console.log(`wrote ${target}`);
