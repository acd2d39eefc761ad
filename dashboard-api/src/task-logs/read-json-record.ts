import { readFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';

export type WarnLogger = Pick<FastifyBaseLogger, 'warn'>;

/**
 * One JSON file of a task log, checked against its contract schema. Missing is normal (the
 * task has not got that far); unreadable or invalid is logged and read as missing, because the
 * rest of the log is still worth showing.
 */
export async function readJsonRecord<T extends z.ZodType>(path: string, schema: T, logger: WarnLogger): Promise<z.infer<T> | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!isMissing(error)) logger.warn({ err: error, path }, 'task-log file is unreadable');
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    logger.warn({ path }, 'task-log file is not JSON');
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    logger.warn({ path, issues: parsed.error.issues.slice(0, 5) }, 'task-log file does not match its schema');
    return null;
  }
  return parsed.data;
}

export function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
