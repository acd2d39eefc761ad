import { describe, expect, it } from 'vitest';
import { formatPercent } from '../src/format/format-percent.js';
import { bucketLabel, endOfDay, intervalOf, startOfDay } from '../src/format/time-range.js';
import { examplePayload } from '../src/webhooks/example-payload.js';

describe('formatPercent', () => {
  it('reads as people write rates', () => {
    expect(formatPercent(0.975)).toBe('97.5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('time ranges', () => {
  it('turn a range into instants rounded up to the hour, with the bucket its chart reads best in', () => {
    const now = Date.UTC(2026, 2, 4, 10, 20);
    expect(intervalOf('24h', now)).toEqual({ from: '2026-03-03T11:00:00.000Z', to: '2026-03-04T11:00:00.000Z', bucket: 'hour' });
    expect(intervalOf('90d', now).bucket).toBe('week');
  });

  it('turn days into the local instants that bound them', () => {
    const start = startOfDay('2026-03-04');
    const end = endOfDay('2026-03-04');
    expect(new Date(start ?? '').getDate()).toBe(4);
    expect(new Date(end ?? '').getDate()).toBe(5);
    expect(startOfDay('not a day')).toBeUndefined();
  });

  it('label buckets for a chart axis', () => {
    expect(bucketLabel('2026-03-04T00:00:00.000Z', 'day', 'en-US', 'UTC')).toBe('Mar 4');
    expect(bucketLabel('2026-03-02T00:00:00.000Z', 'week', 'en-US', 'UTC')).toBe('Week of Mar 2');
    expect(bucketLabel('2026-03-01T00:00:00.000Z', 'month', 'en-US', 'UTC')).toBe('Mar 2026');
    expect(bucketLabel('2026-03-04T14:00:00.000Z', 'hour', 'en-GB', 'UTC')).toBe('14:00');
  });
});

describe('examplePayload', () => {
  it('fills every pointer of a route mapping, escaped names included', () => {
    const body = JSON.parse(examplePayload({ text: '/incident/title', thread: '/incident/id', author: '/people/a~1b' }));
    expect(body).toEqual({ incident: { title: '@agent ask why is the nightly build red?', id: 'incident-42' }, people: { 'a/b': 'ops-bot' } });
  });
});

describe('input patterns', () => {
  it('compile as browsers compile them (the v flag) and accept what the API accepts', async () => {
    const { COMMAND_PATTERN, REPOSITORY_PATTERN, SLUG_PATTERN } = await import('../src/format/input-patterns.js');
    const matches = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`, 'v').test(value);
    expect(matches(REPOSITORY_PATTERN, 'octo/hello')).toBe(true);
    expect(matches(REPOSITORY_PATTERN, 'justaname')).toBe(false);
    expect(matches(COMMAND_PATTERN, 'fix-it')).toBe(true);
    expect(matches(COMMAND_PATTERN, 'Fix')).toBe(false);
    expect(matches(SLUG_PATTERN, 'pager-duty2')).toBe(true);
  });
});
