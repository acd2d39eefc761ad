import type { GithubSource } from '@swe-ai-fleet/contracts';
import type { GithubServiceClient } from '../services/github-service-client.js';
import type { CallContext } from '../services/service-caller.js';
import { type GatheredContext, cut, readPiece } from './context-section.js';

const MAX_COMMENTS = 20;
const MAX_COMMENT_CHARS = 2_000;
const MAX_BODY_CHARS = 8_000;
const MAX_DIFF_CHARS = 50_000;

/**
 * An issue or pull request: its title and body, the recent comments (not the platform's own, not
 * the one that asked), and for a pull request its branches and diff (or, when GitHub refuses a
 * diff that large, the changed files with their patches).
 */
export async function githubContext(github: GithubServiceClient, source: GithubSource, call: CallContext): Promise<GatheredContext> {
  const missing: string[] = [];
  const sections = [];
  const target = { owner: source.owner, repo: source.repo, issueNumber: source.issue_number };
  const issue = await readPiece('the issue', missing, () => github.getIssue(call, target));
  if (issue) {
    const kind = issue.is_pull_request ? 'Pull request' : 'Issue';
    const facts = [`State: ${issue.state}`, `Author: @${issue.user?.login ?? 'unknown'}`, ...(issue.labels.length > 0 ? [`Labels: ${issue.labels.join(', ')}`] : [])];
    sections.push({ title: `${kind} #${issue.number}: ${issue.title}`, body: `${facts.join('\n')}\n\n${cut(issue.body ?? '(no description)', MAX_BODY_CHARS)}` });
  }
  const thread = await readPiece('the comments', missing, () => github.listIssueComments(call, target, 100));
  if (thread) {
    const comments = thread.comments.filter((comment) => comment.id !== source.comment_id && !comment.body.includes('<!-- swe-ai-fleet')).slice(-MAX_COMMENTS);
    if (comments.length > 0) {
      const body = comments.map((comment) => `@${comment.user?.login ?? 'unknown'} (${comment.created_at}):\n${cut(comment.body, MAX_COMMENT_CHARS)}`).join('\n\n');
      sections.push({ title: `Comments (the last ${comments.length})`, body });
    }
  }
  const review = source.review_comment;
  if (review) {
    const line = review.line ?? review.start_line;
    sections.push({
      title: 'The review comment that asked',
      body: `On ${review.path}${line ? ` line ${line}` : ''}${review.side ? ` (${review.side})` : ''}${review.diff_hunk ? `, in this part of the diff:\n${cut(review.diff_hunk, 4_000)}` : ''}`,
    });
  }
  if (source.is_pull_request) {
    const pullTarget = { owner: source.owner, repo: source.repo, pullNumber: source.issue_number };
    const pull = await readPiece('the pull request', missing, () => github.getPullRequest(call, pullTarget));
    if (pull) sections.push({ title: 'Branches', body: `${pull.head.repo?.full_name ?? 'deleted fork'}:${pull.head.ref} (${pull.head.sha.slice(0, 12)}) into ${pull.base.ref}${pull.draft ? ' (draft)' : ''}` });
    const diff = await readPiece('the diff', missing, () => github.getPullRequestDiff(call, pullTarget));
    if (diff !== null) {
      sections.push({ title: 'Diff', body: cut(diff, MAX_DIFF_CHARS) });
    } else {
      const files = await readPiece('the changed files', missing, () => github.listPullRequestFiles(call, pullTarget, 300));
      if (files) {
        const body = files.files.map((file) => `${file.status} ${file.filename} (+${file.additions} -${file.deletions})${file.patch ? `\n${file.patch}` : ''}`).join('\n\n');
        sections.push({ title: 'Changed files', body: cut(body, MAX_DIFF_CHARS) });
      }
    }
  }
  return { sections, missing };
}
