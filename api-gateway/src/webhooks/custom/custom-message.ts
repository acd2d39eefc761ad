import type { InboundMessage } from '../../pipeline/inbound-message.js';
import { parseRepository } from '../../pipeline/extract-repository.js';
import type { MappedPayload } from './map-custom-payload.js';
import type { WebhookRoute } from './webhook-route-store.js';

/** Who a custom delivery is from when the route maps no author. */
export const ANONYMOUS_AUTHOR = 'anonymous';

/**
 * A custom route's delivery as the pipeline sees it. The route is the agent's own inbox, so the
 * whole text is the request unless the route requires the mention.
 */
export function customMessage(
  route: WebhookRoute,
  mapped: MappedPayload & { text: string },
  delivery: { deliveryId: string; receivedAt: Date; traceparent: string },
): InboundMessage {
  const thread = mapped.thread ?? delivery.deliveryId;
  const author = mapped.author ?? ANONYMOUS_AUTHOR;
  return {
    provider: 'custom',
    deliveryId: delivery.deliveryId,
    event: `custom.${route.slug}`,
    rawText: mapped.text,
    author: { id: author, login: author },
    authorIsBot: false,
    repository: mapped.repository,
    source: { provider: 'custom', slug: route.slug, thread },
    conversationKey: `custom:${route.slug}:${thread}`,
    receivedAt: delivery.receivedAt,
    traceparent: delivery.traceparent,
    addressing: route.requireMention ? { kind: 'mention' } : { kind: 'direct', fallback: route.defaultCommand },
    repositoryHints: {
      fromText: true,
      remembered: mapped.thread !== null,
      fallback: route.defaultRepository ? parseRepository(route.defaultRepository) : null,
    },
  };
}
