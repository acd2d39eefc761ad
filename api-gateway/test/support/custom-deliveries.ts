import { createHmac, randomUUID } from 'node:crypto';

/** A delivery to a custom route as a sender would post it: the exact bytes, `X-Signature-256: sha256=<hex>`. */
export function customDelivery(slug: string, secret: string, payload: unknown, options: { deliveryId?: string; rawBody?: string; unsigned?: boolean } = {}) {
  const body = options.rawBody ?? JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-delivery-id': options.deliveryId ?? randomUUID() };
  if (!options.unsigned) headers['x-signature-256'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return { method: 'POST' as const, url: `/webhooks/custom/${slug}`, headers, payload: body };
}
