import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/read-model/handle-task-event-job.js';
import { statusRank } from '../../src/read-model/status-rank.js';
import { decodeCursor, encodeCursor } from '../../src/read-model/task-cursor.js';

describe('task cursors', () => {
  it('round-trip the last row of a page, in every sort', () => {
    const id = 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W';
    const cursors = [
      { sort: 'received_at', order: 'desc', value: '2026-01-05T08:01:00.250Z', id },
      { sort: 'duration_ms', order: 'asc', value: 130_000, id },
      { sort: 'cost_usd', order: 'desc', value: 0.0412, id },
      { sort: 'cost_usd', order: 'desc', value: null, id },
    ] as const;
    for (const cursor of cursors) expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuse anything else', () => {
    const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of [
      '',
      '%%%',
      encoded([1, 2]),
      encoded(['2026-01-05T08:01:00Z']),
      encoded(['received_at', 'desc', 42, 'task-x']),
      encoded(['duration_ms', 'desc', '2026-01-05T08:01:00Z', 'task-x']),
      encoded(['title', 'desc', 'a', 'task-x']),
      encoded(['received_at', 'sideways', '2026-01-05T08:01:00Z', 'task-x']),
    ]) {
      expect(decodeCursor(text), text).toBeNull();
    }
  });
});

describe('status ranks', () => {
  it('order queued before running before every final state', () => {
    expect(statusRank('queued')).toBeLessThan(statusRank('running'));
    for (const final of ['succeeded', 'failed', 'cancelled'] as const) expect(statusRank(final)).toBeGreaterThan(statusRank('running'));
  });
});

describe('retry delays of a task event the database could not take', () => {
  it('double from about a second up to a minute, with jitter in the upper half', () => {
    expect(retryDelayMs(1, () => 0)).toBe(500);
    expect(retryDelayMs(1, () => 1)).toBe(1_000);
    expect(retryDelayMs(4, () => 1)).toBe(8_000);
    expect(retryDelayMs(30, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, () => 0)).toBe(30_000);
  });
});
