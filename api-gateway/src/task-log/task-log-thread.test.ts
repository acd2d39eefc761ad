import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretRedactor } from './secret-redactor.js';
import { TaskLogThread } from './task-log-thread.js';
import { TaskLogWriter } from './task-log-writer.js';

const taskId = (index: number) => `task-01JD7Z8Q5W3V4X2Y1Z0A9B${String(index).padStart(4, '0')}`;

function recordingLogger() {
  const errors: unknown[] = [];
  const ignore = () => undefined;
  return { errors, logger: { error: (...args: unknown[]) => void errors.push(args), warn: ignore, info: ignore, debug: ignore } };
}

describe('TaskLogThread', () => {
  const roots: string[] = [];
  const threads: TaskLogThread[] = [];
  const newRoot = async () => {
    const root = await mkdtemp(join(tmpdir(), 'task-log-thread-'));
    roots.push(root);
    return root;
  };
  afterEach(async () => {
    for (const thread of threads.splice(0)) await thread.close();
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });

  it('writes every submitted task by the time drain resolves, waiting for room beyond its capacity', async () => {
    const root = await newRoot();
    const { logger, errors } = recordingLogger();
    const thread = new TaskLogThread(new TaskLogWriter(root, new SecretRedactor([]), logger), logger, { capacity: 3 });
    threads.push(thread);
    const at = new Date().toISOString();
    for (let index = 0; index < 10; index += 1) {
      const id = taskId(index);
      await thread.submit({
        taskId: id,
        metadata: { timestamp: at, task_id: id, source: 'github:o/r#1', provider: 'github', status: 'queued', command: 'ask', repository: null, created_at: at },
        webhookFlow: [{ timestamp: at, task_id: id, stage: 'received', status: 'ok', details: {} }],
        queueFlow: [{ timestamp: at, task_id: id, stage: 'queued', queue: 'agent-tasks', details: {} }],
      });
      expect(thread.size).toBeLessThanOrEqual(3);
    }
    await thread.drain();
    expect(thread.size).toBe(0);
    expect(errors).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(Array.from({ length: 10 }, (_, index) => taskId(index)));
    expect((await readdir(join(root, taskId(9)))).sort()).toEqual(['02-webhook-flow.jsonl', '03-queue-flow.jsonl', 'metadata.json']);
  });

  it('writes a backlog larger than what it hands the worker at once, every task whole', async () => {
    const root = await newRoot();
    const { logger, errors } = recordingLogger();
    const thread = new TaskLogThread(new TaskLogWriter(root, new SecretRedactor([]), logger), logger);
    threads.push(thread);
    const at = new Date().toISOString();
    const count = 300;
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        thread.submit({ taskId: taskId(index), webhookFlow: [{ timestamp: at, task_id: taskId(index), stage: 'received', status: 'ok', details: {} }] }),
      ),
    );
    await thread.drain();
    expect(errors).toEqual([]);
    expect(await readdir(root)).toHaveLength(count);
    for (const index of [0, 63, 64, 200, count - 1]) expect(await readdir(join(root, taskId(index)))).toEqual(['02-webhook-flow.jsonl']);
  });

  it('logs a task it cannot write and goes on with the next', async () => {
    const root = join(await newRoot(), 'not-a-directory');
    await writeFile(root, 'a file where the task-log folder should be');
    const { logger, errors } = recordingLogger();
    const thread = new TaskLogThread(new TaskLogWriter(root, new SecretRedactor([]), logger), logger);
    threads.push(thread);
    const at = new Date().toISOString();
    for (const index of [1, 2]) await thread.submit({ taskId: taskId(index), webhookFlow: [{ timestamp: at, task_id: taskId(index), stage: 'received', status: 'ok', details: {} }] });
    await thread.drain();
    expect(errors).toHaveLength(2);
  });
});
