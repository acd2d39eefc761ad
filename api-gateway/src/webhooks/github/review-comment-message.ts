import type { InboundMessage } from '../../pipeline/inbound-message.js';
import { type GithubDelivery, conversationKeyOf, pullRequestContext } from './github-delivery.js';
import type { ReviewCommentPayload } from './review-comment-payload.js';

/** A comment on a line of a pull request's diff; the answer is a reply in its review thread. */
export function reviewCommentMessage(payload: ReviewCommentPayload, delivery: GithubDelivery): InboundMessage {
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const { comment, pull_request: pull, sender } = payload;
  return {
    provider: 'github',
    deliveryId: delivery.deliveryId,
    event: `pull_request_review_comment.${payload.action}`,
    rawText: comment.body ?? '',
    author: { id: String(comment.user.id), login: comment.user.login, association: comment.author_association },
    authorIsBot: comment.user.type === 'Bot' || sender.type === 'Bot',
    repository: { owner, name: repo },
    source: {
      provider: 'github',
      owner,
      repo,
      issue_number: pull.number,
      is_pull_request: true,
      review_comment_id: comment.id,
      html_url: comment.html_url,
      trigger: 'pull_request_review_comment',
      pull_request: pullRequestContext(pull),
      ...(comment.pull_request_review_id != null ? { review_id: comment.pull_request_review_id } : {}),
      review_comment: {
        path: comment.path,
        line: comment.line ?? null,
        start_line: comment.start_line ?? null,
        side: comment.side ?? null,
        diff_hunk: comment.diff_hunk,
        commit_id: comment.commit_id,
        ...(comment.in_reply_to_id !== undefined ? { in_reply_to_id: comment.in_reply_to_id } : {}),
      },
    },
    conversationKey: conversationKeyOf(owner, repo, pull.number),
    receivedAt: delivery.receivedAt,
    traceparent: delivery.traceparent,
  };
}
