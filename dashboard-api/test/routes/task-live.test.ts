import { appendFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AgentOutputRecordSchema, TASK_LOG_FILES, TaskMetadataSchema } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTaskEvent } from '../../src/read-model/apply-task-event.js';
import { readEvents } from '../support/sse-client.js';
import { successfulRun } from '../support/task-events.js';
import { newTaskId } from '../support/task-ids.js';
import { taskLogRecords, writeTaskLog } from '../support/task-log-fixture.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, second)).toISOString();
const line = (record: unknown) => `${JSON.stringify(record)}\n`;

describe('GET /api/v1/tasks/:id/live', () => {
  let testApp: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await testApp.close();
  });

  const auth = () => ({ authorization: `Bearer ${testApp.adminToken}` });
  const open = (taskId: string, options: { after?: string; lastEventId?: string } = {}) =>
    fetch(`${baseUrl}/api/v1/tasks/${taskId}/live${options.after ? `?after=${options.after}` : ''}`, {
      headers: { ...auth(), ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
    });

  /** A task in the middle of its run: the log has everything up to the agent's first thought. */
  async function runningTask() {
    const taskId = newTaskId();
    const run = successfulRun(taskId);
    await applyTaskEvent(testApp.database.db, run.created);
    await applyTaskEvent(testApp.database.db, run.started);
    const records = taskLogRecords(taskId);
    const dir = await writeTaskLog(testApp.taskLogsDir, {
      ...records,
      metadata: TaskMetadataSchema.parse({ ...records.metadata, status: 'running', finished_at: undefined }),
      agentOutput: records.agentOutput.slice(0, 2),
      microservicesFlow: [],
    });
    await writeFile(join(dir, TASK_LOG_FILES.finalResult), '');
    const agentLine = (second: number, content: string) =>
      line(AgentOutputRecordSchema.parse({ task_id: taskId, timestamp: at(second), type: 'message', content }));
    return { taskId, dir, records, agentLine };
  }

  it('streams the records appended after the detail was read, then ends with the task when it finishes', async () => {
    const { taskId, dir, records, agentLine } = await runningTask();
    const detail = (await testApp.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}` })).json();
    expect(detail.log.agent_output).toHaveLength(2);

    const response = await open(taskId, { after: detail.log_position });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = readEvents(response);
    const first = await events.next();
    expect(first?.event).toBe('task');
    expect(JSON.parse(first?.data ?? '{}').task).toMatchObject({ id: taskId, status: 'running' });

    await appendFile(join(dir, TASK_LOG_FILES.agentOutput), agentLine(20, 'Reading ci.yml') + agentLine(21, 'Found the race'));
    const batch = await events.next();
    expect(batch?.event).toBe('records');
    expect(batch?.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(batch?.data ?? '{}').records).toEqual([
      { part: 'agent_output', record: expect.objectContaining({ content: 'Reading ci.yml' }) },
      { part: 'agent_output', record: expect.objectContaining({ content: 'Found the race' }) },
    ]);

    // A line is being written: nothing is sent until it is whole.
    const whole = agentLine(22, 'Half a line');
    await appendFile(join(dir, TASK_LOG_FILES.agentOutput), whole.slice(0, 20));
    await appendFile(join(dir, TASK_LOG_FILES.microservicesFlow), line({ task_id: taskId, timestamp: at(23), type: 'service_request', service: 'github-service', operation: 'issues.createComment' }));
    const services = await events.next();
    expect(JSON.parse(services?.data ?? '{}').records.map((entry: { part: string }) => entry.part)).toEqual(['microservices_flow']);
    await appendFile(join(dir, TASK_LOG_FILES.agentOutput), whole.slice(20));
    expect(JSON.parse((await events.next())?.data ?? '{}').records[0].record.content).toBe('Half a line');

    await writeFile(join(dir, TASK_LOG_FILES.finalResult), JSON.stringify(records.finalResult));
    await writeFile(join(dir, TASK_LOG_FILES.metadata), JSON.stringify(records.metadata));
    const rest = await events.until('end');
    expect(rest.map((event) => event.event)).toEqual(['task', 'end']);
    expect(JSON.parse(rest[0]?.data ?? '{}').task).toMatchObject({ status: 'succeeded', result: 'Fixed the race in ci.yml; see the draft PR.', input_tokens: 18234 });
    expect(JSON.parse(rest[1]?.data ?? '{}')).toEqual({ end: { status: 'succeeded' } });
    expect(await events.next()).toBeNull();
  });

  it('resumes after the last event id it sent, as a reconnecting EventSource asks', async () => {
    const { taskId, dir, agentLine } = await runningTask();
    const first = readEvents(await open(taskId));
    await first.next();
    const replayed = await first.next();
    // Without a position the whole log is sent.
    const parts: string[] = JSON.parse(replayed?.data ?? '{}').records.map((entry: { part: string }) => entry.part);
    expect(parts.filter((part) => part === 'webhook_flow')).toHaveLength(7);
    expect(parts.filter((part) => part === 'queue_flow')).toHaveLength(3);
    expect(parts.filter((part) => part === 'agent_output')).toHaveLength(2);
    expect(parts).toHaveLength(12);
    await first.cancel();

    await appendFile(join(dir, TASK_LOG_FILES.agentOutput), agentLine(30, 'Written while disconnected'));
    const resumed = readEvents(await open(taskId, { lastEventId: replayed?.id }));
    expect((await resumed.next())?.event).toBe('task');
    expect(JSON.parse((await resumed.next())?.data ?? '{}').records).toEqual([
      { part: 'agent_output', record: expect.objectContaining({ content: 'Written while disconnected' }) },
    ]);
    await resumed.cancel();
  });

  it('ends at once for a finished task once everything after the position is sent', async () => {
    const taskId = newTaskId();
    const run = successfulRun(taskId);
    for (const event of [run.created, run.started, run.completed]) await applyTaskEvent(testApp.database.db, event);
    await writeTaskLog(testApp.taskLogsDir, taskLogRecords(taskId));
    const detail = (await testApp.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}` })).json();
    const events = await readEvents(await open(taskId, { after: detail.log_position })).until('end');
    expect(events.map((event) => event.event)).toEqual(['task', 'end']);
  });

  it('ends a finished task that never got a final result once its log is quiet', async () => {
    const taskId = newTaskId();
    const { created } = successfulRun(taskId);
    await applyTaskEvent(testApp.database.db, created);
    await applyTaskEvent(testApp.database.db, { ...created, event_id: 'cancelled', type: 'task_failed', status: 'cancelled', timestamp: at(5) });
    const events = await readEvents(await open(taskId)).until('end');
    expect(events.map((event) => event.event)).toEqual(['task', 'end']);
    expect(JSON.parse(events[1]?.data ?? '{}')).toEqual({ end: { status: 'cancelled' } });
  });

  it('answers 404 for an unknown task and 400 for a position it did not write, before any stream starts', async () => {
    const unknown = await open(newTaskId());
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
    const { taskId } = await runningTask();
    const forged = await open(taskId, { after: Buffer.from('[1,2]').toString('base64url') });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ code: 'invalid_cursor' });
    const anonymous = await fetch(`${baseUrl}/api/v1/tasks/${taskId}/live`);
    expect(anonymous.status).toBe(401);
  });

  it('ends open streams when the app closes, instead of waiting for them', async () => {
    const own = await startTestApp();
    await own.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(own.app.server.address() as AddressInfo).port}`;
    const taskId = newTaskId();
    await applyTaskEvent(own.database.db, successfulRun(taskId).created);
    const events = readEvents(await fetch(`${url}/api/v1/tasks/${taskId}/live`, { headers: { authorization: `Bearer ${own.adminToken}` } }));
    expect((await events.next())?.event).toBe('task');
    await own.close();
    expect(await events.next()).toBeNull();
  });
});
