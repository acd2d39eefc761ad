import { randomBytes } from 'node:crypto';
import { QUEUE_TASK_EVENTS } from '@swe-ai-fleet/contracts';
import { type Job, Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { startTaskEventsConsumer } from '../../src/read-model/task-events-consumer.js';
import { newTaskId } from '../support/task-ids.js';
import { successfulRun, taskEvent } from '../support/task-events.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Settled = { state: 'completed'; result: unknown } | { state: 'failed'; error: Error; job: Job };

/** Resolves each job id's outcome as the consumer settles it. */
function watch(worker: Worker) {
  const waiting = new Map<string, (settled: Settled) => void>();
  const settled = new Map<string, Settled>();
  const settle = (id: string | undefined, outcome: Settled) => {
    if (!id) return;
    settled.set(id, outcome);
    waiting.get(id)?.(outcome);
  };
  worker.on('completed', (job, result) => settle(job.id, { state: 'completed', result }));
  worker.on('failed', (job, error) => {
    if (job) settle(job.id, { state: 'failed', error, job });
  });
  return (jobId: string) =>
    new Promise<Settled>((resolve) => {
      const done = settled.get(jobId);
      if (done) resolve(done);
      else waiting.set(jobId, resolve);
    });
}

describe('task-events consumer', () => {
  let testApp: TestApp;
  let redis: Redis;
  let queue: Queue;
  let worker: Worker;
  let settledJob: (jobId: string) => Promise<Settled>;
  const prefix = `t-dashboard-${randomBytes(4).toString('hex')}`;
  let jobCount = 0;

  /** Publishes one event as a producer would and waits until the consumer has settled it. */
  async function publish(event: unknown, opts: { attempts?: number } = {}): Promise<Settled> {
    jobCount += 1;
    const jobId = `job-${jobCount}`;
    await queue.add('task_event', event, { jobId, ...opts });
    return settledJob(jobId);
  }

  const detail = async (taskId: string) => {
    const response = await testApp.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}` });
    expect(response.statusCode).toBe(200);
    return response.json().task;
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_TASK_EVENTS, { connection: redis, prefix });
    worker = startTaskEventsConsumer({
      connection: redis,
      prefix,
      concurrency: 4,
      db: testApp.database.db,
      logger: pino({ level: 'silent' }),
      metrics: testApp.metrics,
    });
    settledJob = watch(worker);
  });

  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await testApp.close();
  });

  it('builds a task from created, started and completed events and serves it through the API', async () => {
    const taskId = newTaskId();
    const run = successfulRun(taskId);
    expect(await publish(run.created)).toEqual({ state: 'completed', result: 'applied' });
    expect((await detail(taskId)).status).toBe('queued');
    await publish(run.started);
    expect((await detail(taskId)).status).toBe('running');
    await publish(run.completed);

    expect(await detail(taskId)).toMatchObject({
      id: taskId,
      status: 'succeeded',
      provider: 'github',
      command: 'fix',
      repository: 'octo/hello',
      author: { login: 'octocat' },
      text: '@agent fix the flaky test in ci.yml',
      agent: 'coder',
      runner: 'vllm',
      model: 'qwen3-coder',
      conversation_key: 'github:octo/hello#7',
      received_at: '2026-01-05T10:00:00.000Z',
      started_at: '2026-01-05T10:00:01.500Z',
      finished_at: '2026-01-05T10:02:11.500Z',
      duration_ms: 130_000,
      input_tokens: 18234,
      output_tokens: 2011,
      cost_usd: 0.0412,
      result: 'Fixed the race in ci.yml; see the draft PR.',
      error: null,
      links: [{ kind: 'pull_request', url: 'https://github.com/octo/hello/pull/8' }],
    });
    const list = await testApp.inject({ method: 'GET', url: '/api/v1/tasks?repository=octo/hello' });
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(taskId);
  });

  it('changes nothing when the same event is delivered twice', async () => {
    const taskId = newTaskId();
    const run = successfulRun(taskId);
    await publish(run.created);
    await publish(run.completed);
    const before = await detail(taskId);

    expect(await publish(run.completed)).toEqual({ state: 'completed', result: 'duplicate' });
    // updated_at would move if the event had been applied again.
    expect(await detail(taskId)).toEqual(before);
    const metrics = await testApp.metrics.registry.getSingleMetricAsString('task_events_total');
    expect(metrics).toMatch(/task_events_total\{type="task_completed",outcome="duplicate"[^}]*\} 1/);
  });

  it('keeps a finished state when task_started arrives after task_completed, and learns what only it knew', async () => {
    const taskId = newTaskId();
    const { created, started, completed } = successfulRun(taskId);
    const { agent: _agent, ...completedWithoutAgent } = completed;
    await publish(created);
    await publish({ ...completedWithoutAgent, model: 'qwen3-coder-final' });
    expect(await publish({ ...started, model: 'qwen3-coder-draft' })).toEqual({ state: 'completed', result: 'stale' });

    expect(await detail(taskId)).toMatchObject({
      status: 'succeeded',
      finished_at: '2026-01-05T10:02:11.500Z',
      result: 'Fixed the race in ci.yml; see the draft PR.',
      model: 'qwen3-coder-final',
      agent: 'coder',
    });
    // A late task_created does not reopen it either.
    expect(await publish({ ...created, event_id: 'late-created' })).toEqual({ state: 'completed', result: 'stale' });
    expect((await detail(taskId)).status).toBe('succeeded');
  });

  it('records a failure with its cause', async () => {
    const taskId = newTaskId();
    const { created, started } = successfulRun(taskId);
    await publish(created);
    await publish(started);
    await publish(
      taskEvent({
        task_id: taskId,
        type: 'task_failed',
        status: 'failed',
        timestamp: '2026-01-05T10:05:00.000Z',
        started_at: '2026-01-05T10:00:01.500Z',
        finished_at: '2026-01-05T10:05:00.000Z',
        error: 'wall time limit of 300 s reached',
      }),
    );
    expect(await detail(taskId)).toMatchObject({ status: 'failed', error: 'wall time limit of 300 s reached', duration_ms: 298_500, agent: 'coder' });
  });

  it('drops an invalid event at once, without retries, and goes on with the next one', async () => {
    const taskId = newTaskId();
    const invalid = { ...successfulRun(taskId).created, status: 'exploded' };
    const outcome = await publish(invalid, { attempts: 5 });
    expect(outcome.state).toBe('failed');
    if (outcome.state !== 'failed') return;
    expect(outcome.error.message).toMatch(/invalid task event: status/);
    expect(outcome.job.attemptsMade).toBe(1);
    expect(await outcome.job.getState()).toBe('failed');
    const missing = await testApp.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}` });
    expect(missing.statusCode).toBe(404);

    const next = newTaskId();
    await publish(successfulRun(next).created);
    expect((await detail(next)).status).toBe('queued');
  });

  it('keeps an event for later, whatever attempts the producer set, when the database cannot take it', async () => {
    const broken = openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/t_dashboard_does_not_exist', dataDir: '' });
    const brokenPrefix = `${prefix}-broken`;
    const brokenQueue = new Queue(QUEUE_TASK_EVENTS, { connection: redis, prefix: brokenPrefix });
    const brokenWorker = startTaskEventsConsumer({
      connection: redis,
      prefix: brokenPrefix,
      concurrency: 1,
      db: broken.db,
      logger: pino({ level: 'silent' }),
      metrics: testApp.metrics,
    });
    try {
      const job = await brokenQueue.add('task_event', successfulRun(newTaskId()).created, { attempts: 1 });
      let state = await job.getState();
      for (let i = 0; i < 100 && state !== 'delayed' && state !== 'failed'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = await job.getState();
      }
      expect(state).toBe('delayed');
    } finally {
      await brokenWorker.close();
      await brokenQueue.obliterate({ force: true });
      await brokenQueue.close();
      await broken.close();
    }
  });
});

