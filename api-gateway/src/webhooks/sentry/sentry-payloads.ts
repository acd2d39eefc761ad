import { z } from 'zod';

export const SentryHeadersSchema = z.object({
  'sentry-hook-signature': z.string().optional().describe('Hex HMAC-SHA256 of the raw body with SENTRY_CLIENT_SECRET'),
  'sentry-hook-resource': z.string().min(1).max(100).describe('`installation`, `event_alert`, `issue`, `comment`, ...'),
  'sentry-hook-timestamp': z.string().optional(),
  'request-id': z.string().min(1).max(200).describe('Unique per delivery: the dedupe key'),
  'content-type': z.string().optional(),
  traceparent: z.string().optional(),
});

const ActorSchema = z.object({ type: z.string(), id: z.union([z.string(), z.number()]), name: z.string().optional() });
const InstallationRefSchema = z.object({ uuid: z.string().min(1) });

export const SentryEnvelopeSchema = z.object({ action: z.string() }).loose();

/** `installation` (docs.sentry.io, integration platform webhooks): the organization that installed the integration. */
export const InstallationPayloadSchema = z.object({
  action: z.string(),
  data: z.object({
    installation: z.object({ uuid: z.string().min(1), status: z.string(), organization: z.object({ slug: z.string().min(1) }) }),
  }),
});

/** `event_alert`: an issue alert rule with this integration as its action fired on an event. */
export const EventAlertPayloadSchema = z.object({
  action: z.literal('triggered'),
  actor: ActorSchema.optional(),
  data: z.object({
    event: z.object({
      event_id: z.string().min(1),
      issue_id: z.union([z.string(), z.number()]).transform(String),
      title: z.string().default(''),
      culprit: z.string().nullish(),
      level: z.string().optional(),
      /** The project's numeric id. */
      project: z.union([z.string(), z.number()]).transform(String),
      /** API URL `…/api/0/projects/<org>/<project>/events/<id>/`. */
      url: z.string().optional(),
      /** `…/organizations/<org>/issues/<id>/events/<id>/`. */
      web_url: z.string().optional(),
    }),
    triggered_rule: z.string().default(''),
  }),
  installation: InstallationRefSchema.optional(),
});
export type EventAlertPayload = z.infer<typeof EventAlertPayloadSchema>;

/** `comment`: a comment on a Sentry issue was created, updated or deleted. */
export const CommentPayloadSchema = z.object({
  action: z.string(),
  actor: ActorSchema,
  data: z.object({
    comment: z.string(),
    project_slug: z.string().min(1),
    comment_id: z.union([z.string(), z.number()]).transform(String),
    issue_id: z.union([z.string(), z.number()]).transform(String),
  }),
  installation: InstallationRefSchema.optional(),
});
export type CommentPayload = z.infer<typeof CommentPayloadSchema>;
