import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretRedactor } from './secret-redactor.js';
import { writePreparedTasks } from './task-log-worker.js';
import { TaskLogWriter } from './task-log-writer.js';

const TASK_ID = 'task-01JD7Z8Q5W3V4X2Y1Z0A9B8C7D';

function recordingLogger() {
  const errors: unknown[] = [];
  const ignore = () => undefined;
  return { errors, logger: { error: (...args: unknown[]) => void errors.push(args), warn: ignore, info: ignore, debug: ignore } };
}

const metadata = (at: string) => ({ timestamp: at, task_id: TASK_ID, source: 's', provider: 'github' as const, status: 'queued' as const, command: 'ask', repository: null, created_at: at });

describe('TaskLogWriter and writePreparedTasks', () => {
  const roots: string[] = [];
  const newRoot = async () => {
    const root = await mkdtemp(join(tmpdir(), 'task-log-writer-'));
    roots.push(root);
    return root;
  };
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });

  it('writes redacted records and appends whole lines', async () => {
    const root = await newRoot();
    const writer = new TaskLogWriter(root, new SecretRedactor(['super-secret-webhook-key']), recordingLogger().logger);
    const at = new Date().toISOString();
    const record = { timestamp: at, task_id: TASK_ID, stage: 'received' as const, status: 'ok' as const, details: { note: 'super-secret-webhook-key' } };
    const first = writer.prepare({ taskId: TASK_ID, metadata: metadata(at), webhookFlow: [record, { ...record, stage: 'validation' }] });
    const second = writer.prepare({ taskId: TASK_ID, webhookFlow: [{ ...record, stage: 'parsing' }] });
    if (!first || !second) throw new Error('records did not validate');
    // Two writes of one task handed over together go to separate lanes, yet land in order.
    expect(await writePreparedTasks([first, second])).toEqual([]);
    const lines = (await readFile(join(root, TASK_ID, '02-webhook-flow.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).stage)).toEqual(['received', 'validation', 'parsing']);
    expect(lines.join('\n')).not.toContain('super-secret-webhook-key');
    expect(JSON.parse(await readFile(join(root, TASK_ID, 'metadata.json'), 'utf8'))).toMatchObject({ task_id: TASK_ID, status: 'queued' });
    expect((await readdir(join(root, TASK_ID))).sort()).toEqual(['02-webhook-flow.jsonl', 'metadata.json']);
  });

  it("never replaces a metadata.json the agent wrote first, and leaves no temp file", async () => {
    const root = await newRoot();
    await mkdir(join(root, TASK_ID));
    await writeFile(join(root, TASK_ID, 'metadata.json'), '{"status":"running"}\n');
    const prepared = new TaskLogWriter(root, new SecretRedactor([]), recordingLogger().logger).prepare({ taskId: TASK_ID, metadata: metadata(new Date().toISOString()) });
    if (!prepared) throw new Error('records did not validate');
    expect(await writePreparedTasks([prepared])).toEqual([]);
    expect(JSON.parse(await readFile(join(root, TASK_ID, 'metadata.json'), 'utf8'))).toEqual({ status: 'running' });
    expect(await readdir(join(root, TASK_ID))).toEqual(['metadata.json']);
  });

  it('reports a failed write, without throwing', async () => {
    const root = join(await newRoot(), 'not-a-directory');
    await writeFile(root, 'a file where the task-log folder should be');
    const prepared = new TaskLogWriter(root, new SecretRedactor([]), recordingLogger().logger).prepare({ taskId: TASK_ID, metadata: metadata(new Date().toISOString()) });
    if (!prepared) throw new Error('records did not validate');
    expect(await writePreparedTasks([prepared])).toMatchObject([{ task_id: TASK_ID }]);
  });

  it('writes many tasks with their fsyncs overlapped: every file whole, in place, and failures reported', async () => {
    const root = await newRoot();
    const writer = new TaskLogWriter(root, new SecretRedactor([]), recordingLogger().logger);
    const at = new Date().toISOString();
    const ids = Array.from({ length: 25 }, (_, index) => `task-01JD7Z8Q5W3V4X2Y1Z0A9B8C${String(index).padStart(2, '0')}`);
    const tasks = ids.map((taskId) => {
      const prepared = writer.prepare({
        taskId,
        metadata: { ...metadata(at), task_id: taskId },
        webhookFlow: [{ timestamp: at, task_id: taskId, stage: 'received' as const, status: 'ok' as const, details: {} }],
      });
      if (!prepared) throw new Error('records did not validate');
      return prepared;
    });
    // One task whose folder cannot be made: reported, and the others still written.
    const blocked = `${ids[0]?.slice(0, -2)}ZZ`;
    await writeFile(join(root, blocked), 'a file where the folder should be');
    const blockedTask = writer.prepare({ taskId: blocked, metadata: { ...metadata(at), task_id: blocked } });
    if (!blockedTask) throw new Error('records did not validate');
    const failures = await writePreparedTasks([...tasks, blockedTask], 4);
    expect(failures).toMatchObject([{ task_id: blocked }]);
    for (const taskId of ids) {
      expect((await readdir(join(root, taskId))).sort(), taskId).toEqual(['02-webhook-flow.jsonl', 'metadata.json']);
      expect(JSON.parse(await readFile(join(root, taskId, 'metadata.json'), 'utf8'))).toMatchObject({ task_id: taskId });
    }
  });

  it('refuses a task id that could leave the root, and logs it', async () => {
    const { logger, errors } = recordingLogger();
    const writer = new TaskLogWriter(await newRoot(), new SecretRedactor([]), logger);
    expect(() => writer.directoryOf('../../etc')).toThrow();
    expect(writer.prepare({ taskId: '../../etc', webhookFlow: [] })).toBeNull();
    expect(errors).toHaveLength(1);
  });
});
