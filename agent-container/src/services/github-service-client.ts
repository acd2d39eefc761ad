import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { paths } from '../generated/github-service.js';
import type { TaskLog } from '../task-log/task-log.js';
import { ServiceCallError } from './service-call-error.js';

const SERVICE = 'github-service';

const CommentSchema = z.object({ id: z.number().int(), html_url: z.string(), body: z.string() });
const ReactionSchema = z.object({ id: z.number().int(), content: z.string() });
const ErrorBodySchema = z.object({ code: z.string(), message: z.string() });
export type Comment = z.infer<typeof CommentSchema>;
export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

/** Who a call is made for: its headers name the task, and it is recorded in the task's 05 log. */
export interface CallContext {
  taskLog: TaskLog;
  idempotencyKey: string;
  traceparent?: string;
}

export interface GithubServiceClientOptions {
  baseUrl: string;
  serviceToken: string;
  /** Per-call time limit. @defaultValue 30000 */
  timeoutMs?: number;
}

/**
 * github-service over HTTP, through the client generated from its committed openapi.json. Every
 * call carries the service token, `X-Task-Id`, `Idempotency-Key` and `traceparent`, and leaves
 * service_call / service_request / service_response (or service_error) lines in 05.
 */
export class GithubServiceClient {
  private readonly client;

  constructor(private readonly options: GithubServiceClientOptions) {
    this.client = createClient<paths>({ baseUrl: options.baseUrl });
  }

  createIssueComment(context: CallContext, target: { owner: string; repo: string; issueNumber: number }, body: string): Promise<Comment> {
    const path = `/api/v1/repos/${target.owner}/${target.repo}/issues/${target.issueNumber}/comments`;
    return this.call(context, 'issues.createComment', 'POST', path, CommentSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/issues/{issue_number}/comments', {
        params: { path: { owner: target.owner, repo: target.repo, issue_number: target.issueNumber } },
        body: { body },
        headers,
        signal,
      }),
    );
  }

  addCommentReaction(context: CallContext, target: { owner: string; repo: string; commentId: number }, content: ReactionContent) {
    const path = `/api/v1/repos/${target.owner}/${target.repo}/issues/comments/${target.commentId}/reactions`;
    return this.call(context, 'reactions.createForIssueComment', 'POST', path, ReactionSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
        params: { path: { owner: target.owner, repo: target.repo, comment_id: target.commentId } },
        body: { content },
        headers,
        signal,
      }),
    );
  }

  addReviewCommentReaction(context: CallContext, target: { owner: string; repo: string; commentId: number }, content: ReactionContent) {
    const path = `/api/v1/repos/${target.owner}/${target.repo}/pulls/comments/${target.commentId}/reactions`;
    return this.call(context, 'reactions.createForPullRequestReviewComment', 'POST', path, ReactionSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions', {
        params: { path: { owner: target.owner, repo: target.repo, comment_id: target.commentId } },
        body: { content },
        headers,
        signal,
      }),
    );
  }

  addIssueReaction(context: CallContext, target: { owner: string; repo: string; issueNumber: number }, content: ReactionContent) {
    const path = `/api/v1/repos/${target.owner}/${target.repo}/issues/${target.issueNumber}/reactions`;
    return this.call(context, 'reactions.createForIssue', 'POST', path, ReactionSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/issues/{issue_number}/reactions', {
        params: { path: { owner: target.owner, repo: target.repo, issue_number: target.issueNumber } },
        body: { content },
        headers,
        signal,
      }),
    );
  }

  private async call<T>(
    context: CallContext,
    operation: string,
    method: string,
    path: string,
    schema: z.ZodType<T>,
    send: (headers: Record<string, string>, signal: AbortSignal) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  ): Promise<T> {
    const log = context.taskLog;
    void log.serviceFlow({ type: 'service_call', service: SERVICE, operation });
    void log.serviceFlow({ type: 'service_request', service: SERVICE, operation, method, path });
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.serviceToken}`,
      'x-task-id': log.taskId,
      'idempotency-key': context.idempotencyKey,
      ...(context.traceparent ? { traceparent: context.traceparent } : {}),
    };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let outcome;
    try {
      outcome = await send(headers, AbortSignal.timeout(this.options.timeoutMs ?? 30_000));
    } catch (error) {
      const detail = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
      void log.serviceFlow({ type: 'service_error', service: SERVICE, operation, method, path, duration_ms: elapsed(), error: detail });
      throw new ServiceCallError(SERVICE, operation, undefined, 'unreachable', detail);
    }
    const status = outcome.response.status;
    if (!outcome.response.ok) {
      const body = ErrorBodySchema.safeParse(outcome.error);
      const code = body.success ? body.data.code : 'http_error';
      const message = body.success ? body.data.message : outcome.response.statusText;
      void log.serviceFlow({ type: 'service_error', service: SERVICE, operation, method, path, status_code: status, duration_ms: elapsed(), error: `${code}: ${message}` });
      throw new ServiceCallError(SERVICE, operation, status, code, message);
    }
    const data = schema.safeParse(outcome.data);
    if (!data.success) {
      void log.serviceFlow({ type: 'service_error', service: SERVICE, operation, method, path, status_code: status, duration_ms: elapsed(), error: 'unexpected response body' });
      throw new ServiceCallError(SERVICE, operation, status, 'invalid_response', z.prettifyError(data.error));
    }
    void log.serviceFlow({ type: 'service_response', service: SERVICE, operation, method, path, status_code: status, duration_ms: elapsed() });
    return data.data;
  }
}
