import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, requestedDelayMs, retryAfterSeconds } from './retry-policy.js';

const headers = (values: Record<string, string>) => new Headers(values);
const now = Date.parse('2024-05-01T12:00:00Z');

describe('requestedDelayMs', () => {
  it('reads Retry-After in seconds', () => {
    expect(requestedDelayMs(headers({ 'retry-after': '7' }), now, true)).toBe(7000);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(requestedDelayMs(headers({ 'retry-after': 'Wed, 01 May 2024 12:00:30 GMT' }), now, false)).toBe(30_000);
  });

  it("falls back to Sentry's X-Sentry-Rate-Limit-Reset epoch second on a 429 only", () => {
    expect(requestedDelayMs(headers({ 'x-sentry-rate-limit-reset': String(now / 1000 + 4) }), now, true)).toBe(4000);
    expect(requestedDelayMs(headers({ 'x-sentry-rate-limit-reset': String(now / 1000 + 4) }), now, false)).toBeNull();
  });

  it('prefers Retry-After over the reset header, and says null when neither is there', () => {
    expect(requestedDelayMs(headers({ 'retry-after': '2', 'x-sentry-rate-limit-reset': String(now / 1000 + 60) }), now, true)).toBe(2000);
    expect(requestedDelayMs(headers({}), now, true)).toBeNull();
    expect(requestedDelayMs(headers({ 'retry-after': 'soon' }), now, true)).toBeNull();
  });

  it('never returns a negative delay for a reset in the past', () => {
    expect(requestedDelayMs(headers({ 'x-sentry-rate-limit-reset': String(now / 1000 - 10) }), now, true)).toBe(0);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially under the cap, with full jitter', () => {
    expect(backoffDelayMs(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelayMs(10, 100, 10_000, () => 1)).toBe(10_000);
    expect(backoffDelayMs(3, 100, 10_000, () => 0.5)).toBe(400);
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up to whole seconds, at least one, with a fallback when unknown', () => {
    expect(retryAfterSeconds(1500, 60)).toBe('2');
    expect(retryAfterSeconds(0, 60)).toBe('1');
    expect(retryAfterSeconds(null, 60)).toBe('60');
  });
});

describe('isRetryableStatus', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409].some(isRetryableStatus)).toBe(false);
  });
});
