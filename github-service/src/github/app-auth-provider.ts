import { z } from 'zod';
import type { AppCredentials } from '../credentials/github-credentials.js';
import { type GithubClientSettings, type GithubOctokit, createGithubClient } from './github-client.js';
import type { CloneToken, GithubAuthProvider, GithubIdentity, RepoRef } from './github-auth.js';

/** What @octokit/auth-app answers for `{ type: 'installation' }` (token cached until near expiry). */
const InstallationAuthenticationSchema = z.object({ token: z.string().min(1), expiresAt: z.string() });

/** An installation id found for a repository is reused this long (it changes only on reinstall). */
const INSTALLATION_TTL_MS = 10 * 60 * 1000;

/**
 * A GitHub App. Each installation gets its own client, whose @octokit/auth-app instance mints
 * the installation token on first use and caches it until a minute before it expires. Without a
 * pinned installation, the installation of each repository is looked up once
 * (`GET /repos/{owner}/{repo}/installation`, signed with the App's JWT) and cached.
 */
export class AppAuthProvider implements GithubAuthProvider {
  readonly type = 'app' as const;
  private readonly appClient: GithubOctokit;
  private readonly installationClients = new Map<number, GithubOctokit>();
  private readonly installationIds = new Map<string, { id: Promise<number>; expiresAt: number }>();

  constructor(
    private readonly credentials: AppCredentials,
    private readonly settings: GithubClientSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.appClient = createGithubClient({ type: 'app', appId: credentials.app_id, privateKey: credentials.private_key }, settings);
  }

  async clientFor(repo: RepoRef): Promise<GithubOctokit> {
    const installationId = await this.installationIdFor(repo);
    let client = this.installationClients.get(installationId);
    if (!client) {
      client = createGithubClient(
        { type: 'app', appId: this.credentials.app_id, privateKey: this.credentials.private_key, installationId },
        this.settings,
      );
      this.installationClients.set(installationId, client);
    }
    return client;
  }

  async cloneToken(repo: RepoRef): Promise<CloneToken> {
    const client = await this.clientFor(repo);
    const authentication = InstallationAuthenticationSchema.parse(await client.auth({ type: 'installation' }));
    return { token: authentication.token, expiresAt: authentication.expiresAt };
  }

  async identify(): Promise<GithubIdentity> {
    const { data } = await this.appClient.rest.apps.getAuthenticated();
    return { ...(data?.slug ? { slug: data.slug } : {}), ...(data?.name ? { name: data.name } : {}) };
  }

  private installationIdFor(repo: RepoRef): Promise<number> {
    if (this.credentials.installation_id !== undefined) return Promise.resolve(this.credentials.installation_id);
    const key = `${repo.owner}/${repo.repo}`.toLowerCase();
    const cached = this.installationIds.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.id;
    const id = this.appClient.rest.apps.getRepoInstallation({ owner: repo.owner, repo: repo.repo }).then(({ data }) => data.id);
    this.installationIds.set(key, { id, expiresAt: this.now() + INSTALLATION_TTL_MS });
    // A failed lookup (not installed, GitHub down) is not remembered: the next call asks again.
    id.catch(() => this.installationIds.delete(key));
    return id;
  }
}
