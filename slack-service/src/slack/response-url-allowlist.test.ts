import { describe, expect, it } from 'vitest';
import { ResponseUrlAllowlist } from './response-url-allowlist.js';

describe('ResponseUrlAllowlist', () => {
  const allowlist = new ResponseUrlAllowlist(['https://hooks.slack.com/']);

  it("accepts Slack's response URLs", () => {
    expect(allowlist.check('https://hooks.slack.com/commands/T123/456/abc').host).toBe('hooks.slack.com');
  });

  it.each([
    ['plain http', 'http://hooks.slack.com/commands/T1/2/3'],
    ['a look-alike host', 'https://hooks.slack.com.evil.example/commands/T1/2/3'],
    ['credentials before the host', 'https://hooks.slack.com@evil.example/commands'],
    ['another port', 'https://hooks.slack.com:8443/commands/T1/2/3'],
    ['another host', 'https://169.254.169.254/latest/meta-data'],
  ])('refuses %s with 400 response_url_not_allowed', (_name, url) => {
    expect(() => allowlist.check(url)).toThrow(expect.objectContaining({ code: 'response_url_not_allowed', statusCode: 400 }));
  });

  it('refuses something that is not a URL', () => {
    expect(() => allowlist.check('hooks.slack.com/commands')).toThrow(expect.objectContaining({ code: 'invalid_response_url' }));
  });

  it('matches a configured path prefix, not just the host', () => {
    const local = new ResponseUrlAllowlist(['http://127.0.0.1:4000/commands/']);
    expect(local.check('http://127.0.0.1:4000/commands/T1/2/3').pathname).toBe('/commands/T1/2/3');
    expect(() => local.check('http://127.0.0.1:4000/admin')).toThrow(expect.objectContaining({ code: 'response_url_not_allowed' }));
  });
});
