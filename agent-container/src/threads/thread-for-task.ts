import type { TaskSource } from '@swe-ai-fleet/contracts';
import type { GithubServiceClient } from '../services/github-service-client.js';
import type { JiraServiceClient } from '../services/jira-service-client.js';
import type { SentryServiceClient } from '../services/sentry-service-client.js';
import type { SlackServiceClient } from '../services/slack-service-client.js';
import { GithubThread } from './github-thread.js';
import { JiraThread } from './jira-thread.js';
import { SentryThread } from './sentry-thread.js';
import { SlackThread } from './slack-thread.js';
import type { Thread } from './thread.js';

/** The provider services, one client each. */
export interface ProviderClients {
  github: GithubServiceClient;
  slack: SlackServiceClient;
  jira: JiraServiceClient;
  sentry: SentryServiceClient;
}

/** The thread a task answers in; null for a custom webhook, which has no thread to write to. */
export function threadForSource(source: TaskSource, clients: ProviderClients): Thread | null {
  switch (source.provider) {
    case 'github':
      return new GithubThread(clients.github, source);
    case 'slack':
      return new SlackThread(clients.slack, source);
    case 'jira':
      return new JiraThread(clients.jira, source);
    case 'sentry':
      return new SentryThread(clients.sentry, source);
    case 'custom':
      return null;
  }
}
