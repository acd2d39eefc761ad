import type { CredentialsStore, StoredFieldInfo } from './credentials-store.js';

export type CredentialSource = 'stored' | 'environment';

export interface BotToken {
  token: string;
  source: CredentialSource;
}

export interface CredentialsStatus {
  /** Where the token in use comes from; null when there is none. */
  active_source: CredentialSource | null;
  encryption_key_configured: boolean;
  fields: {
    name: string;
    stored: boolean;
    in_environment: boolean;
    created_at: string | null;
    updated_at: string | null;
  }[];
}

export interface SlackCredentialsOptions {
  store: CredentialsStore;
  /** SLACK_BOT_TOKEN, used only when no token is stored. */
  environmentToken?: string;
  /** How long the stored token is trusted before it is read again (other replicas may rotate it). */
  cacheMs: number;
  /** @defaultValue Date.now */
  now?: () => number;
}

/**
 * Which bot token to use: a stored one wins over SLACK_BOT_TOKEN, so a rotation through the
 * API takes effect without a restart. The stored value is cached briefly; a set or delete on
 * this replica refreshes it at once.
 */
export class SlackCredentials {
  private cached: { value: BotToken | null; at: number } | null = null;
  private readonly now: () => number;

  constructor(private readonly options: SlackCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  async botToken(): Promise<BotToken | null> {
    if (this.cached && this.now() - this.cached.at < this.options.cacheMs) return this.cached.value;
    const stored = await this.options.store.read('bot_token');
    const value: BotToken | null = stored
      ? { token: stored, source: 'stored' }
      : this.options.environmentToken
        ? { token: this.options.environmentToken, source: 'environment' }
        : null;
    this.cached = { value, at: this.now() };
    return value;
  }

  async setBotToken(token: string): Promise<{ replaced: boolean }> {
    const result = await this.options.store.put('bot_token', token);
    this.cached = null;
    return result;
  }

  async removeBotToken(): Promise<boolean> {
    const removed = await this.options.store.remove('bot_token');
    this.cached = null;
    return removed;
  }

  async status(): Promise<CredentialsStatus> {
    const stored = new Map<string, StoredFieldInfo>((await this.options.store.list()).map((info) => [info.name, info]));
    const botToken = stored.get('bot_token');
    const inEnvironment = this.options.environmentToken !== undefined;
    return {
      active_source: botToken ? 'stored' : inEnvironment ? 'environment' : null,
      encryption_key_configured: this.options.store.canStore,
      fields: [
        {
          name: 'bot_token',
          stored: botToken !== undefined,
          in_environment: inEnvironment,
          created_at: botToken?.createdAt.toISOString() ?? null,
          updated_at: botToken?.updatedAt.toISOString() ?? null,
        },
      ],
    };
  }
}
