import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretRedactor } from './secret-redactor.js';
import { TaskLogQueue } from './task-log-queue.js';
import { TaskLogWriter } from './task-log-writer.js';

const taskId = (index: number) => `task-01JD7Z8Q5W3V4X2Y1Z0A9B${String(index).padStart(4, '0')}`;

function recordingLogger() {
  const errors: unknown[] = [];
  const ignore = () => undefined;
  return { errors, logger: { error: (...args: unknown[]) => void errors.push(args), warn: ignore, info: ignore, debug: ignore } };
}

describe('TaskLogQueue', () => {
  const roots: string[] = [];
  const newRoot = async () => {
    const root = await mkdtemp(join(tmpdir(), 'task-log-queue-'));
    roots.push(root);
    return root;
  };
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });

  it('writes every submitted task by the time drain resolves, each task in one folder', async () => {
    const root = await newRoot();
    const queue = new TaskLogQueue(new TaskLogWriter(root, new SecretRedactor([]), recordingLogger().logger), { concurrency: 2, capacity: 3 });
    const at = new Date().toISOString();
    // More tasks than the capacity: later submits wait for room instead of failing or dropping.
    for (let index = 0; index < 10; index += 1) {
      const id = taskId(index);
      await queue.submit({
        taskId: id,
        metadata: { timestamp: at, task_id: id, source: 'github:o/r#1', provider: 'github', status: 'queued', command: 'ask', repository: null, created_at: at },
        webhookFlow: [{ timestamp: at, task_id: id, stage: 'received', status: 'ok', details: {} }],
        queueFlow: [{ timestamp: at, task_id: id, stage: 'queued', queue: 'agent-tasks', details: {} }],
      });
      expect(queue.size).toBeLessThanOrEqual(3 + 2);
    }
    await queue.drain();
    expect(queue.size).toBe(0);
    expect((await readdir(root)).sort()).toEqual(Array.from({ length: 10 }, (_, index) => taskId(index)));
    expect((await readdir(join(root, taskId(9)))).sort()).toEqual(['02-webhook-flow.jsonl', '03-queue-flow.jsonl', 'metadata.json']);
  });

  it('never replaces a metadata.json the agent wrote first', async () => {
    const root = await newRoot();
    const writer = new TaskLogWriter(root, new SecretRedactor([]), recordingLogger().logger);
    const id = taskId(1);
    const at = new Date().toISOString();
    await mkdir(join(root, id));
    await writeFile(join(root, id, 'metadata.json'), '{"status":"running"}\n');
    const queue = new TaskLogQueue(writer);
    await queue.submit({ taskId: id, metadata: { timestamp: at, task_id: id, source: 's', provider: 'github', status: 'queued', command: 'ask', repository: null, created_at: at } });
    await queue.drain();
    expect(JSON.parse(await readFile(join(root, id, 'metadata.json'), 'utf8'))).toEqual({ status: 'running' });
    expect((await readdir(join(root, id))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('logs a task it cannot write and goes on with the next', async () => {
    const root = join(await newRoot(), 'not-a-directory');
    await writeFile(root, 'a file where the task-log folder should be');
    const { logger, errors } = recordingLogger();
    const queue = new TaskLogQueue(new TaskLogWriter(root, new SecretRedactor([]), logger));
    await queue.submit({ taskId: taskId(1), webhookFlow: [] });
    await queue.submit({ taskId: taskId(2), webhookFlow: [] });
    await queue.drain();
    expect(errors).toHaveLength(2);
  });
});
