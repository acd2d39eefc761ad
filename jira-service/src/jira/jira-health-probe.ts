import { AppError } from '../errors.js';
import type { JiraConnector } from './jira-connector.js';

/** `unreadable`: stored, but the configured key cannot open them. `unknown`: the database did not answer. */
export type CredentialsCheck = 'present' | 'missing' | 'unreadable' | 'unknown';
/** `unauthorized`: Jira answered, and refused the credentials. `unchecked`: no credentials to try. */
export type JiraCheck = 'reachable' | 'unreachable' | 'unauthorized' | 'unchecked';

export interface JiraHealth {
  credentials: CredentialsCheck;
  source: 'stored' | 'environment' | null;
  jira: JiraCheck;
}

/**
 * Checks the credentials in force against Jira (GET /rest/api/3/myself, one attempt) and keeps
 * the answer for `cacheMs`, so frequent health probes do not spend Jira's rate limit.
 */
export class JiraHealthProbe {
  private last: { at: number; health: JiraHealth } | null = null;

  constructor(
    private readonly connector: JiraConnector,
    private readonly cacheMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async check(): Promise<JiraHealth> {
    if (this.last && this.now() - this.last.at < this.cacheMs) return this.last.health;
    const health = await this.probe();
    this.last = { at: this.now(), health };
    return health;
  }

  /** Forget the last answer (the credentials changed). */
  reset(): void {
    this.last = null;
  }

  private async probe(): Promise<JiraHealth> {
    let active: Awaited<ReturnType<JiraConnector['active']>>;
    try {
      active = await this.connector.active();
    } catch (error) {
      if (error instanceof AppError) return { credentials: 'unreadable', source: 'stored', jira: 'unchecked' };
      return { credentials: 'unknown', source: null, jira: 'unchecked' };
    }
    if (!active) return { credentials: 'missing', source: null, jira: 'unchecked' };
    try {
      await this.connector.operationsFor(active.credentials, { probe: true }).whoAmI();
      return { credentials: 'present', source: active.source, jira: 'reachable' };
    } catch (error) {
      const refused = error instanceof AppError && error.code === 'jira_unauthorized';
      return { credentials: 'present', source: active.source, jira: refused ? 'unauthorized' : 'unreachable' };
    }
  }
}
