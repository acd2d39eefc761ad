import type { z } from 'zod';
import type { SentrySourceSchema } from '@swe-ai-fleet/contracts';
import type { CallContext } from '../services/service-caller.js';
import type { SentryServiceClient } from '../services/sentry-service-client.js';
import { sentryFormat } from './markdown-format.js';
import type { MessageRef, Thread } from './thread.js';

type SentrySource = z.infer<typeof SentrySourceSchema>;

/**
 * A Sentry issue: sentry-service can add comments but not edit them, so there is no status
 * message; the answer (or the failure) is one new comment.
 */
export class SentryThread implements Thread {
  readonly provider = 'sentry';
  readonly format = sentryFormat;
  readonly editable = false;

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

  edit(): Promise<MessageRef> {
    return Promise.reject(new Error('Sentry comments cannot be edited'));
  }
}
