import type { GithubOctokit } from './github-client.js';
import { mapGithubError } from './map-github-error.js';

export interface CreatedComment {
  id: number;
  html_url: string;
  body: string;
}

export interface CreatedReaction {
  id: number;
  content: string;
}

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

/** The GitHub operations this service offers; each one maps GitHub's errors to ours. */
export class GithubOperations {
  constructor(private readonly octokit: () => GithubOctokit) {}

  async createIssueComment(owner: string, repo: string, issueNumber: number, body: string): Promise<CreatedComment> {
    try {
      const { data } = await this.octokit().rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
      return { id: data.id, html_url: data.html_url, body: data.body ?? body };
    } catch (error) {
      throw mapGithubError(error);
    }
  }

  async updateIssueComment(owner: string, repo: string, commentId: number, body: string): Promise<CreatedComment> {
    try {
      const { data } = await this.octokit().rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
      return { id: data.id, html_url: data.html_url, body: data.body ?? body };
    } catch (error) {
      throw mapGithubError(error);
    }
  }

  async addIssueCommentReaction(owner: string, repo: string, commentId: number, content: ReactionContent): Promise<CreatedReaction> {
    try {
      const { data } = await this.octokit().rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
      return { id: data.id, content: data.content };
    } catch (error) {
      throw mapGithubError(error);
    }
  }

  async addIssueReaction(owner: string, repo: string, issueNumber: number, content: ReactionContent): Promise<CreatedReaction> {
    try {
      const { data } = await this.octokit().rest.reactions.createForIssue({ owner, repo, issue_number: issueNumber, content });
      return { id: data.id, content: data.content };
    } catch (error) {
      throw mapGithubError(error);
    }
  }
}
