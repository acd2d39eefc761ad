import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretRedactor } from './secret-redactor.js';
import { TaskLogWriter } from './task-log-writer.js';

const TASK_ID = 'task-01JD7Z8Q5W3V4X2Y1Z0A9B8C7D';

function recordingLogger() {
  const errors: unknown[] = [];
  const ignore = () => undefined;
  return { errors, logger: { error: (...args: unknown[]) => void errors.push(args), warn: ignore, info: ignore, debug: ignore } };
}

describe('TaskLogWriter', () => {
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
    const { logger } = recordingLogger();
    const writer = new TaskLogWriter(root, new SecretRedactor(['super-secret-webhook-key']), logger);
    const at = new Date().toISOString();
    const record = { timestamp: at, task_id: TASK_ID, stage: 'received' as const, status: 'ok' as const, details: { note: 'super-secret-webhook-key' } };
    expect(await writer.appendWebhookFlow(TASK_ID, [record, { ...record, stage: 'validation' }])).toBe(true);
    expect(await writer.appendWebhookFlow(TASK_ID, [{ ...record, stage: 'parsing' }])).toBe(true);
    const lines = (await readFile(join(root, TASK_ID, '02-webhook-flow.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).stage)).toEqual(['received', 'validation', 'parsing']);
    expect(lines.join('\n')).not.toContain('super-secret-webhook-key');
  });

  it('reports a failed write as false and logs it, without throwing', async () => {
    const root = join(await newRoot(), 'not-a-directory');
    await writeFile(root, 'a file where the task-log folder should be');
    const { logger, errors } = recordingLogger();
    const writer = new TaskLogWriter(root, new SecretRedactor([]), logger);
    const at = new Date().toISOString();
    const written = await writer.writeMetadata({ timestamp: at, task_id: TASK_ID, source: 's', provider: 'github', status: 'queued', command: 'ask', repository: null, created_at: at });
    expect(written).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it('refuses a task id that could leave the root', async () => {
    const { logger, errors } = recordingLogger();
    const writer = new TaskLogWriter(await newRoot(), new SecretRedactor([]), logger);
    expect(() => writer.directoryOf('../../etc')).toThrow();
    expect(await writer.appendQueueFlow('../../etc', [])).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
