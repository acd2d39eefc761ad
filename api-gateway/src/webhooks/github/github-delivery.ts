import type { PullRequestContext } from '@swe-ai-fleet/contracts';
import type { GithubPullRequest } from './github-schemas.js';

/** What every GitHub message builder gets from the request besides the payload. */
export interface GithubDelivery {
  deliveryId: string;
  receivedAt: Date;
  traceparent: string;
}

/** The pull request context a task about a pull request carries. */
export function pullRequestContext(pull: GithubPullRequest): PullRequestContext {
  return {
    number: pull.number,
    html_url: pull.html_url,
    title: pull.title,
    head_ref: pull.head.ref,
    head_sha: pull.head.sha,
    ...(pull.head.repo ? { head_repo: pull.head.repo.full_name } : {}),
    base_ref: pull.base.ref,
    base_sha: pull.base.sha,
    ...(pull.draft !== undefined ? { draft: pull.draft } : {}),
  };
}

export const conversationKeyOf = (owner: string, repo: string, number: number) => `github:${owner}/${repo}#${number}`;
