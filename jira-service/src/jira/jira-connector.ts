import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { CredentialStore } from '../credentials/credential-store.js';
import type { CredentialSource, JiraCredentials } from '../credentials/jira-credentials.js';
import { CredentialsMissingError } from '../errors.js';
import { type JiraClientSettings, createJiraOperations } from './jira-client.js';
import type { JiraOperations, OperationObserver } from './jira-operations.js';

export interface ActiveCredentials {
  credentials: JiraCredentials;
  source: CredentialSource;
}

/** A health probe must answer quickly: one attempt, a short timeout. */
const PROBE_TIMEOUT_MS = 5_000;

function fingerprint(credentials: JiraCredentials): string {
  return createHash('sha256').update(JSON.stringify(credentials)).digest('hex');
}

/**
 * Hands out Jira operations for the credentials in force now: the stored ones when there are
 * any (read on every call, so a change through the credentials API applies at once on every
 * replica), else the JIRA_* variables.
 */
export class JiraConnector {
  private cached: { fingerprint: string; operations: JiraOperations } | null = null;

  constructor(
    private readonly store: CredentialStore,
    private readonly environment: JiraCredentials | null,
    private readonly settings: JiraClientSettings,
    private readonly logger: Logger,
    private readonly observe?: OperationObserver,
  ) {}

  async active(): Promise<ActiveCredentials | null> {
    const stored = await this.store.read();
    if (stored) return { credentials: stored, source: 'stored' };
    return this.environment ? { credentials: this.environment, source: 'environment' } : null;
  }

  /** Operations with the credentials in force; 503 credentials_missing when there are none. */
  async operations(): Promise<JiraOperations> {
    const active = await this.active();
    if (!active) throw new CredentialsMissingError();
    const key = fingerprint(active.credentials);
    if (this.cached?.fingerprint !== key) this.cached = { fingerprint: key, operations: this.operationsFor(active.credentials) };
    return this.cached.operations;
  }

  /** Operations with the given credentials, e.g. to verify new ones before they are stored. */
  operationsFor(credentials: JiraCredentials, options: { probe?: boolean } = {}): JiraOperations {
    const settings: JiraClientSettings = options.probe
      ? { ...this.settings, timeoutMs: Math.min(this.settings.timeoutMs, PROBE_TIMEOUT_MS), retry: { ...this.settings.retry, maxRetries: 0 } }
      : this.settings;
    return createJiraOperations(credentials, settings, this.logger, options.probe ? undefined : this.observe);
  }
}
