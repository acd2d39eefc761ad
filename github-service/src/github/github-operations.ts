import type { Counter } from 'prom-client';
import { z } from 'zod';
import { GithubTimeoutError, ProviderError } from '../errors.js';
import type { GithubOctokit } from './github-client.js';
import type { GithubAuthProvider, GithubIdentity, RepoRef } from './github-auth.js';
import type { CredentialsSource, GithubConnection } from './github-connection.js';
import {
  type ChangedFile,
  type CloneCredentials,
  type CollaboratorPermission,
  type Comment,
  type Issue,
  type PullRequest,
  type Reaction,
  type Repository,
  type ThreadComment,
  toChangedFile,
  toComment,
  toIssue,
  toPullRequest,
  toRepository,
  toThreadComment,
} from './github-shapes.js';
import { mapGithubError } from './map-github-error.js';

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export interface Page<T> {
  items: T[];
  /** True when GitHub had more than `limit` items. */
  truncated: boolean;
}

export type CredentialsTest = {
  type: 'token' | 'app';
  source: CredentialsSource;
} & ({ ok: true } & GithubIdentity | { ok: false; error: { code: string; message: string } });

export interface DraftPullRequestInput {
  head: string;
  base?: string;
  title: string;
  body?: string;
}

/** The username GitHub documents for HTTPS git access with an installation token; a PAT accepts it too. */
const GIT_USERNAME = 'x-access-token';

/** The GitHub operations this service offers; each maps GitHub's errors to ours and is counted. */
export class GithubOperations {
  constructor(
    private readonly connection: GithubConnection,
    private readonly calls?: Counter<'operation' | 'outcome'>,
  ) {}

  createIssueComment(ref: RepoRef, issueNumber: number, body: string): Promise<Comment> {
    return this.call('issues.createComment', ref, async (octokit) =>
      toComment((await octokit.rest.issues.createComment({ ...ref, issue_number: issueNumber, body })).data),
    );
  }

  updateIssueComment(ref: RepoRef, commentId: number, body: string): Promise<Comment> {
    return this.call('issues.updateComment', ref, async (octokit) =>
      toComment((await octokit.rest.issues.updateComment({ ...ref, comment_id: commentId, body })).data),
    );
  }

  deleteIssueComment(ref: RepoRef, commentId: number): Promise<Record<string, never>> {
    return this.call('issues.deleteComment', ref, async (octokit) => {
      await octokit.rest.issues.deleteComment({ ...ref, comment_id: commentId });
      return {};
    });
  }

  listIssueComments(ref: RepoRef, issueNumber: number, limit: number, since?: string): Promise<Page<ThreadComment>> {
    return this.call('issues.listComments', ref, (octokit) =>
      collect(octokit.paginate.iterator(octokit.rest.issues.listComments, { ...ref, issue_number: issueNumber, since, per_page: 100 }), limit, toThreadComment),
    );
  }

  addIssueCommentReaction(ref: RepoRef, commentId: number, content: ReactionContent): Promise<Reaction> {
    return this.call('reactions.createForIssueComment', ref, async (octokit) => {
      const { data } = await octokit.rest.reactions.createForIssueComment({ ...ref, comment_id: commentId, content });
      return { id: Number(data.id), content: data.content };
    });
  }

  addIssueReaction(ref: RepoRef, issueNumber: number, content: ReactionContent): Promise<Reaction> {
    return this.call('reactions.createForIssue', ref, async (octokit) => {
      const { data } = await octokit.rest.reactions.createForIssue({ ...ref, issue_number: issueNumber, content });
      return { id: Number(data.id), content: data.content };
    });
  }

  addReviewCommentReaction(ref: RepoRef, commentId: number, content: ReactionContent): Promise<Reaction> {
    return this.call('reactions.createForPullRequestReviewComment', ref, async (octokit) => {
      const { data } = await octokit.rest.reactions.createForPullRequestReviewComment({ ...ref, comment_id: commentId, content });
      return { id: Number(data.id), content: data.content };
    });
  }

  getIssue(ref: RepoRef, issueNumber: number): Promise<Issue> {
    return this.call('issues.get', ref, async (octokit) => toIssue((await octokit.rest.issues.get({ ...ref, issue_number: issueNumber })).data));
  }

  getPullRequest(ref: RepoRef, pullNumber: number): Promise<PullRequest> {
    return this.call('pulls.get', ref, async (octokit) => toPullRequest((await octokit.rest.pulls.get({ ...ref, pull_number: pullNumber })).data));
  }

