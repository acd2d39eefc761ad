import { z } from 'zod';

/** The headers GitHub sends with every delivery (docs.github.com, "Webhook events and payloads"). */
export const GithubWebhookHeadersSchema = z.object({
  'x-github-event': z.string().min(1).max(100).describe('The event name, for example `issue_comment`'),
  'x-github-delivery': z.string().min(1).max(200).describe('Unique id of the delivery; a redelivery keeps it'),
  'x-hub-signature-256': z.string().optional().describe('`sha256=` HMAC of the raw body with the webhook secret'),
  'x-github-hook-id': z.string().optional(),
  'content-type': z.string().optional(),
  traceparent: z.string().optional().describe('W3C trace context, when a proxy in front adds one'),
});
export type GithubWebhookHeaders = z.infer<typeof GithubWebhookHeadersSchema>;
