import { z } from 'zod';

/** Sent once when the Request URL is saved; answered with its challenge. */
export const UrlVerificationSchema = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(500) });

/** The inner event of `event_callback`: `app_mention` and `message` carry the same fields the gateway reads. */
export const SlackMessageEventSchema = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  /** The user's team on a shared channel or Enterprise Grid. */
  team: z.string().optional(),
});
export type SlackMessageEvent = z.infer<typeof SlackMessageEventSchema>;

/** The Events API wrapper (docs.slack.dev, "The Events API"). */
export const EventCallbackSchema = z.object({
  type: z.literal('event_callback'),
  team_id: z.string().min(1),
  api_app_id: z.string().optional(),
  event_id: z.string().min(1).max(200),
  event_time: z.number().optional(),
  event: z.object({ type: z.string() }).loose(),
  /** One installation the event is visible to; for a bot-token install, `user_id` is the bot. */
  authorizations: z.array(z.object({ user_id: z.string(), is_bot: z.boolean().optional() }).loose()).optional(),
});
export type EventCallback = z.infer<typeof EventCallbackSchema>;

export const SlackEnvelopeSchema = z.object({ type: z.string() }).loose();

/** A slash command's form fields (docs.slack.dev, "Implementing slash commands"). */
export const SlashCommandSchema = z.object({
  command: z.string().min(2).max(100),
  text: z.string().default(''),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  response_url: z.url().optional(),
  trigger_id: z.string().min(1).max(200),
  enterprise_id: z.string().optional(),
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;

/** What Slack shows the person who typed the slash command (only them: `ephemeral`). */
export const SlashCommandReplySchema = z
  .object({ response_type: z.literal('ephemeral'), text: z.string() })
  .meta({ id: 'SlackSlashCommandReply', example: { response_type: 'ephemeral', text: 'On it: `fix` is queued as task-01JD7Z8Q5W3V4X2Y1Z0A9B8C7D.' } });

export const UrlVerificationAnswerSchema = z.object({ challenge: z.string() }).meta({ id: 'SlackUrlVerificationAnswer' });
