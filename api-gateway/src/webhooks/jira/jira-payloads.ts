import { z } from 'zod';
import { AdfNodeSchema } from './adf-to-text.js';

export const JiraHeadersSchema = z.object({
  'x-hub-signature': z.string().optional().describe('`sha256=` HMAC-SHA256 of the raw body with JIRA_WEBHOOK_SECRET (WebSub signature format)'),
  'x-atlassian-webhook-identifier': z.string().min(1).max(200).describe('Unique per delivery and kept on retries: the dedupe key'),
  'x-atlassian-webhook-retry': z.string().optional().describe('The retry count, on a redelivery'),
  'content-type': z.string().optional(),
  traceparent: z.string().optional(),
});

const JiraUserSchema = z.object({
  accountId: z.string().min(1),
  /** `atlassian` (a person), `app` (an app's user) or `customer` (a service-desk customer). */
  accountType: z.string().optional(),
  displayName: z.string().optional(),
});

export const JiraEnvelopeSchema = z.object({ webhookEvent: z.string() }).loose();

/** `comment_created` / `comment_updated` (developer.atlassian.com, "Webhooks"). */
export const JiraCommentEventSchema = z.object({
  webhookEvent: z.enum(['comment_created', 'comment_updated']),
  timestamp: z.number().optional(),
  comment: z.object({
    id: z.string().min(1),
    self: z.url(),
    /** Wiki markup (REST v2 webhooks), or an ADF document (v3 representation). */
    body: z.union([z.string(), AdfNodeSchema]),
    author: JiraUserSchema,
    updateAuthor: JiraUserSchema.optional(),
  }),
  issue: z.object({
    id: z.string().min(1),
    key: z.string().min(1),
    self: z.string().optional(),
    fields: z.object({ summary: z.string().optional(), project: z.object({ key: z.string().min(1) }).loose() }).loose(),
  }),
});
export type JiraCommentEvent = z.infer<typeof JiraCommentEventSchema>;
