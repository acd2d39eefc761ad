import type { GithubOctokit } from './github-client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

/** A token `git` can clone and push with; `expiresAt` is null for a personal access token. */
export interface CloneToken {
  token: string;
  expiresAt: string | null;
}

/** Who the credentials are at GitHub: the PAT's user, or the App. */
export interface GithubIdentity {
  login?: string;
  slug?: string;
  name?: string;
}

/** One way of authenticating to GitHub; an implementation per credential type. */
export interface GithubAuthProvider {
  readonly type: 'token' | 'app';
  /** The client to call a repository's routes with. */
  clientFor(repo: RepoRef): Promise<GithubOctokit>;
  /** The token to hand to `git` for the repository (the client's own, for a GitHub App). */
  cloneToken(repo: RepoRef): Promise<CloneToken>;
  /** Calls GitHub to check the credentials: `GET /user` for a token, `GET /app` for an App. */
  identify(): Promise<GithubIdentity>;
}
