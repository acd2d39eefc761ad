import type { InboundMessage } from '../../pipeline/inbound-message.js';
import { type GithubDelivery, conversationKeyOf, pullRequestContext } from './github-delivery.js';
import type { ReviewPayload } from './review-payload.js';

/** A submitted pull-request review whose body may address the agent. */
export function reviewMessage(payload: ReviewPayload, delivery: GithubDelivery): InboundMessage {
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const { review, pull_request: pull, sender } = payload;
  return {
    provider: 'github',
    deliveryId: delivery.deliveryId,
    event: `pull_request_review.${payload.action}`,
    rawText: review.body ?? '',
    author: { id: String(review.user.id), login: review.user.login, association: review.author_association },
    authorIsBot: review.user.type === 'Bot' || sender.type === 'Bot',
    repository: { owner, name: repo },
    source: {
      provider: 'github',
      owner,
      repo,
      issue_number: pull.number,
      is_pull_request: true,
      html_url: review.html_url,
      trigger: 'pull_request_review',
      review_id: review.id,
      pull_request: pullRequestContext(pull),
    },
    conversationKey: conversationKeyOf(owner, repo, pull.number),
    receivedAt: delivery.receivedAt,
    traceparent: delivery.traceparent,
  };
}
