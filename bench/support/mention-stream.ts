import type { GithubDeliveries } from './github-delivery.ts';
import type { LoadRequest } from './load.ts';

/**
 * An endless supply of mentions for a load run: each request a fresh signed delivery on its own
 * issue and comment (`serials` keeps them apart across runs of one benchmark).
 */
export function mentionStream(deliveries: GithubDeliveries, serials: { next: number }): () => LoadRequest {
  return () => {
    const serial = serials.next++;
    const delivery = deliveries.issueComment(`@agent ask bench-${serial} why is the login test flaky?`, 100_000 + serial, 1_000_000_000 + serial);
    return { method: 'POST', path: '/webhooks/github', headers: delivery.headers, body: delivery.body };
  };
}
