import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact-secrets.js';

describe('createRedactor', () => {
  const redact = createRedactor(['my-service-token-0123456789', undefined, 'short']);

  it('replaces configured secrets and credential shapes in nested values', () => {
    const record = {
      content: 'token my-service-token-0123456789 and ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      nested: [{ url: 'postgres://app:hunter2-password@db:5432/app' }, 'Authorization: Bearer abcdefghijklmnop1234'],
      slack: 'xoxb-1234567890-abcdefghij',
      key: 'sk-proj-abcdefghijklmnopqrstuvwx',
      count: 3,
    };
    expect(redact(record)).toEqual({
      content: 'token [redacted] and [redacted]',
      nested: [{ url: 'postgres://app:[redacted]@db:5432/app' }, 'Authorization: Bearer [redacted]'],
      slack: '[redacted]',
      key: '[redacted]',
      count: 3,
    });
  });

  it('leaves ordinary text alone, short configured values included', () => {
    expect(redact('a short answer: https://github.com/octo/repo/pull/1')).toBe('a short answer: https://github.com/octo/repo/pull/1');
  });
});
