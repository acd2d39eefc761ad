import { AppError, CredentialsMissingError, CredentialsRejectedError, NothingToRotateError } from '../errors.js';
import type { JiraConnector } from '../jira/jira-connector.js';
import type { JiraAccount } from '../jira/jira-operations.js';
import type { CredentialStore } from './credential-store.js';
import { CREDENTIAL_FIELDS, type CredentialField, type CredentialSource, type JiraCredentials, environmentFieldsSet } from './jira-credentials.js';

export interface FieldStatus {
  set: boolean;
  updated_at: string | null;
}

/** What the credentials API shows: which fields are set and when, never a value. */
export interface CredentialsStatus {
  source: CredentialSource | 'none';
  encryption_key_configured: boolean;
  stored: { fields: Record<CredentialField, FieldStatus>; created_at: string; updated_at: string } | null;
  environment: Record<CredentialField, boolean>;
}

export type CredentialsTestResult =
  | { ok: true; source: CredentialSource; account: JiraAccount }
  | { ok: false; source: CredentialSource; code: string; message: string };

/** Codes meaning "Jira answered and said no" (as opposed to Jira being unreachable). */
const REFUSALS = new Set(['jira_unauthorized', 'jira_forbidden']);

/** Set, rotate, test and remove the stored Jira credentials; every change is verified with Jira first unless asked not to. */
export class CredentialsService {
  constructor(
    private readonly store: CredentialStore,
    private readonly connector: JiraConnector,
    private readonly environment: { baseUrl?: string; email?: string; apiToken?: string },
    /** Called after every change, e.g. to drop a cached health check. */
    private readonly onChange: () => void = () => undefined,
  ) {}

  async status(): Promise<CredentialsStatus> {
    const stored = await this.store.status();
    const environment = environmentFieldsSet(this.environment);
    const environmentComplete = CREDENTIAL_FIELDS.every((field) => environment[field]);
    return {
      source: stored ? 'stored' : environmentComplete ? 'environment' : 'none',
      encryption_key_configured: this.store.canStore,
      stored: stored && {
        fields: Object.fromEntries(
          CREDENTIAL_FIELDS.map((field) => [field, { set: stored.fields[field] !== undefined, updated_at: stored.fields[field] ?? null }]),
        ) as Record<CredentialField, FieldStatus>,
        created_at: stored.createdAt.toISOString(),
        updated_at: stored.updatedAt.toISOString(),
      },
      environment,
    };
  }

  async set(credentials: JiraCredentials, verify: boolean): Promise<CredentialsStatus> {
    if (verify) await this.verify(credentials);
    await this.store.write(credentials, CREDENTIAL_FIELDS);
    this.onChange();
    return this.status();
  }

  /** Replaces the API token (and the email, if given), keeping the site of the credentials in force. */
  async rotate(change: { api_token: string; email?: string }, verify: boolean): Promise<CredentialsStatus> {
    const active = await this.connector.active();
    if (!active) throw new NothingToRotateError();
    const next: JiraCredentials = { ...active.credentials, ...change };
    if (verify) await this.verify(next);
    // Moving from the environment to the store sets every field in the store for the first time.
    const changed: CredentialField[] = active.source === 'environment' ? [...CREDENTIAL_FIELDS] : (Object.keys(change) as CredentialField[]);
    await this.store.write(next, changed);
    this.onChange();
    return this.status();
  }

  async test(): Promise<CredentialsTestResult> {
    const active = await this.connector.active();
    if (!active) throw new CredentialsMissingError();
    try {
      const account = await this.connector.operationsFor(active.credentials, { probe: true }).whoAmI();
      return { ok: true, source: active.source, account };
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('jira_')) return { ok: false, source: active.source, code: error.code, message: error.message };
      throw error;
    }
  }

  async remove(): Promise<boolean> {
    const removed = await this.store.remove();
    if (removed) this.onChange();
    return removed;
  }

  private async verify(credentials: JiraCredentials): Promise<JiraAccount> {
    try {
      return await this.connector.operationsFor(credentials, { probe: true }).whoAmI();
    } catch (error) {
      if (error instanceof AppError && REFUSALS.has(error.code)) throw new CredentialsRejectedError(`Jira refused the credentials, nothing was stored: ${error.message}`);
      throw error;
    }
  }
}
