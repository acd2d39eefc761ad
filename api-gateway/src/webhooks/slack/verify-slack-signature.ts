import { hmacSha256Hex, sameHexDigest } from '../hmac.js';

/** Slack refuses to replay older requests, and so does the gateway (docs.slack.dev, "Verifying requests from Slack"). */
export const SLACK_REPLAY_WINDOW_SECONDS = 5 * 60;

export type SlackSignatureCheck = 'valid' | 'invalid' | 'stale';

/**
 * `X-Slack-Signature: v0=<hex>` is HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<raw body>`
 * with the app's signing secret. A request whose timestamp is more than five minutes from `now`
 * is refused even when signed, so a captured request cannot be replayed later.
 */
export function verifySlackSignature(input: { secret: string; rawBody: Buffer; timestamp: string | undefined; signature: string | undefined; now: Date }): SlackSignatureCheck {
  const { secret, rawBody, timestamp, signature, now } = input;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature?.startsWith('v0=')) return 'invalid';
  const expected = hmacSha256Hex(secret, `v0:${timestamp}:`, rawBody);
  if (!sameHexDigest(signature.slice('v0='.length), expected)) return 'invalid';
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_REPLAY_WINDOW_SECONDS ? 'stale' : 'valid';
}
