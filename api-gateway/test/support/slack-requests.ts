import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/slack/', import.meta.url);

/** A documented Slack payload from test/fixtures/slack, as a fresh object. */
export function slackFixture(name: 'app-mention' | 'message-im' | 'url-verification'): Record<string, unknown> & { event: Record<string, unknown> } {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtures), 'utf8')) as Record<string, unknown> & { event: Record<string, unknown> };
}

/** The documented slash command body, with fields changed. */
export function slashCommandBody(changes: Record<string, string> = {}): string {
  const form = new URLSearchParams(readFileSync(new URL('slash-command.txt', fixtures), 'utf8'));
  for (const [key, value] of Object.entries(changes)) form.set(key, value);
  return form.toString();
}

export interface SlackRequestOptions {
  secret: string;
  /** Unix seconds written in X-Slack-Request-Timestamp and signed. */
  timestamp: number;
  form?: boolean;
  retryNum?: number;
  signWith?: string;
  unsigned?: boolean;
}

/** A request as Slack sends it: `X-Slack-Signature: v0=HMAC(v0:<timestamp>:<body>)`. */
export function slackRequest(body: string, options: SlackRequestOptions) {
  const timestamp = String(options.timestamp);
  const signature = `v0=${createHmac('sha256', options.signWith ?? options.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const headers: Record<string, string> = {
    'content-type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
    'x-slack-request-timestamp': timestamp,
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  };
  if (!options.unsigned) headers['x-slack-signature'] = signature;
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return { method: 'POST' as const, url: '/webhooks/slack', headers, payload: body };
}
