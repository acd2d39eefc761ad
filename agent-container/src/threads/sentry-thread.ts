import type { z } from 'zod';
import type { SentrySourceSchema } from '@swe-ai-fleet/contracts';
import type { CallContext } from '../services/service-caller.js';
import type { SentryServiceClient } from '../services/sentry-service-client.js';
import { sentryFormat } from './markdown-format.js';
import type { MessageRef, Thread } from './thread.js';

type SentrySource = z.infer<typeof SentrySourceSchema>;

/**
 * A Sentry issue: no reactions; the status and the answer as one comment (a Sentry note), edited in
 * place. Sentry has no link to a single note, so the url is the issue's.
 */
export class SentryThread implements Thread {
  readonly provider = 'sentry';
  readonly format = sentryFormat;
  readonly editable = true;

  constructor(
    private readonly sentry: SentryServiceClient,
    private readonly source: SentrySource,
  ) {}

  async react(): Promise<null> {
    return null;
  }

  async post(call: CallContext, text: string): Promise<MessageRef> {
    const comment = await this.sentry.addComment(call, this.source.issue_id, text);
    return { id: comment.id, url: this.source.web_url ?? null };
  }

  async edit(call: CallContext, message: MessageRef, text: string): Promise<MessageRef> {
    const comment = await this.sentry.updateComment(call, this.source.issue_id, message.id, text);
    return { id: comment.id, url: this.source.web_url ?? null };
  }
}
