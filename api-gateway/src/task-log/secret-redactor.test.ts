import { describe, expect, it } from 'vitest';
import { SecretRedactor } from './secret-redactor.js';

describe('SecretRedactor', () => {
  const redactor = new SecretRedactor(['webhook-secret-value', 'short', undefined]);

  it("replaces the platform's known secrets wherever they appear", () => {
    expect(redactor.redactString('the secret is webhook-secret-value!')).toBe('the secret is [redacted]!');
  });

  it('does not treat a short configured value as a secret', () => {
    expect(redactor.redactString('a short text')).toBe('a short text');
  });

  it('replaces credentials by their shape', () => {
    const text = `token ghp_${'a'.repeat(36)} and xoxb-1234567890-abcdef and Authorization: Bearer abcdefghijklmnopqrstuvwxyz`;
    expect(redactor.redactString(text)).toBe('token [redacted] and [redacted] and Authorization: Bearer [redacted]');
  });

  it('replaces values of secret-named keys, deeply, without touching the input', () => {
    const input = { task_id: 't', conversation_key: 'github:o/r#1', nested: [{ api_key: 'x', github_token: 'y', note: 'ok' }] };
    expect(redactor.redact(input)).toEqual({
      task_id: 't',
      conversation_key: 'github:o/r#1',
      nested: [{ api_key: '[redacted]', github_token: '[redacted]', note: 'ok' }],
    });
    expect(input.nested[0]?.api_key).toBe('x');
  });

  it("replaces a Slack slash command's response_url, a capability to post in the channel", () => {
    const source = { provider: 'slack', channel: 'C1', response_url: 'https://hooks.slack.com/commands/T1/123/abc' };
    expect(redactor.redact(source)).toEqual({ provider: 'slack', channel: 'C1', response_url: '[redacted]' });
  });
});
