import { type FileHandle, open } from 'node:fs/promises';
import type { z } from 'zod';
import { type WarnLogger, isMissing } from './read-json-record.js';

/** Records read from one JSONL part at most; a runaway agent must not exhaust this service. */
export const MAX_RECORDS_PER_PART = 20_000;
const CHUNK_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

export interface JsonlRead<T> {
  records: T[];
  /** Byte offset just after the last line consumed: where the next read of this part starts. */
  offset: number;
}

/**
 * The records of one JSONL part of a task log, from byte `offset` on. Lines are appended whole,
 * but a reader can still meet a line being written, a hand edit or an older record shape:
 * - a line that does not parse or match is skipped (and counted in a warning), so one bad line
 *   never hides the others;
 * - a last line without its newline is taken only when it is a valid record already; otherwise
 *   it is left for the next read, as it is most likely still being written.
 */
export async function readJsonlRecords<T extends z.ZodType>(
  path: string,
  schema: T,
  logger: WarnLogger,
  options: { offset?: number; maxRecords?: number } = {},
): Promise<JsonlRead<z.infer<T>>> {
  const maxRecords = options.maxRecords ?? MAX_RECORDS_PER_PART;
  const start = options.offset ?? 0;
  const records: Array<z.infer<T>> = [];
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if (!isMissing(error)) logger.warn({ err: error, path }, 'task-log file is unreadable');
    return { records, offset: start };
  }
  let skipped = 0;
  let consumed = start;
  const take = (line: string): boolean => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return true;
    const parsed = schema.safeParse(parseJson(text));
    if (parsed.success) records.push(parsed.data);
    else skipped += 1;
    return parsed.success;
  };
  try {
    let pending = Buffer.alloc(0);
    let position = start;
    let truncated = false;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      let newline = pending.indexOf(NEWLINE);
      while (newline !== -1 && !truncated) {
        take(pending.subarray(0, newline).toString('utf8'));
        consumed += newline + 1;
        pending = pending.subarray(newline + 1);
        truncated = records.length >= maxRecords;
        newline = pending.indexOf(NEWLINE);
      }
      if (truncated) {
        logger.warn({ path, max_records: maxRecords }, 'task-log part truncated');
        pending = Buffer.alloc(0);
        break;
      }
    }
    if (pending.length > 0) {
      const before = skipped;
      if (take(pending.toString('utf8'))) consumed += pending.length;
      skipped = before;
    }
  } catch (error) {
    if (!isMissing(error)) logger.warn({ err: error, path }, 'task-log file is unreadable');
    return { records, offset: consumed };
  } finally {
    await file.close().catch(() => undefined);
  }
  if (skipped > 0) logger.warn({ path, skipped }, 'skipped unreadable task-log lines');
  return { records, offset: consumed };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