  getPullRequestDiff(ref: RepoRef, pullNumber: number): Promise<{ diff: string }> {
    return this.call('pulls.getDiff', ref, async (octokit) => {
      // With the diff media type GitHub answers text, which Octokit's types cannot express.
      const { data } = await octokit.rest.pulls.get({ ...ref, pull_number: pullNumber, mediaType: { format: 'diff' } });
      return { diff: z.string().parse(data) };
    });
  }

  listPullRequestFiles(ref: RepoRef, pullNumber: number, limit: number): Promise<Page<ChangedFile>> {
    return this.call('pulls.listFiles', ref, (octokit) =>
      collect(octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...ref, pull_number: pullNumber, per_page: 100 }), limit, toChangedFile),
    );
  }

  replyToReviewComment(ref: RepoRef, pullNumber: number, commentId: number, body: string): Promise<Comment> {
    return this.call('pulls.createReplyForReviewComment', ref, async (octokit) =>
      toComment((await octokit.rest.pulls.createReplyForReviewComment({ ...ref, pull_number: pullNumber, comment_id: commentId, body })).data),
    );
  }

  createDraftPullRequest(ref: RepoRef, input: DraftPullRequestInput): Promise<PullRequest> {
    return this.call('pulls.create', ref, async (octokit) => {
      const base = input.base ?? (await octokit.rest.repos.get({ ...ref })).data.default_branch;
      const { data } = await octokit.rest.pulls.create({ ...ref, head: input.head, base, title: input.title, body: input.body, draft: true });
      return toPullRequest(data);
    });
  }

  getRepository(ref: RepoRef): Promise<Repository> {
    return this.call('repos.get', ref, async (octokit) => toRepository((await octokit.rest.repos.get({ ...ref })).data));
  }

  getCollaboratorPermission(ref: RepoRef, username: string): Promise<CollaboratorPermission> {
    return this.call('repos.getCollaboratorPermissionLevel', ref, async (octokit) => {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...ref, username });
      return { username: data.user?.login ?? username, permission: data.permission, role_name: data.role_name };
    });
  }

  /** A token and URL to clone and push the repository with; reading the repository first proves the token can. */
  createCloneCredentials(ref: RepoRef): Promise<CloneCredentials> {
    return this.call('cloneCredentials', ref, async (octokit, provider) => {
      const { data } = await octokit.rest.repos.get({ ...ref });
      const { token, expiresAt } = await provider.cloneToken(ref);
      const authenticated = new URL(data.clone_url);
      authenticated.username = GIT_USERNAME;
      authenticated.password = token;
      return { url: data.clone_url, username: GIT_USERNAME, token, expires_at: expiresAt, authenticated_url: authenticated.toString() };
    });
  }

  /**
   * Checks the current credentials at GitHub (`GET /user` or `GET /app`). GitHub's refusal is a
   * result, not an error; only missing or unreadable credentials throw.
   */
  async testCredentials(): Promise<CredentialsTest> {
    const { provider, source } = await this.connection.current();
    try {
      const identity = await provider.identify();
      this.calls?.inc({ operation: 'identify', outcome: 'ok' });
      return { ok: true, type: provider.type, source, ...identity };
    } catch (error) {
      const mapped = mapGithubError(error);
      this.calls?.inc({ operation: 'identify', outcome: mapped.code });
      if (!(mapped instanceof ProviderError || mapped instanceof GithubTimeoutError)) throw mapped;
      return { ok: false, type: provider.type, source, error: { code: mapped.code, message: mapped.message } };
    }
  }

  private async call<T>(operation: string, ref: RepoRef, work: (octokit: GithubOctokit, provider: GithubAuthProvider) => Promise<T>): Promise<T> {
    try {
      const { provider } = await this.connection.current();
      const result = await work(await provider.clientFor(ref), provider);
      this.calls?.inc({ operation, outcome: 'ok' });
      return result;
    } catch (error) {
      const mapped = mapGithubError(error);
      this.calls?.inc({ operation, outcome: mapped.code });
      throw mapped;
    }
  }
}

/** Reads pages (through Octokit's paginate, following GitHub's Link headers) until one item past `limit`. */
async function collect<Raw, Item>(
  pages: AsyncIterable<{ data: Raw[] }>,
  limit: number,
  map: (raw: Raw) => Item,
): Promise<Page<Item>> {
  const items: Item[] = [];
  for await (const page of pages) {
    for (const raw of page.data) {
      if (items.length === limit) return { items, truncated: true };
      items.push(map(raw));
    }
  }
  return { items, truncated: false };
}
