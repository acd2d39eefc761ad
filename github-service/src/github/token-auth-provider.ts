import { type GithubClientSettings, type GithubOctokit, createGithubClient } from './github-client.js';
import type { CloneToken, GithubAuthProvider, GithubIdentity } from './github-auth.js';

/** A personal access token: one client for every repository. */
export class TokenAuthProvider implements GithubAuthProvider {
  readonly type = 'token' as const;
  private readonly client: GithubOctokit;

  constructor(
    private readonly token: string,
    settings: GithubClientSettings,
  ) {
    this.client = createGithubClient({ type: 'token', token }, settings);
  }

  async clientFor(): Promise<GithubOctokit> {
    return this.client;
  }

  async cloneToken(): Promise<CloneToken> {
    return { token: this.token, expiresAt: null };
  }

  async identify(): Promise<GithubIdentity> {
    const { data } = await this.client.rest.users.getAuthenticated();
    return { login: data.login, ...(data.name ? { name: data.name } : {}) };
  }
}
