// Fault 5: Postgres unavailable under a steady load of deliveries. A private cluster (initdb in a
// temp dir, its own port) is stopped with `-m immediate` and started again; the machine's
// Postgres is never touched. The documented behaviour (api-gateway/README.md): a delivery that
// cannot be recorded answers 503 and nothing is acknowledged that is not durable; the provider's
// redelivery then makes exactly one task. /health says 503 while the database is down
// (api-gateway and github-service), and both recover without a restart.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningComponent, startComponent, waitFor } from '../support/processes.js';
import { issueCommentCreated } from '../security/support/github-deliveries.js';
import { sleep } from './support/bounded-pool.js';
import { histogram, publishReport } from './support/fault-report.js';
import { faultScale } from './support/fault-scale.js';
import { gatewayRecords } from './support/gateway-records.js';
import { PrivatePostgres } from './support/private-postgres.js';
import { deleteQueueKeys, queueJobIds } from './support/queue-jobs.js';
import { SteadyLoad } from './support/steady-load.js';

const SECRET = 'postgres-outage-secret';
const SERVICE_TOKEN = 'postgres-outage-service-token-01';
const REDIS_URL = 'redis://127.0.0.1:6379';
const PHASE_MS = { before: 2_000, down: 5_000, after: 3_000 };
/** Requests already in flight when the server went down may still have committed. */
const EDGE_MS = 300;

describe('fault: Postgres unavailable', () => {
  const scale = faultScale();
  let postgres: PrivatePostgres;
  let gateway: RunningComponent;
  let githubService: RunningComponent;
  let taskLogsDir: string;
  const queuePrefix = `fault-pg-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    postgres = await PrivatePostgres.create();
    postgres.start();
    taskLogsDir = mkdtempSync(path.join(tmpdir(), 'fault-pg-logs-'));
    const common = { DATABASE_URL: postgres.url, REDIS_URL, QUEUE_PREFIX: queuePrefix, TASK_LOGS_DIR: taskLogsDir, SERVICE_TOKEN, LOG_LEVEL: 'warn' };
    gateway = await startComponent('api-gateway', { ...common, GITHUB_WEBHOOK_SECRET: SECRET, WEBHOOK_RATE_LIMIT_PER_MINUTE: '10000000', OUTBOX_RELAY_INTERVAL_MS: '500' });
    githubService = await startComponent('github-service', { ...common, GITHUB_TOKEN: 'ghp_fault_pg', GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_HEALTH_CACHE_SECONDS: '0' });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([gateway?.stop(), githubService?.stop()]);
    await deleteQueueKeys(REDIS_URL, queuePrefix);
    postgres?.close();
    if (taskLogsDir) rmSync(taskLogsDir, { recursive: true, force: true });
  });

  it('answers 503 while it cannot record a task, then makes one task per redelivered delivery', async () => {
    const body = JSON.stringify(issueCommentCreated('@agent ask is the database back?'));
    const signature = await sign(SECRET, body);
    const load = new SteadyLoad({
      gatewayUrl: () => gateway.url,
      headers: (deliveryId) => ({ 'content-type': 'application/json', 'x-github-event': 'issue_comment', 'x-github-delivery': deliveryId, 'x-hub-signature-256': signature }),
      body,
      ratePerSecond: 20,
      maxSeconds: 30,
      // The provider keeps redelivering a 503 past the outage (Slack and Jira do; GitHub on request).
      maxTries: 30,
      retryDelayMs: 1_000,
    });
    const pids = [gateway.process.pid, githubService.process.pid];
    load.start();
    await sleep(PHASE_MS.before);
    const downAt = load.elapsed();
    postgres.stop('immediate');
    await sleep(PHASE_MS.down / 2);
    const healthDown = await Promise.all([fetch(`${gateway.url}/health`), fetch(`${githubService.url}/health`)]);
    const healthDownBodies = await Promise.all(healthDown.map((response) => response.json() as Promise<{ checks?: Record<string, string> }>));
    await sleep(PHASE_MS.down / 2);
    postgres.start();
    const upAt = load.elapsed();
    await sleep(PHASE_MS.after);
    const results = await load.stop();

    const records = await waitFor('the outbox relay to drain', async () => {
      const current = await gatewayRecords(postgres.url);
      return current.outboxPending === 0 ? current : undefined;
    }, 60_000);
    const jobs = new Set(await queueJobIds(REDIS_URL, queuePrefix, 'agent-tasks'));
    const tasks = new Set(records.taskIds);
    const acknowledged = results.filter((result) => result.finalStatus === 202 && result.taskId);
    const during = results.filter((result) => result.sentAt >= downAt + EDGE_MS && result.sentAt < upAt - EDGE_MS);
    const lost = acknowledged.filter((result) => !tasks.has(result.taskId ?? '') || !jobs.has(result.taskId ?? '')).length;
    const duplicated = tasks.size - acknowledged.length + [...jobs].filter((id) => !tasks.has(id)).length;
    const healthUp = await Promise.all([fetch(`${gateway.url}/health`), fetch(`${githubService.url}/health`)]);
    publishReport({
      fault: 'postgres-outage',
      scale: scale.name,
      sent: results.length,
      acknowledged: acknowledged.length,
      completed: jobs.size,
      lost,
      duplicated,
      details: {
        outage_ms: upAt - downAt,
        sent_during_outage: during.length,
        first_answers_during_outage: histogram(during.map((result) => result.firstStatus)),
        first_answers: histogram(results.map((result) => result.firstStatus)),
        final_answers: histogram(results.map((result) => result.finalStatus)),
        redelivered: results.filter((result) => result.tries > 1).length,
        most_tries: Math.max(...results.map((result) => result.tries)),
        health_during_outage: healthDown.map((response) => response.status),
        health_after: healthUp.map((response) => response.status),
      },
    });

    expect(during.length).toBeGreaterThan(0);
    // Nothing is acknowledged while it cannot be made durable: the answer is 503, and only 503.
    expect(histogram(during.map((result) => result.firstStatus))).toEqual({ 503: during.length });
    expect(healthDown.map((response) => response.status)).toEqual([503, 503]);
    expect(healthDownBodies.map((health) => health.checks?.database)).toEqual(['down', 'down']);
    // Redelivery after the outage: every delivery ends with exactly one task, and its job.
    expect(results.filter((result) => result.finalStatus !== 202)).toEqual([]);
    expect(tasks.size).toBe(results.length);
    expect(jobs).toEqual(tasks);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    // Recovered in place: same processes, healthy again.
    expect([gateway.process.pid, githubService.process.pid]).toEqual(pids);
    expect([gateway.process.exitCode, githubService.process.exitCode]).toEqual([null, null]);
    expect(healthUp.map((response) => response.status)).toEqual([200, 200]);
  }, 180_000);
});
