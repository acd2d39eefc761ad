import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonlRecords } from '../../src/task-logs/read-jsonl-records.js';

const Record = z.object({ n: z.number() });

/** A real pino logger whose lines are kept, so a test can see what was warned. */
function collectingLogger() {
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
  return { warnings, logger };
}

describe('readJsonlRecords', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jsonl-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the valid lines in order and warns once about the skipped ones', async () => {
    const path = join(dir, 'mixed.jsonl');
    await writeFile(path, '{"n":1}\r\n\n{"n":"two"}\nnope\n{"n":3}\n{"n":4');
    const { warnings, logger } = collectingLogger();
    expect(await readJsonlRecords(path, Record, logger)).toEqual([{ n: 1 }, { n: 3 }]);
    expect(warnings).toEqual(['skipped unreadable task-log lines']);
  });

  it('stops at the record cap', async () => {
    const path = join(dir, 'long.jsonl');
    await writeFile(path, Array.from({ length: 10 }, (_, n) => JSON.stringify({ n })).join('\n'));
    const { warnings, logger } = collectingLogger();
    expect(await readJsonlRecords(path, Record, logger, 4)).toHaveLength(4);
    expect(warnings).toEqual(['task-log part truncated']);
  });

  it('reads a missing file as no records, silently', async () => {
    const { warnings, logger } = collectingLogger();
    expect(await readJsonlRecords(join(dir, 'absent.jsonl'), Record, logger)).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
