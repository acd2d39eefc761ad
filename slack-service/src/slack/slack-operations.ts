import type { Block, KnownBlock, WebClient } from '@slack/web-api';
import { AppError, ProviderError } from '../errors.js';
import { type StepRunner, runEveryStep } from '../idempotency/idempotency-store.js';
import { type DeliveryPlan, type TextLimits, planDelivery, planTruncated } from '../text/plan-delivery.js';
import { splitText } from '../text/split-text.js';
import { type SlackCallPolicy, callSlack, parseSlackResult } from './slack-call.js';
import { AuthTestResultSchema, EphemeralResultSchema, PostMessageResultSchema, UpdateResultSchema, UploadResultSchema } from './slack-results.js';
import { type ThreadPage, readReplies } from './slack-threads.js';

export type SlackBlock = KnownBlock | Block;

export interface MessageContent {
  channel: string;
  text: string;
  /** When given, `text` is only the notification fallback and is not split. */
  blocks?: SlackBlock[];
}

export interface PostMessageInput extends MessageContent {
  thread_ts?: string;
  reply_broadcast?: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

export interface UpdateMessageInput extends MessageContent {
  ts: string;
  /** Parent of the thread the message is in, if it is a reply; continuation parts go there. */
  thread_ts?: string;
}

export interface EphemeralInput extends MessageContent {
  user: string;
  thread_ts?: string;
}

/** Where a text ended up: the first message, the parts that followed in its thread, a snippet. */
export interface MessageDelivery {
  channel: string;
  ts: string;
  thread_ts: string | null;
  continuation_ts: string[];
  file: { id: string; name: string | null } | null;
}

export interface AuthIdentity {
  team: string;
  team_id: string;
  user: string;
  user_id: string;
  bot_id: string | null;
  url: string;
}

const SNIPPET_FILENAME = 'full-text.md';

/** The Slack operations this service offers; every call goes through `callSlack`. */
export class SlackOperations {
  constructor(
    private readonly client: WebClient,
    private readonly limits: TextLimits,
    private readonly policy: SlackCallPolicy,
  ) {}

  /** Posts a message (or a reply when `thread_ts` is set); a long text continues in the thread. */
  async postMessage(input: PostMessageInput, steps: StepRunner = runEveryStep): Promise<MessageDelivery> {
    const { channel, thread_ts, reply_broadcast, unfurl_links, unfurl_media } = input;
    const plan = this.plan(input);
    const head = plan.kind === 'messages' ? (plan.parts[0] ?? '') : plan.preview;
    const options = { reply_broadcast, unfurl_links, unfurl_media };
    const first = await steps('part-1', { channel, thread_ts, head, options }, () =>
      this.post({ channel, thread_ts, text: head, blocks: input.blocks, ...options }),
    );
    return this.continueInThread(channel, first, thread_ts ?? first, plan, steps);
  }

  /** Replaces a message's text; what does not fit continues as replies in its thread. */
  async updateMessage(input: UpdateMessageInput, steps: StepRunner = runEveryStep): Promise<MessageDelivery> {
    const { channel, ts } = input;
    const plan = this.plan(input);
    const head = plan.kind === 'messages' ? (plan.parts[0] ?? '') : plan.preview;
    await steps('part-1', { channel, ts, head }, () =>
      callSlack('chat.update', this.policy, async () =>
        parseSlackResult('chat.update', UpdateResultSchema, await this.client.chat.update({ channel, ts, text: head, blocks: input.blocks })),
      ),
    );
    return this.continueInThread(channel, ts, input.thread_ts ?? ts, plan, steps);
  }

  /** Adds an emoji reaction; one that is already there counts as success. */
  async addReaction(channel: string, timestamp: string, name: string): Promise<{ already_reacted: boolean }> {
    try {
      await callSlack('reactions.add', this.policy, () => this.client.reactions.add({ channel, timestamp, name }));
      return { already_reacted: false };
    } catch (error) {
      if (error instanceof AppError && error.code === 'slack_already_reacted') return { already_reacted: true };
      throw error;
    }
  }

  /** One page of a thread: the parent message first, then its replies, oldest first. */
  getReplies(channel: string, ts: string, page: { limit: number; cursor?: string }): Promise<ThreadPage> {
    return readReplies(this.client, this.policy, channel, ts, page);
  }

