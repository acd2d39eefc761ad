import { z } from 'zod';

/**
 * The parts of Slack's answers this service relies on (shapes from docs.slack.dev method
 * references). Unknown fields pass through untouched; a missing required field is a 502.
 */
export const PostMessageResultSchema = z.looseObject({ channel: z.string(), ts: z.string() });

export const UpdateResultSchema = z.looseObject({ channel: z.string(), ts: z.string() });

export const EphemeralResultSchema = z.looseObject({ message_ts: z.string() });

export const SlackFileSchema = z.looseObject({ id: z.string(), name: z.string().optional(), title: z.string().optional() });

export const SlackMessageSchema = z.looseObject({
  type: z.string().default('message'),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  text: z.string().default(''),
  reply_count: z.number().int().optional(),
  files: z.array(SlackFileSchema).optional(),
});

export const RepliesResultSchema = z.looseObject({
  messages: z.array(SlackMessageSchema).default([]),
  has_more: z.boolean().default(false),
  response_metadata: z.looseObject({ next_cursor: z.string().optional() }).optional(),
});

export const AuthTestResultSchema = z.looseObject({
  url: z.string(),
  team: z.string(),
  team_id: z.string(),
  user: z.string(),
  user_id: z.string(),
  bot_id: z.string().optional(),
});

/** `files.uploadV2` answers one `files.completeUploadExternal` result per upload group. */
export const UploadResultSchema = z.looseObject({
  files: z.array(z.looseObject({ files: z.array(SlackFileSchema).min(1) })).min(1),
});
