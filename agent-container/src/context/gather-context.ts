import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import type { CallContext } from '../services/service-caller.js';
import type { ProviderClients } from '../threads/thread-for-task.js';
import type { GatheredContext } from './context-section.js';
import { githubContext } from './github-context.js';
import { jiraContext, sentryContext, slackContext } from './provider-contexts.js';

/** What the task's thread says, read through its provider service. */
export function gatherContext(task: AgentTaskJob, clients: ProviderClients, call: CallContext): Promise<GatheredContext> {
  const source = task.source;
  switch (source.provider) {
    case 'github':
      return githubContext(clients.github, source, call);
    case 'slack':
      return slackContext(clients.slack, source, call);
    case 'jira':
      return jiraContext(clients.jira, source, call);
    case 'sentry':
      return sentryContext(clients.sentry, source, call);
    case 'custom':
      return Promise.resolve({ sections: [], missing: [] });
  }
}
