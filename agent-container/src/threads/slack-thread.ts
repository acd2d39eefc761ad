import type { z } from 'zod';
import type { SlackSourceSchema } from '@swe-ai-fleet/contracts';
import { ServiceCallError } from '../services/service-call-error.js';
import type { CallContext } from '../services/service-caller.js';
import type { SlackServiceClient } from '../services/slack-service-client.js';
import { slackFormat } from './slack-mrkdwn.js';
import type { MessageRef, Thread } from './thread.js';

type SlackSource = z.infer<typeof SlackSourceSchema>;

/** The id of a "message" that went through a slash command's response_url: it cannot be edited, only answered again. */
const RESPONSE_URL = 'response_url';

/**
 * A Slack thread: 👀 on the message that mentioned the bot; status and answer as one reply,
 * updated in place. A slash command has no message or thread: its status is a new message in the
 * channel, and when the bot may not post there, the answer goes through the command's
 * response_url (which takes no progress edits: it allows only five answers).
 */
export class SlackThread implements Thread {
  readonly provider = 'slack';
  readonly format = slackFormat;
  readonly editable = true;

  constructor(
    private readonly slack: SlackServiceClient,
    private readonly source: SlackSource,
  ) {}

  private get threadTs(): string | undefined {
    return this.source.thread_ts || undefined;
  }

  async react(call: CallContext): Promise<string | null> {
    if (!this.source.message_ts) return null;
    await this.slack.addReaction(call, this.source.channel, this.source.message_ts, 'eyes');
    return 'message_reaction';
  }

  async post(call: CallContext, text: string): Promise<MessageRef> {
    try {
      const posted = await this.slack.postMessage(call, this.source.channel, { text, threadTs: this.threadTs });
      return { id: posted.ts, url: null };
    } catch (error) {
      const refused = error instanceof ServiceCallError && !error.retryable;
      if (!refused || !this.source.response_url) throw error;
      await this.slack.respondToCommand(call, this.source.response_url, text);
      return { id: RESPONSE_URL, url: null };
    }
  }

  async edit(call: CallContext, message: MessageRef, text: string, final: boolean): Promise<MessageRef> {
    if (message.id === RESPONSE_URL) {
      if (final && this.source.response_url) await this.slack.respondToCommand(call, this.source.response_url, text);
      return message;
    }
    // thread_ts: the parts of a long answer that do not fit the message follow as replies in this thread.
    const updated = await this.slack.updateMessage(call, this.source.channel, message.id, { text, threadTs: this.threadTs ?? message.id });
    return { id: updated.ts, url: message.url };
  }
}
