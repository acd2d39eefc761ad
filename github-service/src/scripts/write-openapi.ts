// Writes the committed openapi.json from the routes' zod schemas (`npm run openapi`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildApp } from '../app.js';
import type { DatabaseHandle } from '../db/database.js';

const neverCalled = (): never => {
  throw new Error('the OpenAPI writer never touches the database');
};
// Routes are registered but never called, so neither the database nor GitHub is used.
const unusedDatabase: DatabaseHandle = {
  db: new Proxy({}, { get: neverCalled }) as DatabaseHandle['db'],
  migrate: neverCalled,
  ping: neverCalled,
  close: async () => undefined,
};
const app = await buildApp({
  logger: pino({ level: 'silent' }),
  database: unusedDatabase,
  serviceToken: 'x'.repeat(32),
  github: {
    settings: { baseUrl: 'https://api.github.com', timeoutMs: 10_000, maxRetries: 0, maxRetryAfterSeconds: 0 },
    environment: null,
    healthCacheMs: 0,
  },
});
await app.ready();
const target = fileURLToPath(new URL('../../openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
console.log(`wrote ${target}`);
