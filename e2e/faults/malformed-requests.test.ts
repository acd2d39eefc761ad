// Fault 6: malformed requests of every family against every webhook route of a gateway process
// (random bodies, hostile and mutated payloads signed with the right secrets, lying encodings
// and lengths, oversize headers and bodies, broken HTTP framing): no 5xx, no crash, no task.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningComponent, startComponent } from '../support/processes.js';
import { createTestDatabase } from '../support/test-database.js';
import { inPool } from './support/bounded-pool.js';
import { histogram, publishReport } from './support/fault-report.js';
import { faultScale } from './support/fault-scale.js';
import { gatewayRecords } from './support/gateway-records.js';
import { malformedRequests } from './support/malformed-requests.js';
import { deleteQueueKeys, queueJobIds } from './support/queue-jobs.js';
import { sendMalformed } from './support/send-malformed.js';

const SECRETS = { github: 'malformed-github-secret', slack: 'malformed-slack-secret', jira: 'malformed-jira-secret', sentry: 'malformed-sentry-secret' };

describe('fault: malformed requests', () => {
  const scale = faultScale();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let taskLogsDir: string;
  let gateway: RunningComponent;
  const queuePrefix = `fault-malformed-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    taskLogsDir = mkdtempSync(path.join(tmpdir(), 'fault-malformed-'));
    gateway = await startComponent('api-gateway', {
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: queuePrefix,
      TASK_LOGS_DIR: taskLogsDir,
      SERVICE_TOKEN: 'malformed-service-token-0123456789',
      GITHUB_WEBHOOK_SECRET: SECRETS.github,
      SLACK_SIGNING_SECRET: SECRETS.slack,
      JIRA_WEBHOOK_SECRET: SECRETS.jira,
      SENTRY_CLIENT_SECRET: SECRETS.sentry,
      CREDENTIALS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      // Every request must reach verification and parsing, not stop at the rate limit.
      WEBHOOK_RATE_LIMIT_PER_MINUTE: '10000000',
      LOG_LEVEL: 'warn',
    });
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await deleteQueueKeys('redis://127.0.0.1:6379', queuePrefix);
    await database?.drop();
    if (taskLogsDir) rmSync(taskLogsDir, { recursive: true, force: true });
  });

  it('never answers 5xx, never crashes and never creates a task', async () => {
    const examples = (createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ examples: unknown[] }>).flatMap((entry) => entry.examples);
    const seed = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);
    const requests = malformedRequests(scale.malformedRequests, seed, SECRETS, examples);
    const port = Number(new URL(gateway.url).port);
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const pid = gateway.process.pid;
    const started = Date.now();
    const statuses = await inPool(requests, 32, (request) => sendMalformed(port, agent, request));
    agent.destroy();
    const seconds = (Date.now() - started) / 1000;

    const serverErrors = requests.map((request, index) => ({ kind: request.kind, path: request.via === 'http' ? request.path : 'raw', status: statuses[index] ?? 0 })).filter((entry) => entry.status >= 500);
    const health = await fetch(`${gateway.url}/health`);
    const records = await gatewayRecords(database.url);
    const jobs = await queueJobIds('redis://127.0.0.1:6379', queuePrefix, 'agent-tasks');
    const byKind = histogram(requests.map((request) => request.kind));
    publishReport({
      fault: 'malformed-requests',
      scale: scale.name,
      sent: requests.length,
      acknowledged: statuses.filter((status) => status === 202).length,
      completed: records.taskIds.length,
      lost: 0,
      duplicated: 0,
      details: {
        seed,
        statuses: histogram(statuses),
        by_kind: byKind,
        server_errors: serverErrors.length,
        closed_without_answer: statuses.filter((status) => status === 0).length,
        deliveries_recorded: records.deliveries,
        jobs_in_agent_tasks: jobs.length,
        task_log_dirs: readdirSync(taskLogsDir).length,
        seconds: Math.round(seconds * 10) / 10,
      },
    });

    expect(serverErrors.slice(0, 20), `seed ${seed}`).toEqual([]);
    expect(gateway.process.exitCode).toBeNull();
    expect(gateway.process.pid).toBe(pid);
    expect(health.status).toBe(200);
    expect(records.taskIds).toEqual([]);
    expect(jobs).toEqual([]);
    expect(readdirSync(taskLogsDir)).toEqual([]);
    // Most requests must have been answered at all, or the run proves nothing.
    expect(statuses.filter((status) => status >= 400 && status < 500).length).toBeGreaterThan(requests.length / 2);
  }, 600_000);
});
