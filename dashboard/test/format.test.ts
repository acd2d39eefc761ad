import { describe, expect, it } from 'vitest';
import { formatCost } from '../src/format/format-cost.js';
import { formatDuration, formatOffset } from '../src/format/format-duration.js';
import { formatRelativeTime, formatTimestamp } from '../src/format/format-time.js';
import { formatTokenPair, formatTokens } from '../src/format/format-tokens.js';
import { TASK_STATUSES, isFinished, providerLabel, statusLabel, statusTone } from '../src/format/task-status.js';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [-5, '—'],
    [Number.NaN, '—'],
    [0, '0 ms'],
    [850, '850 ms'],
    [1_000, '1.0 s'],
    [9_950, '9.9 s'],
    [12_300, '12 s'],
    [59_400, '59 s'],
    [60_000, '1 min'],
    [130_000, '2 min 10 s'],
    [3_599_000, '59 min 59 s'],
    [3_600_000, '1 h 00 min'],
    [3_900_000, '1 h 05 min'],
    [26 * 3_600_000, '26 h 00 min'],
  ])('%s ms reads %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('writes offsets from the start of a run with a sign', () => {
    expect(formatOffset(0)).toBe('+0.0 s');
    expect(formatOffset(12_345)).toBe('+12.3 s');
    expect(formatOffset(130_000)).toBe('+2 min 10 s');
    expect(formatOffset(-1_500)).toBe('−1.5 s');
  });
});

describe('formatCost', () => {
  it.each([
    [null, '—'],
    [-1, '—'],
    [0, '$0'],
    [0.00004, '< $0.0001'],
    [0.0412, '$0.0412'],
    [0.99995, '$1.0000'],
    [1, '$1.00'],
    [1234.5, '$1,234.50'],
  ])('%s USD reads %s', (usd, expected) => {
    expect(formatCost(usd)).toBe(expected);
  });
});

describe('formatTokens', () => {
  it.each([
    [null, '—'],
    [0, '0'],
    [950, '950'],
    [1_000, '1k'],
    [18_234, '18.2k'],
    [123_456, '123k'],
    [1_250_000, '1.3M'],
  ])('%s reads %s', (count, expected) => {
    expect(formatTokens(count)).toBe(expected);
  });

  it('pairs input and output, and says nothing when neither is known', () => {
    expect(formatTokenPair(18_234, 2_011)).toBe('18.2k in · 2k out');
    expect(formatTokenPair(null, undefined)).toBe('—');
    expect(formatTokenPair(240, null)).toBe('240 in · — out');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-01-05T12:00:00.000Z');
  it.each([
    [null, '—'],
    ['not a date', '—'],
    ['2026-01-05T11:59:58.000Z', 'just now'],
    ['2026-01-05T11:59:18.000Z', '42 s ago'],
    ['2026-01-05T11:55:00.000Z', '5 min ago'],
    ['2026-01-05T09:00:00.000Z', '3 h ago'],
    ['2026-01-03T12:00:00.000Z', '2 d ago'],
    ['2025-12-01T08:00:00.000Z', '2025-12-01'],
    // A clock a little ahead of the browser's still reads as now.
    ['2026-01-05T12:00:03.000Z', 'just now'],
  ])('%s reads %s', (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });

  it('writes the exact time in the given locale and time zone', () => {
    expect(formatTimestamp('2026-01-05T10:00:01.500Z', 'en-GB', 'UTC')).toBe('5 Jan 2026, 10:00:01');
    expect(formatTimestamp(null)).toBe('—');
  });
});

describe('task statuses', () => {
  it('label and colour every status, and know which ones are final', () => {
    expect(TASK_STATUSES.map((status) => [statusLabel(status), statusTone(status), isFinished(status)])).toEqual([
      ['Queued', 'neutral', false],
      ['Running', 'info', false],
      ['Succeeded', 'success', true],
      ['Failed', 'danger', true],
      ['Cancelled', 'warning', true],
    ]);
  });

  it('names the providers, and shows an unknown one as it came', () => {
    expect(providerLabel('github')).toBe('GitHub');
    expect(providerLabel('gitlab')).toBe('gitlab');
  });
});
