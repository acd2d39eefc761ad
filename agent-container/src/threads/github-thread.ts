import type { GithubSource } from '@swe-ai-fleet/contracts';
import type { GithubServiceClient } from '../services/github-service-client.js';
import type { CallContext } from '../services/service-caller.js';
import { githubFormat } from './markdown-format.js';
import type { MessageRef, Thread } from './thread.js';

/** An issue or pull request: 👀 on what carried the mention; the status and answer as an issue comment. */
export class GithubThread implements Thread {
  readonly provider = 'github';
  readonly format = githubFormat;
  readonly editable = true;

  constructor(
    private readonly github: GithubServiceClient,
    private readonly source: GithubSource,
  ) {}

  async react(call: CallContext): Promise<string> {
    const { owner, repo } = this.source;
    if (this.source.review_comment_id !== undefined) {
      await this.github.addReviewCommentReaction(call, { owner, repo, commentId: this.source.review_comment_id }, 'eyes');
      return 'review_comment_reaction';
    }
    if (this.source.comment_id !== undefined) {
      await this.github.addCommentReaction(call, { owner, repo, commentId: this.source.comment_id }, 'eyes');
      return 'comment_reaction';
    }
    await this.github.addIssueReaction(call, { owner, repo, issueNumber: this.source.issue_number }, 'eyes');
    return 'issue_reaction';
  }

  async post(call: CallContext, text: string): Promise<MessageRef> {
    const { owner, repo, issue_number: issueNumber } = this.source;
    const comment = await this.github.createIssueComment(call, { owner, repo, issueNumber }, text);
    return { id: String(comment.id), url: comment.html_url };
  }

  async edit(call: CallContext, message: MessageRef, text: string): Promise<MessageRef> {
    const { owner, repo } = this.source;
    const comment = await this.github.updateIssueComment(call, { owner, repo, commentId: Number(message.id) }, text);
    return { id: String(comment.id), url: comment.html_url };
  }
}
