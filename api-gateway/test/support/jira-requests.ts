import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A Jira payload from test/fixtures/jira, as a fresh object. */
export function jiraFixture(name: 'comment-created' | 'comment-created-adf'): Record<string, unknown> & { comment: Record<string, unknown>; issue: Record<string, unknown> } {
  return JSON.parse(readFileSync(new URL(`../fixtures/jira/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown> & {
    comment: Record<string, unknown>;
    issue: Record<string, unknown>;
  };
}

/** A delivery as a Jira admin webhook with a secret sends it: `X-Hub-Signature: sha256=<hex>`. */
export function jiraDelivery(secret: string, payload: unknown, options: { identifier?: string; rawBody?: string; signWith?: string; omitHeaders?: string[] } = {}) {
  const body = options.rawBody ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Atlassian Webhook HTTP Client',
    'x-atlassian-webhook-identifier': options.identifier ?? randomUUID(),
    'x-hub-signature': `sha256=${createHmac('sha256', options.signWith ?? secret).update(body).digest('hex')}`,
  };
  for (const name of options.omitHeaders ?? []) delete headers[name];
  return { method: 'POST' as const, url: '/webhooks/jira', headers, payload: body };
}