  /** Shows a message to one user only. Ephemeral messages cannot carry files, so a long text is cut. */
  async postEphemeral(input: EphemeralInput, steps: StepRunner = runEveryStep): Promise<{ message_ts: string[]; truncated: boolean }> {
    const { channel, user, thread_ts } = input;
    const { parts, truncated } = input.blocks ? { parts: [this.fallback(input.text)], truncated: false } : planTruncated(input.text, this.limits);
    const message_ts: string[] = [];
    for (const [index, text] of parts.entries()) {
      const blocks = index === 0 ? input.blocks : undefined;
      const result = await steps(`part-${index + 1}`, { channel, user, thread_ts, text }, () =>
        callSlack('chat.postEphemeral', this.policy, async () =>
          parseSlackResult('chat.postEphemeral', EphemeralResultSchema, await this.client.chat.postEphemeral({ channel, user, thread_ts, text, blocks })),
        ),
      );
      message_ts.push(result.message_ts);
    }
    return { message_ts, truncated };
  }

  /** Who the token belongs to (`auth.test`); fails with the mapped Slack error when it is not valid. */
  async authTest(): Promise<AuthIdentity> {
    const result = await callSlack('auth.test', this.policy, async () =>
      parseSlackResult('auth.test', AuthTestResultSchema, await this.client.auth.test()),
    );
    return { team: result.team, team_id: result.team_id, user: result.user, user_id: result.user_id, bot_id: result.bot_id ?? null, url: result.url };
  }

  private plan(content: MessageContent): DeliveryPlan {
    return content.blocks ? { kind: 'messages', parts: [this.fallback(content.text)] } : planDelivery(content.text, this.limits);
  }

  /** With blocks, the text is only what notifications show: one message's worth is plenty. */
  private fallback(text: string): string {
    const [first = ''] = splitText(text, this.limits.maxChars - 1);
    return first.length < text.length ? `${first}…` : first;
  }

  private async post(input: PostMessageInput): Promise<string> {
    const { channel, text, blocks, thread_ts, reply_broadcast, unfurl_links, unfurl_media } = input;
    // Slack only accepts reply_broadcast together with thread_ts.
    const thread = thread_ts ? { thread_ts, reply_broadcast: reply_broadcast ?? false } : {};
    const result = await callSlack('chat.postMessage', this.policy, async () =>
      parseSlackResult('chat.postMessage', PostMessageResultSchema, await this.client.chat.postMessage({ channel, text, blocks, unfurl_links, unfurl_media, ...thread })),
    );
    return result.ts;
  }

  private async continueInThread(channel: string, ts: string, threadTs: string, plan: DeliveryPlan, steps: StepRunner): Promise<MessageDelivery> {
    const continuation_ts: string[] = [];
    const rest = plan.kind === 'messages' ? plan.parts.slice(1) : [];
    for (const [index, text] of rest.entries()) {
      const step = `part-${index + 2}`;
      continuation_ts.push(await steps(step, { channel, threadTs, text }, () => this.post({ channel, thread_ts: threadTs, text })));
    }
    const file = plan.kind === 'snippet' ? await steps('snippet', { channel, threadTs, content: plan.content }, () => this.upload(channel, threadTs, plan.content)) : null;
    const threaded = continuation_ts.length > 0 || file !== null || threadTs !== ts;
    return { channel, ts, thread_ts: threaded ? threadTs : null, continuation_ts, file };
  }

  /** The whole text as a Markdown file in the thread (files.getUploadURLExternal → upload → complete). */
  private async upload(channel: string, threadTs: string, content: string): Promise<{ id: string; name: string | null }> {
    const result = await callSlack('files.uploadV2', this.policy, async () =>
      parseSlackResult(
        'files.uploadV2',
        UploadResultSchema,
        await this.client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, content, filename: SNIPPET_FILENAME, title: 'Full text' }),
      ),
    );
    const [file] = result.files[0]?.files ?? [];
    if (!file) throw new ProviderError('slack_bad_response', "Slack's answer to files.uploadV2 named no file", 502);
    return { id: file.id, name: file.name ?? null };
  }
}
