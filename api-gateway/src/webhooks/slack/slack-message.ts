import type { RepositoryRef } from '@swe-ai-fleet/contracts';
import type { InboundMessage } from '../../pipeline/inbound-message.js';
import type { EventCallback, SlackMessageEvent, SlashCommand } from './slack-payloads.js';
import { slackText } from './slack-text.js';

/**
 * Slack may announce one message twice (an `app_mention` and a `message.im` of the same message,
 * under different event ids); one task per message.
 */
const MESSAGE_TRIGGER_WINDOW_MS = 10 * 60_000;

/** Message subtypes a person writes; edits, deletions, joins and bot posts never start a task. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export interface SlackContext {
  receivedAt: Date;
  traceparent: string;
  /** The bot's user id: its messages never start a task. */
  botUserId: string | undefined;
  channelRepositories: Readonly<Record<string, RepositoryRef>>;
}

/** An `app_mention`, or a message in a direct conversation with the bot; null for every other event. */
export function slackEventMessage(callback: EventCallback, event: SlackMessageEvent, context: SlackContext): InboundMessage | null {
  const isMention = event.type === 'app_mention';
  const isDirect = event.type === 'message' && event.channel_type === 'im';
  if ((!isMention && !isDirect) || !PERSON_SUBTYPES.has(event.subtype)) return null;
  const user = event.user ?? event.bot_id ?? 'unknown';
  const threadTs = event.thread_ts ?? event.ts;
  const conversationKey = `slack:${callback.team_id}/${event.channel}/${threadTs}`;
  return {
    provider: 'slack',
    deliveryId: callback.event_id,
    event: isMention ? 'app_mention' : 'message.im',
    rawText: slackText(event.text),
    author: { id: user, login: user },
    authorIsBot: event.bot_id !== undefined || event.subtype === 'bot_message' || (context.botUserId !== undefined && user === context.botUserId),
    repository: null,
    source: {
      provider: 'slack',
      team_id: callback.team_id,
      channel: event.channel,
      thread_ts: threadTs,
      message_ts: event.ts,
      trigger: isMention ? 'app_mention' : 'direct_message',
      user_id: user,
      ...(event.channel_type ? { channel_type: event.channel_type } : {}),
    },
    conversationKey,
    receivedAt: context.receivedAt,
    traceparent: context.traceparent,
    addressing: isMention ? { kind: 'mention' } : { kind: 'direct', fallback: 'ask' },
    repositoryHints: { fromText: true, remembered: true, fallback: context.channelRepositories[event.channel] ?? null },
    trigger: { key: `slack:${callback.team_id}/${event.channel}/${event.ts}`, windowMs: MESSAGE_TRIGGER_WINDOW_MS },
  };
}

/**
 * `/agent <command> <request>`: addressed to the agent by itself. There is no message yet, so the
 * task answers through `response_url` (or a new message in the channel) and is its own conversation.
 */
export function slashCommandMessage(command: SlashCommand, context: SlackContext): InboundMessage {
  return {
    provider: 'slack',
    deliveryId: `slash:${command.trigger_id}`,
    event: 'slash_command',
    rawText: slackText(command.text),
    author: { id: command.user_id, login: command.user_id },
    authorIsBot: false,
    repository: null,
    source: {
      provider: 'slack',
      team_id: command.team_id,
      channel: command.channel_id,
      thread_ts: '',
      message_ts: '',
      trigger: 'slash_command',
      user_id: command.user_id,
      command: command.command,
      ...(command.response_url ? { response_url: command.response_url } : {}),
    },
    conversationKey: `slack:${command.team_id}/${command.channel_id}/slash:${command.trigger_id}`,
    receivedAt: context.receivedAt,
    traceparent: context.traceparent,
    addressing: { kind: 'direct', fallback: 'ask', invocation: command.command },
    repositoryHints: { fromText: true, remembered: false, fallback: context.channelRepositories[command.channel_id] ?? null },
  };
}
