import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    expect((await readJsonlRecords(path, Record, logger)).records).toEqual([{ n: 1 }, { n: 3 }]);
    expect(warnings).toEqual(['skipped unreadable task-log lines']);
  });

  it('stops at the record cap', async () => {
    const path = join(dir, 'long.jsonl');
    await writeFile(path, Array.from({ length: 10 }, (_, n) => JSON.stringify({ n })).join('\n'));
    const { warnings, logger } = collectingLogger();
    const read = await readJsonlRecords(path, Record, logger, { maxRecords: 4 });
    expect(read.records).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    expect(warnings).toEqual(['task-log part truncated']);
    // The next read goes on where the cap stopped.
    expect((await readJsonlRecords(path, Record, logger, { offset: read.offset, maxRecords: 4 })).records).toEqual([{ n: 4 }, { n: 5 }, { n: 6 }, { n: 7 }]);
  });

  it('reads on from an offset, leaving a line still being written for the next read', async () => {
    const path = join(dir, 'growing.jsonl');
    await writeFile(path, '{"n":1}\n{"n":2}\n{"n":');
    const { logger, warnings } = collectingLogger();
    const first = await readJsonlRecords(path, Record, logger);
    expect(first).toEqual({ records: [{ n: 1 }, { n: 2 }], offset: 16 });
    await appendFile(path, '3}\n{"n":4}\n');
    expect(await readJsonlRecords(path, Record, logger, { offset: first.offset })).toEqual({ records: [{ n: 3 }, { n: 4 }], offset: 32 });
    expect(await readJsonlRecords(path, Record, logger, { offset: 32 })).toEqual({ records: [], offset: 32 });
    expect(warnings).toEqual([]);
  });

  it('takes a complete last record without its newline, and counts offsets in bytes', async () => {
    const path = join(dir, 'unterminated.jsonl');
    const line = JSON.stringify({ n: 1, note: 'café ☕' });
    await writeFile(path, `${line}\n{"n":2}`);
    const { logger } = collectingLogger();
    const read = await readJsonlRecords(path, z.object({ n: z.number(), note: z.string().optional() }), logger);
    expect(read.records).toEqual([{ n: 1, note: 'café ☕' }, { n: 2 }]);
    expect(read.offset).toBe(Buffer.byteLength(`${line}\n{"n":2}`));
  });

  it('reads a missing file as no records, silently', async () => {
    const { warnings, logger } = collectingLogger();
    expect(await readJsonlRecords(join(dir, 'absent.jsonl'), Record, logger)).toEqual({ records: [], offset: 0 });
    expect(warnings).toEqual([]);
  });
});
