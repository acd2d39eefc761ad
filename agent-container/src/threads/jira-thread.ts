import type { z } from 'zod';
import type { JiraSourceSchema } from '@swe-ai-fleet/contracts';
import type { JiraServiceClient } from '../services/jira-service-client.js';
import type { CallContext } from '../services/service-caller.js';
import { jiraFormat } from './markdown-format.js';
import type { MessageRef, Thread } from './thread.js';

type JiraSource = z.infer<typeof JiraSourceSchema>;

/** A Jira issue: no reactions; status and answer as one comment, edited in place. */
export class JiraThread implements Thread {
  readonly provider = 'jira';
  readonly format = jiraFormat;
  readonly editable = true;

  constructor(
    private readonly jira: JiraServiceClient,
    private readonly source: JiraSource,
  ) {}

  async react(): Promise<null> {
    return null;
  }

  async post(call: CallContext, text: string): Promise<MessageRef> {
    const comment = await this.jira.addComment(call, this.source.issue_key, text);
    return { id: comment.id, url: comment.url };
  }

  /** Progress edits do not notify the issue's watchers; the answer does. */
  async edit(call: CallContext, message: MessageRef, text: string, final: boolean): Promise<MessageRef> {
    const comment = await this.jira.updateComment(call, this.source.issue_key, message.id, text, final);
    return { id: comment.id, url: comment.url };
  }
}
