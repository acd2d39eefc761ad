import type { z } from 'zod';
import { InvalidPayloadError } from '../../errors.js';
import type { InboundMessage } from '../../pipeline/inbound-message.js';
import type { GithubDelivery } from './github-delivery.js';
import { issueCommentMessage } from './issue-comment-message.js';
import { IssueCommentPayloadSchema } from './issue-comment-payload.js';
import { issueTriggerMessage } from './issue-trigger-message.js';
import { IssuesPayloadSchema } from './issues-payload.js';
import { reviewCommentMessage } from './review-comment-message.js';
import { ReviewCommentPayloadSchema } from './review-comment-payload.js';
import { reviewMessage } from './review-message.js';
import { ReviewPayloadSchema } from './review-payload.js';

export interface GithubTriggerSettings {
  /** A label that hands the issue to the agent (GITHUB_TRIGGER_LABEL); null turns the trigger off. */
  triggerLabel: string | null;
  /** The command a label or an assignment runs (GITHUB_TRIGGER_COMMAND). */
  triggerCommand: string;
  /** Assigning an issue to one of these logins hands it to the agent (GITHUB_BOT_LOGINS). */
  botLogins: readonly string[];
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, event: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new InvalidPayloadError(`${event} payload: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  return parsed.data;
}

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The message a GitHub delivery carries, or null for events and actions that never start a task
 * (edits, deletions, other labels, ping, ...). Throws InvalidPayloadError when a handled event
 * lacks the fields the gateway reads.
 */
export function githubEventMessage(event: string, action: string | undefined, payload: unknown, settings: GithubTriggerSettings, delivery: GithubDelivery): InboundMessage | null {
  const name = `${event}.${action ?? ''}`;
  switch (name) {
    case 'issue_comment.created':
      return issueCommentMessage(parse(IssueCommentPayloadSchema, payload, event), delivery);
    case 'pull_request_review_comment.created':
      return reviewCommentMessage(parse(ReviewCommentPayloadSchema, payload, event), delivery);
    case 'pull_request_review.submitted':
      return reviewMessage(parse(ReviewPayloadSchema, payload, event), delivery);
    case 'issues.opened':
      return issueTriggerMessage(parse(IssuesPayloadSchema, payload, event), { kind: 'opened' }, delivery);
    case 'issues.labeled': {
      const issues = parse(IssuesPayloadSchema, payload, event);
      const label = issues.label?.name;
      if (!settings.triggerLabel || !label || !sameLogin(label, settings.triggerLabel)) return null;
      return issueTriggerMessage(issues, { kind: 'labeled', command: settings.triggerCommand }, delivery);
    }
    case 'issues.assigned': {
      const issues = parse(IssuesPayloadSchema, payload, event);
      const assignee = issues.assignee?.login;
      if (!assignee || !settings.botLogins.some((login) => sameLogin(login, assignee))) return null;
      return issueTriggerMessage(issues, { kind: 'assigned', command: settings.triggerCommand }, delivery);
    }
    default:
      return null;
  }
}
