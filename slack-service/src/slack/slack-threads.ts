import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import { type SlackCallPolicy, callSlack, parseSlackResult } from './slack-call.js';
import { RepliesResultSchema, type SlackMessageSchema } from './slack-results.js';

export interface ThreadMessage {
  ts: string;
  thread_ts: string | null;
  user: string | null;
  bot_id: string | null;
  subtype: string | null;
  text: string;
  reply_count: number | null;
  files: { id: string; name: string | null }[];
}

export interface ThreadPage {
  channel: string;
  ts: string;
  messages: ThreadMessage[];
  has_more: boolean;
  next_cursor: string | null;
}

function toThreadMessage(message: z.infer<typeof SlackMessageSchema>): ThreadMessage {
  return {
    ts: message.ts,
    thread_ts: message.thread_ts ?? null,
    user: message.user ?? null,
    bot_id: message.bot_id ?? null,
    subtype: message.subtype ?? null,
    text: message.text,
    reply_count: message.reply_count ?? null,
    files: (message.files ?? []).map((file) => ({ id: file.id, name: file.name ?? null })),
  };
}

/** One page of `conversations.replies`, reduced to what an agent needs to read a conversation. */
export async function readReplies(
  client: WebClient,
  policy: SlackCallPolicy,
  channel: string,
  ts: string,
  page: { limit: number; cursor?: string },
): Promise<ThreadPage> {
  const result = await callSlack('conversations.replies', policy, async () =>
    parseSlackResult('conversations.replies', RepliesResultSchema, await client.conversations.replies({ channel, ts, limit: page.limit, cursor: page.cursor })),
  );
  const cursor = result.response_metadata?.next_cursor;
  return {
    channel,
    ts,
    messages: result.messages.map(toThreadMessage),
    has_more: result.has_more,
    next_cursor: cursor ? cursor : null,
  };
}
