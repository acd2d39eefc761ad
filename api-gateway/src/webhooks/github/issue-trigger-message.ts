import type { InboundMessage } from '../../pipeline/inbound-message.js';
import { type GithubDelivery, conversationKeyOf } from './github-delivery.js';
import type { IssuesPayload } from './issues-payload.js';

/**
 * GitHub announces one new issue several times: `opened`, then `labeled` for each label and
 * `assigned` for each assignee it was created with. Triggers of one issue within this window
 * make one task; adding the label again later makes a new one.
 */
export const ISSUE_TRIGGER_WINDOW_MS = 10 * 60_000;

export type IssueTrigger = { kind: 'opened' } | { kind: 'labeled'; command: string } | { kind: 'assigned'; command: string };

/**
 * An issue that asks for the agent: opened with a mention in its body, or given the trigger label,
 * or assigned to the platform's bot. For a label or an assignment the request is the issue itself.
 *
 * Adding a label or an assignee takes triage access, which authorizes the person who did it, unless
 * they are the issue's author: an issue template can add labels and assignees for anyone who opens
 * an issue, so then the author's own association decides.
 */
export function issueTriggerMessage(payload: IssuesPayload, trigger: IssueTrigger, delivery: GithubDelivery): InboundMessage {
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const { issue, sender } = payload;
  const byAuthor = sender.id === issue.user.id;
  const actor = trigger.kind === 'opened' ? issue.user : sender;
  const association = trigger.kind === 'opened' || byAuthor ? issue.author_association : undefined;
  const text = trigger.kind === 'opened' ? (issue.body ?? '') : [issue.title, issue.body ?? ''].filter((part) => part.trim() !== '').join('\n\n');
  return {
    provider: 'github',
    deliveryId: delivery.deliveryId,
    event: `issues.${payload.action}`,
    rawText: text,
    author: { id: String(actor.id), login: actor.login, ...(association !== undefined ? { association } : {}) },
    authorIsBot: actor.type === 'Bot' || sender.type === 'Bot',
    ...(trigger.kind !== 'opened' && !byAuthor ? { authorPermission: 'triage' as const } : {}),
    repository: { owner, name: repo },
    source: {
      provider: 'github',
      owner,
      repo,
      issue_number: issue.number,
      is_pull_request: issue.pull_request != null,
      html_url: issue.html_url,
      trigger: trigger.kind === 'opened' ? 'issue_opened' : trigger.kind === 'labeled' ? 'issue_labeled' : 'issue_assigned',
    },
    conversationKey: conversationKeyOf(owner, repo, issue.number),
    receivedAt: delivery.receivedAt,
    traceparent: delivery.traceparent,
    addressing: trigger.kind === 'opened' ? { kind: 'mention' } : { kind: 'trigger', command: trigger.command },
    trigger: { key: `${conversationKeyOf(owner, repo, issue.number)}:issue-trigger`, windowMs: ISSUE_TRIGGER_WINDOW_MS },
  };
}
