// Every admin, dashboard and service API route refuses a caller without valid credentials. The
// routes come from every committed openapi.json (and, to catch an undocumented route, from each
// running service's own /docs/json); each built component runs as a real process.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningComponent, freePort, root, startComponent } from '../support/processes.js';
import { deleteQueueKeys } from '../faults/support/queue-jobs.js';
import { createTestDatabase } from '../support/test-database.js';
import { type ApiRoute, committedDocuments, concretePath, isPublic, isPublicByDesign, routesOf } from './support/openapi-routes.js';

const SERVICE_TOKEN = 'route-auth-service-token-5f0c2a9e7b';
/** Same length as the real token, so a length check alone cannot tell them apart. */
const WRONG_TOKEN = SERVICE_TOKEN.replace(/.$/, (last) => (last === 'x' ? 'y' : 'x'));
const REFUSED = [401, 403];

/** Credentials that must all be refused. */
const WRONG_CREDENTIALS: Array<{ name: string; headers: Record<string, string> }> = [
  { name: 'no Authorization header', headers: {} },
  { name: 'a wrong bearer token of the right length', headers: { authorization: `Bearer ${WRONG_TOKEN}` } },
  { name: 'the right token under the Basic scheme', headers: { authorization: `Basic ${Buffer.from(`x:${SERVICE_TOKEN}`).toString('base64')}` } },
  { name: 'the right token with a suffix', headers: { authorization: `Bearer ${SERVICE_TOKEN}x` } },
  { name: 'an empty bearer token', headers: { authorization: 'Bearer ' } },
  { name: 'a forged session cookie', headers: { cookie: 'session=forged; sid=forged; swe_session=forged' } },
];

interface Answer {
  status: number;
  body: string;
}

/** node:http rather than fetch: the request target goes on the wire exactly as written (absolute form too). */
function send(port: number, method: string, target: string, headers: Record<string, string>): Promise<Answer> {
  const body = ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path: target, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${target} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Spellings of an `/api` path that a router still matches but a naive prefix check does not. */
function obfuscated(target: string, port: number): string[] {
  return [target.replace('/api/', '/%61pi/'), target.replace(/^\/api\/v(\d)/, '/api/%76$1'), `http://127.0.0.1:${port}${target}`];
}

describe('credentials on every API route', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let taskLogsDir: string;
  const queuePrefix = `e2e-auth-${randomUUID().slice(0, 8)}`;
  const running = new Map<string, RunningComponent>();
  const routes: ApiRoute[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    taskLogsDir = mkdtempSync(path.join(tmpdir(), 'e2e-route-auth-'));
    // A closed port for every provider: a request that got past the check fails fast, never leaves the machine.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const common = {
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: queuePrefix,
      TASK_LOGS_DIR: taskLogsDir,
      SERVICE_TOKEN,
      LOG_LEVEL: 'warn',
      GITHUB_API_URL: nowhere,
      GITHUB_MAX_RETRIES: '0',
      JIRA_MAX_RETRIES: '0',
      SLACK_API_URL: `${nowhere}/api/`,
      SLACK_MAX_RETRIES: '0',
      SENTRY_BASE_URL: nowhere,
      SENTRY_MAX_RETRIES: '0',
      VLLM_BASE_URL: `${nowhere}/v1`,
      GITHUB_SERVICE_URL: nowhere,
      GATEWAY_URL: nowhere,
    };
    const documents = committedDocuments(root);
    await Promise.all(
      documents.map(async ({ component }) => {
        running.set(component, await startComponent(component, common, { timeoutMs: 60_000 }));
      }),
    );
    const seen = new Set<string>();
    for (const { component, document } of documents) {
      const live = (await (await fetch(`${running.get(component)?.url}/docs/json`)).json()) as unknown;
      for (const route of [...routesOf(component, document), ...routesOf(component, live)]) {
        const key = `${component} ${route.method} ${route.path}`;
        if (!seen.has(key)) routes.push(route);
        seen.add(key);
      }
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...running.values()].map((component) => component.stop()));
    await deleteQueueKeys('redis://127.0.0.1:6379', queuePrefix);
    await database?.drop();
    if (taskLogsDir) rmSync(taskLogsDir, { recursive: true, force: true });
  });

  const guarded = () => routes.filter((route) => !isPublic(route));
  const portOf = (component: string) => Number(new URL(running.get(component)?.url ?? 'http://x:0').port);

  it('finds the API routes of every service', () => {
    const components = new Set(guarded().map((route) => route.component));
    for (const name of ['github-service', 'jira-service', 'slack-service', 'sentry-service', 'agent-container', 'dashboard-api']) {
      expect(components, name).toContain(name);
    }
    expect(guarded().length).toBeGreaterThan(40);
  });

  it('documents no public route but a sign-in, beside liveness, metrics, docs and webhooks', () => {
    const open = routes.filter((route) => route.declaredPublic && !isPublicByDesign(route)).map((route) => `${route.component} ${route.method} ${route.path}`);
    for (const entry of open) expect(entry).toMatch(/\/(auth|login|logout|session)s?(\/|$)/);
    // dashboard-api declares every operation, so its sign-in is open because its document says so, not by name.
    expect(open).toContain('dashboard-api POST /api/v1/auth/login');
    expect(routes.filter((route) => route.component === 'dashboard-api' && !route.declared).map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('refuses every guarded route without valid credentials, however they are wrong', async () => {
    const leaks: string[] = [];
    for (const route of guarded()) {
      const target = concretePath(route.path);
      for (const attempt of WRONG_CREDENTIALS) {
        const answer = await send(portOf(route.component), route.method, target, attempt.headers);
        if (!REFUSED.includes(answer.status)) leaks.push(`${route.component} ${route.method} ${target} with ${attempt.name}: ${answer.status} ${answer.body.slice(0, 120)}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 120_000);

  it('refuses the spellings of a guarded path that the router still matches', async () => {
    const leaks: string[] = [];
    for (const route of guarded()) {
      const port = portOf(route.component);
      for (const target of obfuscated(concretePath(route.path), port)) {
        const answer = await send(port, route.method, target, {});
        if (![...REFUSED, 404].includes(answer.status)) leaks.push(`${route.component} ${route.method} ${target}: ${answer.status} ${answer.body.slice(0, 120)}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 120_000);

  it('lets the service token through on the service-token routes (the refusals above are not 401 for everything)', async () => {
    const tokenRoutes = guarded().filter((route) => route.method === 'GET' && route.component !== 'dashboard-api');
    expect(tokenRoutes.length).toBeGreaterThan(10);
    for (const route of tokenRoutes) {
      const answer = await send(portOf(route.component), 'GET', concretePath(route.path), { authorization: `Bearer ${SERVICE_TOKEN}` });
      expect(REFUSED, `${route.component} GET ${route.path}: ${answer.status} ${answer.body.slice(0, 120)}`).not.toContain(answer.status);
    }
  }, 120_000);
});
