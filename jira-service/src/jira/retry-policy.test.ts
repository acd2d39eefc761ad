import { describe, expect, it } from 'vitest';
import { JiraHttpError } from './jira-errors.js';
import { backoffDelayMs, parseRetryAfter, retryDelayMs } from './retry-policy.js';

const policy = { maxRetries: 3, baseDelayMs: 500, maxRetryAfterSeconds: 10 };
const answer = (status: number, retryAfterSeconds?: number) => new JiraHttpError(status, '', {}, retryAfterSeconds, 'GET /x');
const maxRandom = () => 0.999_999;

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped at 10 s', () => {
    expect(backoffDelayMs(policy, 0, maxRandom)).toBe(500);
    expect(backoffDelayMs(policy, 2, maxRandom)).toBe(2000);
    expect(backoffDelayMs(policy, 10, maxRandom)).toBe(10_000);
    expect(backoffDelayMs(policy, 2, () => 0)).toBe(0);
  });

  it('retries 429 and 5xx, never other 4xx, and stops after maxRetries', () => {
    expect(retryDelayMs(answer(503), 0, policy, maxRandom)).toBe(500);
    expect(retryDelayMs(answer(500), 1, policy, maxRandom)).toBe(1000);
    expect(retryDelayMs(answer(429), 0, policy, maxRandom)).toBe(500);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(retryDelayMs(answer(status), 0, policy)).toBeNull();
    expect(retryDelayMs(answer(503), 3, policy)).toBeNull();
  });

  it("waits out Jira's Retry-After when it is short, and hands a long one to the caller", () => {
    expect(retryDelayMs(answer(429, 2), 0, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(answer(503, 5), 0, policy, () => 0)).toBe(5000);
    expect(retryDelayMs(answer(429, 11), 0, policy)).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
