import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifySlackSignature } from './verify-slack-signature.js';

// Slack's own worked example ("Verifying requests from Slack").
const example = z
  .object({ signing_secret: z.string(), timestamp: z.string(), body: z.string(), signature: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../../../test/fixtures/slack/signing-example.json', import.meta.url), 'utf8')));
const at = (seconds: number) => new Date(seconds * 1000);
const check = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) =>
  verifySlackSignature({
    secret: example.signing_secret,
    rawBody: Buffer.from(example.body),
    timestamp: example.timestamp,
    signature: example.signature,
    now: at(Number(example.timestamp) + 10),
    ...overrides,
  });

describe('verifySlackSignature', () => {
  it("accepts Slack's documented example", () => {
    expect(check()).toBe('valid');
  });

  it('refuses another secret, other bytes, another timestamp and malformed headers', () => {
    expect(check({ secret: 'not-the-signing-secret' })).toBe('invalid');
    expect(check({ rawBody: Buffer.from(`${example.body}&x=1`) })).toBe('invalid');
    expect(check({ timestamp: String(Number(example.timestamp) + 1) })).toBe('invalid');
    expect(check({ signature: example.signature.replace('v0=', 'v1=') })).toBe('invalid');
    expect(check({ signature: undefined })).toBe('invalid');
    expect(check({ timestamp: 'yesterday' })).toBe('invalid');
  });

  it('refuses a correctly signed request older or newer than five minutes', () => {
    const timestamp = Number(example.timestamp);
    expect(check({ now: at(timestamp + 300) })).toBe('valid');
    expect(check({ now: at(timestamp + 301) })).toBe('stale');
    expect(check({ now: at(timestamp - 301) })).toBe('stale');
  });
});
