import type { CredentialsStore } from '../credentials/credentials-store.js';
import type { GithubCredentials } from '../credentials/github-credentials.js';
import { CredentialsMissingError } from '../errors.js';
import { AppAuthProvider } from './app-auth-provider.js';
import type { GithubClientSettings } from './github-client.js';
import type { GithubAuthProvider } from './github-auth.js';
import { TokenAuthProvider } from './token-auth-provider.js';

export type CredentialsSource = 'stored' | 'environment';

export interface GithubConnectionOptions {
  store: CredentialsStore;
  /** From GITHUB_APP_* or GITHUB_TOKEN; null when neither is set. */
  environment: GithubCredentials | null;
  settings: GithubClientSettings;
}

export function createAuthProvider(credentials: GithubCredentials, settings: GithubClientSettings): GithubAuthProvider {
  return credentials.type === 'token' ? new TokenAuthProvider(credentials.token, settings) : new AppAuthProvider(credentials, settings);
}

/**
 * Picks the credentials every GitHub call uses: those stored through the credentials API win
 * over the environment's. The stored row is checked on every call (one primary-key read), so a
 * rotation through any replica takes effect on the next call everywhere; a provider, with its
 * cached installation tokens, is rebuilt only when the row changed.
 */
export class GithubConnection {
  private stored: { version: string; provider: GithubAuthProvider } | null = null;
  private environmentProvider: GithubAuthProvider | null = null;

  constructor(private readonly options: GithubConnectionOptions) {}

  async current(): Promise<{ provider: GithubAuthProvider; source: CredentialsSource }> {
    const loaded = await this.options.store.load(this.stored?.version);
    if (loaded === 'unchanged' && this.stored) return { provider: this.stored.provider, source: 'stored' };
    if (loaded && loaded !== 'unchanged') {
      this.stored = { version: loaded.version, provider: createAuthProvider(loaded.credentials, this.options.settings) };
      return { provider: this.stored.provider, source: 'stored' };
    }
    this.stored = null;
    if (!this.options.environment) throw new CredentialsMissingError();
    this.environmentProvider ??= createAuthProvider(this.options.environment, this.options.settings);
    return { provider: this.environmentProvider, source: 'environment' };
  }

  /** The environment's credentials, for the credentials API's description (never their values). */
  get environment(): GithubCredentials | null {
    return this.options.environment;
  }
}
