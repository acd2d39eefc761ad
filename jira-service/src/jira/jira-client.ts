import { createCloudClient } from 'jira.js';
import type { Logger } from 'pino';
import type { JiraCredentials } from '../credentials/jira-credentials.js';
import { JiraOperations, type OperationObserver } from './jira-operations.js';
import { createJiraTransport } from './jira-transport.js';
import type { RetryPolicy } from './retry-policy.js';

/** How this service talks to Jira, whatever the credentials (from configuration). */
export interface JiraClientSettings {
  /** JIRA_API_URL: where requests go instead of the credential's site URL (a proxy, a stand-in). */
  apiUrl?: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** @defaultValue 'warn' */
  onSchemaMismatch?: 'warn' | 'throw';
  /** Tests pass a short sleep so backoff does not slow them down. */
  sleep?: (ms: number) => Promise<void>;
}

/** jira.js's cloud client (the v3 platform API) over our transport, wrapped in our operations. */
export function createJiraOperations(
  credentials: JiraCredentials,
  settings: JiraClientSettings,
  logger: Logger,
  observe?: OperationObserver,
): JiraOperations {
  const transport = createJiraTransport({
    apiUrl: settings.apiUrl ?? credentials.base_url,
    email: credentials.email,
    apiToken: credentials.api_token,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    logger,
    onSchemaMismatch: settings.onSchemaMismatch,
    sleep: settings.sleep,
  });
  return new JiraOperations(createCloudClient(transport), credentials.base_url, observe);
}
