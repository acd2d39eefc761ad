import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type SentryFixture = 'event-alert' | 'issue-created' | 'comment-created' | 'installation-created';

/** A documented Sentry payload from test/fixtures/sentry, as a fresh object. */
export function sentryFixture(name: SentryFixture): Record<string, unknown> & { data: Record<string, unknown> } {
  return JSON.parse(readFileSync(new URL(`../fixtures/sentry/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown> & { data: Record<string, unknown> };
}

/** A delivery as Sentry sends it: `Sentry-Hook-Signature` is the hex HMAC-SHA256 of the body with the client secret. */
export function sentryDelivery(secret: string, resource: string, payload: unknown, options: { requestId?: string; rawBody?: string; signWith?: string; omitHeaders?: string[] } = {}) {
  const body = options.rawBody ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'request-id': options.requestId ?? randomUUID(),
    'sentry-hook-resource': resource,
    'sentry-hook-timestamp': String(Math.floor(Date.now() / 1000)),
    'sentry-hook-signature': createHmac('sha256', options.signWith ?? secret).update(body).digest('hex'),
  };
  for (const name of options.omitHeaders ?? []) delete headers[name];
  return { method: 'POST' as const, url: '/webhooks/sentry', headers, payload: body };
}
