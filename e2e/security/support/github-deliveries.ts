import { createRequire } from 'node:module';
import { sign } from '@octokit/webhooks-methods';

interface WebhookExample {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}
type IssueCommentPayload = Record<string, unknown> & { comment: Record<string, unknown>; issue: Record<string, unknown>; sender: Record<string, unknown> };

/** GitHub's own recorded `issue_comment.created` (from @octokit/webhooks-examples), with our body and author. */
export function issueCommentCreated(body: string, options: { association?: string; login?: string; issueBody?: string } = {}): IssueCommentPayload {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];
  const example = examples.find((entry) => entry.name === 'issue_comment')?.examples.find((entry) => entry.action === 'created');
  if (!example) throw new Error('no issue_comment.created example in @octokit/webhooks-examples');
  const payload = structuredClone(example) as IssueCommentPayload;
  const user = { ...(payload.comment.user as Record<string, unknown>), ...(options.login ? { login: options.login } : {}) };
  payload.comment = { ...payload.comment, body, user, author_association: options.association ?? 'OWNER' };
  if (options.issueBody !== undefined) payload.issue = { ...payload.issue, body: options.issueBody };
  if (options.login) payload.sender = { ...payload.sender, login: options.login };
  return payload;
}

/** Posts a delivery the way GitHub does: raw JSON, `X-Hub-Signature-256` over those bytes. */
export async function postGithubDelivery(
  gatewayUrl: string,
  body: string,
  options: { secret: string; deliveryId: string; event?: string; headers?: Record<string, string> },
): Promise<Response> {
  return fetch(`${gatewayUrl}/webhooks/github`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': options.event ?? 'issue_comment',
      'x-github-delivery': options.deliveryId,
      'x-hub-signature-256': await sign(options.secret, body),
      'user-agent': 'GitHub-Hookshot/e2e',
      ...options.headers,
    },
    body,
  });
}
