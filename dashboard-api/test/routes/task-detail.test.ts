import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TASK_LOG_FILES } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { newTaskId } from '../support/task-ids.js';
import { successfulRun } from '../support/task-events.js';
import { taskLogRecords, writeTaskLog } from '../support/task-log-fixture.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

describe('GET /api/v1/tasks/:id', () => {
  let testApp: TestApp;

  const get = async (id: string) => {
    const response = await testApp.inject({ method: 'GET', url: `/api/v1/tasks/${id}` });
    return { status: response.statusCode, body: response.json() };
  };

  const recordTask = async (taskId: string) => {
    const run = successfulRun(taskId);
    for (const event of [run.created, run.started, run.completed]) await applyTaskEvent(testApp.database.db, event);
  };

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('returns the task with all seven parts of its log, skipping lines that do not parse', async () => {
    const taskId = newTaskId();
    await recordTask(taskId);
    const records = taskLogRecords(taskId);
    await writeTaskLog(testApp.taskLogsDir, records, {
      extraAgentLines: ['{"type":"message","content":"no timestamp"}', 'not json at all', '{"timestamp":"2026-01-05T10:02:12.000Z","task_id":"'],
    });

    const { status, body } = await get(taskId);
    expect(status).toBe(200);
    expect(body.task).toMatchObject({ id: taskId, status: 'succeeded', input_tokens: 18234, text: '@agent fix the flaky test in ci.yml' });
    expect(body.log).toEqual({
      metadata: records.metadata,
      input: records.input,
      webhook_flow: records.webhookFlow,
      queue_flow: records.queueFlow,
      agent_output: records.agentOutput,
      microservices_flow: records.microservicesFlow,
      final_result: records.finalResult,
    });
    expect(body.log.webhook_flow.map((record: { stage: string }) => record.stage)).toEqual([
      'received',
      'validation',
      'parsing',
      'command_matching',
      'authorization',
      'task_created',
      'queue_push',
    ]);
  });

  it('answers an empty log for a known task whose log directory does not exist', async () => {
    const taskId = newTaskId();
    await recordTask(taskId);
    const { status, body } = await get(taskId);
    expect(status).toBe(200);
    expect(body.log).toEqual({
      metadata: null,
      input: null,
      webhook_flow: [],
      queue_flow: [],
      agent_output: [],
      microservices_flow: [],
      final_result: null,
    });
  });

  it('reads a part that is missing, corrupt or of the wrong shape as null or [] and still answers 200', async () => {
    const taskId = newTaskId();
    await recordTask(taskId);
    const dir = await writeTaskLog(testApp.taskLogsDir, taskLogRecords(taskId));
    await writeFile(join(dir, TASK_LOG_FILES.metadata), '{"task_id": "half-writ');
    await writeFile(join(dir, TASK_LOG_FILES.finalResult), JSON.stringify({ success: 'maybe' }));
    await writeFile(join(dir, TASK_LOG_FILES.queueFlow), '\n\n');
    // A directory where a file should be: unreadable, not fatal.
    await rm(join(dir, TASK_LOG_FILES.microservicesFlow));
    await mkdir(join(dir, TASK_LOG_FILES.microservicesFlow));
    await rm(join(dir, TASK_LOG_FILES.webhookFlow));
    const { status, body } = await get(taskId);
    expect(status).toBe(200);
    expect(body.log).toMatchObject({ metadata: null, final_result: null, queue_flow: [], microservices_flow: [], webhook_flow: [] });
    expect(body.log.input).not.toBeNull();
    expect(body.log.agent_output).toHaveLength(5);
  });

  it('answers from metadata.json when the read model does not know the task yet', async () => {
    const taskId = newTaskId();
    const records = taskLogRecords(taskId);
    await writeTaskLog(testApp.taskLogsDir, records);
    const { status, body } = await get(taskId);
    expect(status).toBe(200);
    expect(body.task).toEqual({
      id: taskId,
      status: 'succeeded',
      provider: 'github',
      command: 'fix',
      repository: 'octo/hello',
      author: { id: '583231', login: 'octocat', association: 'OWNER' },
      text: '@agent fix the flaky test in ci.yml',
      agent: 'coder',
      runner: 'vllm',
      model: 'qwen3-coder',
      conversation_key: null,
      received_at: records.metadata.created_at,
      started_at: records.metadata.started_at,
      finished_at: records.metadata.finished_at,
      duration_ms: 130000,
      queue_wait_ms: 1000,
      input_tokens: 18234,
      output_tokens: 2011,
      cost_usd: 0.0412,
      result: 'Fixed the race in ci.yml; see the draft PR.',
      error: null,
      links: [{ kind: 'pull_request', url: 'https://github.com/octo/hello/pull/8' }],
      updated_at: records.metadata.timestamp,
    });
    expect(body.log.agent_output).toHaveLength(5);
  });

  it('answers 404 for a task neither the read model nor the task logs know', async () => {
    const unknown = newTaskId();
    expect(await get(unknown)).toEqual({ status: 404, body: { code: 'not_found', message: `no task ${unknown}` } });
  });

  it('answers 404 when the log directory exists but has no readable metadata.json', async () => {
    const taskId = newTaskId();
    await mkdir(join(testApp.taskLogsDir, taskId), { recursive: true });
    expect((await get(taskId)).status).toBe(404);
  });

  it('answers 400 for an id that is not task-<ULID>, and never reads outside the log directory', async () => {
    for (const id of ['42', 'task-123', 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9I', '..%2F..%2Fetc%2Fpasswd', `task-${'0'.repeat(27)}`]) {
      const { status, body } = await get(id);
      expect(status, id).toBe(400);
      expect(body.code, id).toBe('invalid_request');
    }
  });
});
