// Runs in a worker thread (TaskLogThread) and, when no worker can run, in the main thread. It
// imports only Node's own modules so that Node can load it as it is (dist/*.js, or this .ts
// file by type stripping under the tests).
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * `atomic`: temp file, fsync, rename (a reader sees the old file or the new one, never half);
 * `exclusive`: the same with link instead of rename, so an existing file (the agent's
 * metadata.json) is never replaced; `append`: whole lines in one O_APPEND write, so the gateway's
 * and the agent's lines never interleave inside a line.
 */
export type PreparedFileMode = 'atomic' | 'exclusive' | 'append';

export interface PreparedFile {
  name: string;
  content: string;
  mode: PreparedFileMode;
}

/** One task's files, validated, redacted and serialized by the main thread. */
export interface PreparedTaskLog {
  taskId: string;
  directory: string;
  files: PreparedFile[];
}

export interface TaskLogFailure {
  task_id: string;
  file: string;
  error: string;
}

/** What the main thread sends: tasks to write, in order. */
export interface TaskLogWorkerRequest {
  tasks: PreparedTaskLog[];
}

/** What the worker answers once a request is written. */
export interface TaskLogWorkerReply {
  done: number;
  failures: TaskLogFailure[];
}

/** Marks the worker this file starts; the main thread never passes it, so importing does nothing. */
export const TASK_LOG_WORKER_ROLE = 'swe-ai-fleet:task-log-writer';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function writeWhole(path: string, content: string, mode: 'atomic' | 'exclusive'): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode === 'atomic') {
      renameSync(temp, path);
      return;
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      // Someone (the agent, once the job is queued) already wrote it: theirs is newer.
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    unlinkSync(temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Writes one task's files with synchronous calls: one `mkdir`, then each file. Synchronous
 * because here they run on the worker's own thread; each asynchronous call would be a trip
 * through libuv's thread pool, which costs more than the call itself. Never throws.
 */
export function writePreparedTask(task: PreparedTaskLog): TaskLogFailure[] {
  try {
    mkdirSync(task.directory, { recursive: true, mode: 0o755 });
  } catch (error) {
    return [{ task_id: task.taskId, file: task.directory, error: errorText(error) }];
  }
  const failures: TaskLogFailure[] = [];
  for (const file of task.files) {
    try {
      const path = join(task.directory, file.name);
      if (file.mode === 'append') appendFileSync(path, file.content, { mode: 0o644 });
      else writeWhole(path, file.content, file.mode);
    } catch (error) {
      failures.push({ task_id: task.taskId, file: file.name, error: errorText(error) });
    }
  }
  return failures;
}

if (parentPort && workerData === TASK_LOG_WORKER_ROLE) {
  const port = parentPort;
  port.on('message', (request: TaskLogWorkerRequest) => {
    const failures = request.tasks.flatMap((task) => writePreparedTask(task));
    const reply: TaskLogWorkerReply = { done: request.tasks.length, failures };
    port.postMessage(reply);
  });
}
