import type { InboundMessage } from '../../pipeline/inbound-message.js';
import type { IssueCommentPayload } from './issue-comment-payload.js';

/** An issue or pull-request comment as the pipeline sees it; the answer goes to the same thread. */
export function issueCommentMessage(
  payload: IssueCommentPayload,
  delivery: { deliveryId: string; receivedAt: Date; traceparent: string },
): InboundMessage {
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const { comment, issue, sender } = payload;
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
      is_pull_request: issue.pull_request != null,
      comment_id: comment.id,
      html_url: comment.html_url,
    },
    conversationKey: `github:${owner}/${repo}#${issue.number}`,
    receivedAt: delivery.receivedAt,
    traceparent: delivery.traceparent,
  };
}
