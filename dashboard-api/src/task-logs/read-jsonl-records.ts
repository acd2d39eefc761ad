import { type FileHandle, open } from 'node:fs/promises';
import type { z } from 'zod';
import { type WarnLogger, isMissing } from './read-json-record.js';

/** Records read from one JSONL part at most; a runaway agent must not exhaust this service. */
export const MAX_RECORDS_PER_PART = 20_000;

/**
 * The records of one JSONL part of a task log. Lines are appended whole, but a reader can still
 * meet a line being written, a hand edit or an older record shape: such lines are skipped (and
 * counted in a warning) so one bad line never hides the others.
 */
export async function readJsonlRecords<T extends z.ZodType>(
  path: string,
  schema: T,
  logger: WarnLogger,
  maxRecords = MAX_RECORDS_PER_PART,
): Promise<Array<z.infer<T>>> {
  const records: Array<z.infer<T>> = [];
  let skipped = 0;
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if (!isMissing(error)) logger.warn({ err: error, path }, 'task-log file is unreadable');
    return records;
  }
  try {
    for await (const line of file.readLines({ encoding: 'utf8' })) {
      if (line.trim() === '') continue;
      const parsed = schema.safeParse(parseJson(line));
      if (parsed.success) records.push(parsed.data);
      else skipped += 1;
      if (records.length >= maxRecords) {
        logger.warn({ path, max_records: maxRecords }, 'task-log part truncated');
        break;
      }
    }
  } catch (error) {
    if (!isMissing(error)) logger.warn({ err: error, path }, 'task-log file is unreadable');
    return records;
  } finally {
    await file.close().catch(() => undefined);
  }
  if (skipped > 0) logger.warn({ path, skipped }, 'skipped unreadable task-log lines');
  return records;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
