import type { Tracer } from '@opentelemetry/api';
import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { paths } from '../generated/sentry-service.js';
import { type CallContext, ServiceCaller } from './service-caller.js';

const IssueSchema = z.object({
  id: z.string(),
  shortId: z.string().nullable(),
  title: z.string(),
  culprit: z.string().nullable(),
  permalink: z.string().nullable(),
  status: z.string(),
  level: z.string().nullable(),
  platform: z.string().nullable(),
  count: z.number(),
  userCount: z.number(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
});
const FrameSchema = z.object({
  filename: z.string().nullable(),
  function: z.string().nullable(),
  lineNo: z.number().nullable(),
  inApp: z.boolean(),
  context: z.array(z.object({ lineNo: z.number(), line: z.string() })),
});
const EventSchema = z.object({
  eventID: z.string(),
  title: z.string(),
  message: z.string().nullable(),
  release: z.string().nullable(),
  environment: z.string().nullable(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  exceptions: z.array(z.object({ type: z.string().nullable(), value: z.string().nullable(), frames: z.array(FrameSchema) })),
  request: z.object({ method: z.string().nullable(), url: z.string().nullable() }).nullable(),
});
const CommentSchema = z.object({ id: z.string(), text: z.string() });

export type SentryIssue = z.infer<typeof IssueSchema>;
export type SentryEvent = z.infer<typeof EventSchema>;

/** sentry-service over HTTP, through the client generated from its committed openapi.json. */
export class SentryServiceClient {
  private readonly client;
  private readonly caller;

  constructor(options: { baseUrl: string; serviceToken: string; timeoutMs?: number; tracer?: Tracer }) {
    this.client = createClient<paths>({ baseUrl: options.baseUrl });
    this.caller = new ServiceCaller({ service: 'sentry-service', serviceToken: options.serviceToken, timeoutMs: options.timeoutMs, tracer: options.tracer });
  }

  getIssue(context: CallContext, issueId: string): Promise<SentryIssue> {
    return this.caller.call(context, { operation: 'issues.get', method: 'GET', path: `/api/v1/issues/${issueId}` }, IssueSchema, (headers, signal) =>
      this.client.GET('/api/v1/issues/{issue_id}', { params: { path: { issue_id: issueId } }, headers, signal }),
    );
  }

  latestEvent(context: CallContext, issueId: string): Promise<SentryEvent> {
    const path = `/api/v1/issues/${issueId}/events/latest`;
    return this.caller.call(context, { operation: 'issues.latestEvent', method: 'GET', path }, EventSchema, (headers, signal) =>
      this.client.GET('/api/v1/issues/{issue_id}/events/latest', { params: { path: { issue_id: issueId } }, headers, signal }),
    );
  }

  addComment(context: CallContext, issueId: string, text: string) {
    const path = `/api/v1/issues/${issueId}/comments`;
    return this.caller.call(context, { operation: 'issues.addComment', method: 'POST', path }, CommentSchema, (headers, signal) =>
      this.client.POST('/api/v1/issues/{issue_id}/comments', { params: { path: { issue_id: issueId } }, body: { text }, headers, signal }),
    );
  }

  /** Replaces a comment's text; 404 (ServiceCallError) when the comment is gone. */
  updateComment(context: CallContext, issueId: string, commentId: string, text: string) {
    const path = `/api/v1/issues/${issueId}/comments/${commentId}`;
    return this.caller.call(context, { operation: 'issues.updateComment', method: 'PUT', path }, CommentSchema, (headers, signal) =>
      this.client.PUT('/api/v1/issues/{issue_id}/comments/{comment_id}', {
        params: { path: { issue_id: issueId, comment_id: commentId } },
        body: { text },
        headers,
        signal,
      }),
    );
  }
}
