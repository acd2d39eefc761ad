import type { WebhookMapping } from '../api/types.js';

/** RFC 6901: `~1` is `/`, `~0` is `~`. */
function tokens(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function place(target: Record<string, unknown>, pointer: string | undefined, value: string): void {
  if (!pointer) return;
  const path = tokens(pointer);
  const last = path.pop();
  if (last === undefined) return;
  let node = target;
  for (const token of path) {
    const next = node[token];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[token] = created;
      node = created;
    }
  }
  node[last] = value;
}

/** A delivery body that fills every pointer of a route's mapping: a starting point for a test. */
export function examplePayload(mapping: WebhookMapping): string {
  const body: Record<string, unknown> = {};
  place(body, mapping.text, '@agent ask why is the nightly build red?');
  place(body, mapping.author, 'ops-bot');
  place(body, mapping.repository, 'acme/api');
  place(body, mapping.thread, 'incident-42');
  place(body, mapping.delivery_id, `test-${Date.now()}`);
  return JSON.stringify(body, null, 2);
}
