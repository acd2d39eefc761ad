import type { InboundMessage } from '../../pipeline/inbound-message.js';
import { type GithubDelivery, conversationKeyOf } from './github-delivery.js';
import type { IssueCommentPayload } from './issue-comment-payload.js';

/** An issue or pull-request comment as the pipeline sees it; the answer goes to the same thread. */
export function issueCommentMessage(payload: IssueCommentPayload, delivery: GithubDelivery): InboundMessage {
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const { comment, issue, sender } = payload;
  const pullRequest = issue.pull_request ? { number: issue.number, ...(issue.pull_request.html_url ? { html_url: issue.pull_request.html_url } : {}) } : undefined;
  return {
    provider: 'github',
    deliveryId: delivery.deliveryId,
    event: `issue_comment.${payload.action}`,
    rawText: comment.body ?? '',
    author: { id: String(comment.user.id), login: comment.user.login, association: comment.author_association },
    authorIsBot: comment.user.type === 'Bot' || sender.type === 'Bot',
    repository: { owner, name: repo },
    source: {
      provider: 'github',
      owner,
      repo,
      issue_number: issue.number,
      is_pull_request: pullRequest !== undefined,
      comment_id: comment.id,
      html_url: comment.html_url,
      trigger: 'issue_comment',
      ...(pullRequest ? { pull_request: pullRequest } : {}),
    },
    conversationKey: conversationKeyOf(owner, repo, issue.number),
    receivedAt: delivery.receivedAt,
    traceparent: delivery.traceparent,
  };
}
