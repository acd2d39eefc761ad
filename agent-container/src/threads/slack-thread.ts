import type { z } from 'zod';
import type { SlackSourceSchema } from '@swe-ai-fleet/contracts';
import type { CallContext } from '../services/service-caller.js';
import type { SlackServiceClient } from '../services/slack-service-client.js';
import { slackFormat } from './slack-mrkdwn.js';
import type { MessageRef, Thread } from './thread.js';

type SlackSource = z.infer<typeof SlackSourceSchema>;

/** A Slack thread: 👀 on the message that mentioned the bot; status and answer as one reply, updated in place. */
export class SlackThread implements Thread {
  readonly provider = 'slack';
  readonly format = slackFormat;
  readonly editable = true;

  constructor(
    private readonly slack: SlackServiceClient,
    private readonly source: SlackSource,
  ) {}

  async react(call: CallContext): Promise<string> {
    await this.slack.addReaction(call, this.source.channel, this.source.message_ts, 'eyes');
    return 'message_reaction';
  }

  async post(call: CallContext, text: string): Promise<MessageRef> {
    const posted = await this.slack.postMessage(call, this.source.channel, { text, threadTs: this.source.thread_ts });
    return { id: posted.ts, url: null };
  }

  async edit(call: CallContext, message: MessageRef, text: string): Promise<MessageRef> {
    // thread_ts: the parts of a long answer that do not fit the message follow as replies in this thread.
    const updated = await this.slack.updateMessage(call, this.source.channel, message.id, { text, threadTs: this.source.thread_ts });
    return { id: updated.ts, url: message.url };
  }
}
