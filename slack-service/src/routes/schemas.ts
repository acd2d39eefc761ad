import { z } from 'zod';

export const ErrorSchema = z
  .object({ code: z.string(), message: z.string() })
  .meta({ id: 'Error', example: { code: 'slack_channel_not_found', message: 'Slack: channel_not_found (Value passed for channel was invalid.)' } });

/** Slack conversation IDs: channels (C), private groups (G), DMs (D); a user ID (U/W) posts to the app's DM. */
export const ChannelIdSchema = z
  .string()
  .regex(/^[CDGUW][A-Z0-9]{2,30}$/, 'must be a Slack conversation ID such as C123ABC456')
  .describe('Conversation ID, e.g. C123ABC456');

/** Slack message timestamps are the message IDs: seconds, a dot, and a sequence number. */
export const TsSchema = z
  .string()
  .regex(/^\d{1,12}\.\d{1,8}$/, 'must be a Slack message timestamp such as 1503435956.000247')
  .describe('Message timestamp (its ID), e.g. 1503435956.000247');

export const UserIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,30}$/, 'must be a Slack user ID such as U0BPQUNTA').describe('User ID, e.g. U0BPQUNTA');

/** Texts are split or attached as a file past Slack's limits, so the API itself takes long ones. */
export const TextSchema = z.string().min(1).max(1_000_000);

/** Slack: at most 50 blocks per message; a section's text at most 3,000 characters (docs.slack.dev/reference/block-kit/blocks). */
export const BlocksSchema = z
  .array(z.looseObject({ type: z.string().min(1) }))
  .min(1)
  .max(50)
  .superRefine((blocks, context) => {
    blocks.forEach((block, index) => {
      const text = block.text;
      if (block.type === 'section' && typeof text === 'object' && text !== null && 'text' in text && typeof text.text === 'string' && text.text.length > 3000) {
        context.addIssue({ code: 'custom', path: [index, 'text', 'text'], message: 'a section block takes at most 3,000 characters' });
      }
    });
  })
  .describe('Block Kit blocks; `text` then becomes the notification fallback');

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Writes with the same key are made once; a repeat replays the stored result (header Idempotent-Replayed: true)'),
});

/** Error responses of a route that writes to Slack. */
export const writeErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
  429: ErrorSchema,
  502: ErrorSchema,
  503: ErrorSchema,
  504: ErrorSchema,
} as const;

/** Error responses of a route that reads from Slack. */
export const readErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  422: ErrorSchema,
  429: ErrorSchema,
  502: ErrorSchema,
  503: ErrorSchema,
  504: ErrorSchema,
} as const;
