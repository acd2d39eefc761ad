import type { Tracer } from '@opentelemetry/api';
import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { paths } from '../generated/slack-service.js';
import { type CallContext, ServiceCaller } from './service-caller.js';

const PostedSchema = z.object({ channel: z.string(), ts: z.string(), thread_ts: z.string().nullable() });
const ReactionSchema = z.object({ channel: z.string(), ts: z.string(), name: z.string(), already_reacted: z.boolean() });
const RepliesSchema = z.object({
  messages: z.array(z.object({ ts: z.string(), user: z.string().nullable(), bot_id: z.string().nullable(), subtype: z.string().nullable(), text: z.string() })),
  has_more: z.boolean(),
});
const CommandResponseSchema = z.object({ parts: z.number().int(), truncated: z.boolean() });

export type SlackPosted = z.infer<typeof PostedSchema>;
export type SlackReplies = z.infer<typeof RepliesSchema>;

/** slack-service over HTTP, through the client generated from its committed openapi.json. */
export class SlackServiceClient {
  private readonly client;
  private readonly caller;

  constructor(options: { baseUrl: string; serviceToken: string; timeoutMs?: number; tracer?: Tracer }) {
    this.client = createClient<paths>({ baseUrl: options.baseUrl });
    this.caller = new ServiceCaller({ service: 'slack-service', serviceToken: options.serviceToken, timeoutMs: options.timeoutMs, tracer: options.tracer });
  }

  postMessage(context: CallContext, channel: string, message: { text: string; threadTs?: string }): Promise<SlackPosted> {
    const path = `/api/v1/channels/${channel}/messages`;
    return this.caller.call(context, { operation: 'chat.postMessage', method: 'POST', path }, PostedSchema, (headers, signal) =>
      this.client.POST('/api/v1/channels/{channel}/messages', {
        params: { path: { channel } },
        body: { text: message.text, ...(message.threadTs ? { thread_ts: message.threadTs } : {}), unfurl_links: false },
        headers,
        signal,
      }),
    );
  }

  updateMessage(context: CallContext, channel: string, ts: string, message: { text: string; threadTs?: string }): Promise<SlackPosted> {
    const path = `/api/v1/channels/${channel}/messages/${ts}`;
    return this.caller.call(context, { operation: 'chat.update', method: 'PATCH', path }, PostedSchema, (headers, signal) =>
      this.client.PATCH('/api/v1/channels/{channel}/messages/{ts}', {
        params: { path: { channel, ts } },
        body: { text: message.text, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) },
        headers,
        signal,
      }),
    );
  }

  addReaction(context: CallContext, channel: string, ts: string, name: string) {
    const path = `/api/v1/channels/${channel}/messages/${ts}/reactions`;
    return this.caller.call(context, { operation: 'reactions.add', method: 'POST', path }, ReactionSchema, (headers, signal) =>
      this.client.POST('/api/v1/channels/{channel}/messages/{ts}/reactions', { params: { path: { channel, ts } }, body: { name }, headers, signal }),
    );
  }

  threadReplies(context: CallContext, channel: string, threadTs: string, limit: number): Promise<SlackReplies> {
    const path = `/api/v1/channels/${channel}/messages/${threadTs}/replies`;
    return this.caller.call(context, { operation: 'conversations.replies', method: 'GET', path }, RepliesSchema, (headers, signal) =>
      this.client.GET('/api/v1/channels/{channel}/messages/{ts}/replies', { params: { path: { channel, ts: threadTs }, query: { limit } }, headers, signal }),
    );
  }

  /** Answers through a slash command's response_url (a secret-bearing URL: never logged, only its route is). */
  respondToCommand(context: CallContext, responseUrl: string, text: string) {
    return this.caller.call(context, { operation: 'response_url', method: 'POST', path: '/api/v1/command-responses' }, CommandResponseSchema, (headers, signal) =>
      this.client.POST('/api/v1/command-responses', { body: { response_url: responseUrl, text, response_type: 'in_channel' }, headers, signal }),
    );
  }
}
