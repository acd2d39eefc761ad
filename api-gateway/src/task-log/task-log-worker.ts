// Runs in a worker thread (TaskLogThread) and, when no worker can run, in the main thread. It
// imports only Node's own modules so that Node can load it as it is (dist/*.js, or this .ts
// file by type stripping under the tests).
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, fsync, linkSync, mkdirSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
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

/** A whole file on its way: its temp file is written, not yet on disk nor in place. */
interface PendingFile {
  fd: number;
  temp: string;
  path: string;
  mode: 'atomic' | 'exclusive';
}

function startWhole(path: string, content: string, mode: 'atomic' | 'exclusive'): PendingFile {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w', 0o644);
  try {
    writeSync(fd, content);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  return { fd, temp, path, mode };
}

/** Called once the temp file's data is on disk (fsync): puts it in place. */
function finishWhole(file: PendingFile, synced: Error | null): void {
  try {
    closeSync(file.fd);
    if (synced) throw synced;
    if (file.mode === 'atomic') {
      renameSync(file.temp, file.path);
      return;
    }
    try {
      linkSync(file.temp, file.path);
    } catch (error) {
      // Someone (the agent, once the job is queued) already wrote it: theirs is newer.
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    unlinkSync(file.temp);
  } catch (error) {
    rmSync(file.temp, { force: true });
    throw error;
  }
}

const syncInPool = (fd: number) => new Promise<Error | null>((resolve) => fsync(fd, (error) => resolve(error)));

function makeDirectory(task: PreparedTaskLog, failures: TaskLogFailure[]): boolean {
  try {
    mkdirSync(task.directory, { recursive: true, mode: 0o755 });
    return true;
  } catch (error) {
    failures.push({ task_id: task.taskId, file: task.directory, error: errorText(error) });
    return false;
  }
}

/**
 * Writes one task's files in order: one `mkdir`, then each file. Every call is synchronous (on
 * the worker's own thread an asynchronous call would be a trip through libuv's pool costing more
 * than the call) except the fsync, which goes through the pool so that other tasks go on while
 * it waits for the disk. Never throws.
 */
async function writePreparedTask(task: PreparedTaskLog): Promise<TaskLogFailure[]> {
  const failures: TaskLogFailure[] = [];
  if (!makeDirectory(task, failures)) return failures;
  for (const file of task.files) {
    try {
      const path = join(task.directory, file.name);
      if (file.mode === 'append') appendFileSync(path, file.content, { mode: 0o644 });
      else {
        const pending = startWhole(path, file.content, file.mode);
        finishWhole(pending, await syncInPool(pending.fd));
      }
    } catch (error) {
      failures.push({ task_id: task.taskId, file: file.name, error: errorText(error) });
    }
  }
  return failures;
}

/**
 * The last write of each task still under way: a task's next write waits for it, so the
 * records of one task land in the order they were submitted, whichever lane or message takes
 * them (a failed push, then the relay's push of the same task).
 */
const lastWriteOf = new Map<string, Promise<unknown>>();

function writeInTaskOrder(task: PreparedTaskLog): Promise<TaskLogFailure[]> {
  const written = (lastWriteOf.get(task.taskId) ?? Promise.resolve()).then(() => writePreparedTask(task));
  lastWriteOf.set(task.taskId, written);
  void written.then(() => {
    if (lastWriteOf.get(task.taskId) === written) lastWriteOf.delete(task.taskId);
  });
  return written;
}

/**
 * How many tasks the worker writes at once. An fsync waits for the disk, not for the CPU: one
 * after another they capped the writer at about 300 tasks/s on this machine's disk, behind a
 * 500/s intake, and the backlog held hundreds of tasks in memory; four at a time (libuv's pool
 * has four threads) wrote about three times as many.
 */
export const TASK_LOG_WRITE_CONCURRENCY = 4;

/** Writes tasks with up to `concurrency` of them in flight; one task's writes stay in submission order. */
export async function writePreparedTasks(tasks: readonly PreparedTaskLog[], concurrency = TASK_LOG_WRITE_CONCURRENCY): Promise<TaskLogFailure[]> {
  const failures: TaskLogFailure[][] = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < tasks.length; index = next++) {
      const task = tasks[index];
      if (task) failures[index] = await writeInTaskOrder(task);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
  return failures.flat();
}

if (parentPort && workerData === TASK_LOG_WORKER_ROLE) {
  const port = parentPort;
  // Messages are answered in the order they came (the main thread counts on it); a message's
  // tasks start at once, so a long message does not hold back the next one's writes.
  let answered = Promise.resolve();
  port.on('message', (request: TaskLogWorkerRequest) => {
    const written = writePreparedTasks(request.tasks);
    answered = answered.then(async () => {
      const reply: TaskLogWorkerReply = { done: request.tasks.length, failures: await written };
      port.postMessage(reply);
    });
  });
}
