import type { Tracer } from '@opentelemetry/api';
import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { paths } from '../generated/jira-service.js';
import { type CallContext, ServiceCaller } from './service-caller.js';

const CommentSchema = z.object({ id: z.string(), issue_key: z.string(), url: z.string() });
const PersonSchema = z.object({ display_name: z.string().nullable() }).nullable();
const IssueSchema = z.object({
  key: z.string(),
  url: z.string(),
  summary: z.string(),
  description: z.string(),
  status: z.object({ name: z.string() }).nullable(),
  issue_type: z.string().nullable(),
  labels: z.array(z.string()),
  priority: z.string().nullable(),
  assignee: PersonSchema,
  reporter: PersonSchema,
  links: z.array(z.object({ relation: z.string(), issue: z.object({ key: z.string(), summary: z.string().nullable(), status: z.string().nullable() }) })),
});

export type JiraComment = z.infer<typeof CommentSchema>;
export type JiraIssue = z.infer<typeof IssueSchema>;

/** jira-service over HTTP, through the client generated from its committed openapi.json. */
export class JiraServiceClient {
  private readonly client;
  private readonly caller;

  constructor(options: { baseUrl: string; serviceToken: string; timeoutMs?: number; tracer?: Tracer }) {
    this.client = createClient<paths>({ baseUrl: options.baseUrl });
    this.caller = new ServiceCaller({ service: 'jira-service', serviceToken: options.serviceToken, timeoutMs: options.timeoutMs, tracer: options.tracer });
  }

  getIssue(context: CallContext, issueKey: string): Promise<JiraIssue> {
    return this.caller.call(context, { operation: 'issues.get', method: 'GET', path: `/api/v1/issues/${issueKey}` }, IssueSchema, (headers, signal) =>
      this.client.GET('/api/v1/issues/{issue_key}', { params: { path: { issue_key: issueKey } }, headers, signal }),
    );
  }

  addComment(context: CallContext, issueKey: string, body: string): Promise<JiraComment> {
    const path = `/api/v1/issues/${issueKey}/comments`;
    return this.caller.call(context, { operation: 'issues.addComment', method: 'POST', path }, CommentSchema, (headers, signal) =>
      this.client.POST('/api/v1/issues/{issue_key}/comments', { params: { path: { issue_key: issueKey } }, body: { body }, headers, signal }),
    );
  }

  /** `notifyUsers: false` for progress edits, so watchers get no email for each one. */
  updateComment(context: CallContext, issueKey: string, commentId: string, body: string, notifyUsers: boolean): Promise<JiraComment> {
    const path = `/api/v1/issues/${issueKey}/comments/${commentId}`;
    return this.caller.call(context, { operation: 'issues.updateComment', method: 'PUT', path }, CommentSchema, (headers, signal) =>
      this.client.PUT('/api/v1/issues/{issue_key}/comments/{comment_id}', {
        params: { path: { issue_key: issueKey, comment_id: commentId } },
        body: { body, notify_users: notifyUsers },
        headers,
        signal,
      }),
    );
  }
}
