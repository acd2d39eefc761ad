import { describe, expect, it } from 'vitest';
import { ServiceCallError } from './service-call-error.js';

describe('ServiceCallError', () => {
  const error = (status: number | undefined, code: string) => new ServiceCallError('github-service', 'issues.createComment', status, code, 'detail');

  it('retries what may pass later: no answer, 429, 5xx, and a key still being served', () => {
    for (const [status, code] of [
      [undefined, 'unreachable'],
      [429, 'github_rate_limited'],
      [502, 'github_unavailable'],
      [503, 'credentials_missing'],
      [409, 'idempotency_in_progress'],
    ] as const) {
      expect(error(status, code).retryable, `${status} ${code}`).toBe(true);
    }
  });

  it('does not retry refusals', () => {
    for (const [status, code] of [
      [400, 'invalid_request'],
      [401, 'unauthorized'],
      [404, 'github_not_found'],
      [409, 'github_conflict'],
      [422, 'idempotency_key_reused'],
    ] as const) {
      expect(error(status, code).retryable, `${status} ${code}`).toBe(false);
    }
  });

  it('names the service, operation, status and code in its message', () => {
    expect(error(404, 'github_not_found').message).toBe('github-service issues.createComment failed (HTTP 404 github_not_found): detail');
  });
});
