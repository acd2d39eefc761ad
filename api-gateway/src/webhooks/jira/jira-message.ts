import type { RepositoryRef } from '@swe-ai-fleet/contracts';
import type { InboundMessage } from '../../pipeline/inbound-message.js';
import { adfToText, type MentionRendering } from './adf-to-text.js';
import type { JiraCommentEvent } from './jira-payloads.js';
import { wikiToText } from './wiki-to-text.js';

/**
 * A comment triggers the agent once: creating it with the mention, or editing the mention in
 * later. Further edits of the same comment (fixing a typo) within a day make no new task.
 */
const COMMENT_TRIGGER_WINDOW_MS = 24 * 60 * 60_000;

export interface JiraContext extends MentionRendering {
  deliveryId: string;
  receivedAt: Date;
  traceparent: string;
  projectRepositories: Readonly<Record<string, RepositoryRef>>;
}

/** A Jira comment as the pipeline sees it; the answer is a comment on the same issue. */
export function jiraCommentMessage(event: JiraCommentEvent, context: JiraContext): InboundMessage {
  const { comment, issue } = event;
  // The site is where the comment lives: https://<site>.atlassian.net.
  const site = new URL(comment.self).origin;
  const host = new URL(site).host;
  const writer = event.webhookEvent === 'comment_updated' ? (comment.updateAuthor ?? comment.author) : comment.author;
  const projectKey = issue.fields.project.key;
  const text = typeof comment.body === 'string' ? wikiToText(comment.body, context) : adfToText(comment.body, context);
  return {
    provider: 'jira',
    deliveryId: context.deliveryId,
    event: event.webhookEvent,
    rawText: text,
    author: { id: writer.accountId, login: writer.displayName ?? writer.accountId, ...(writer.accountType ? { association: writer.accountType } : {}) },
    authorIsBot: writer.accountType === 'app' || (context.botAccountId !== undefined && writer.accountId === context.botAccountId),
    repository: null,
    source: {
      provider: 'jira',
      site,
      issue_key: issue.key,
      issue_id: issue.id,
      project_key: projectKey,
      comment_id: comment.id,
      trigger: event.webhookEvent,
    },
    conversationKey: `jira:${host}/${issue.key}`,
    receivedAt: context.receivedAt,
    traceparent: context.traceparent,
    repositoryHints: { fromText: true, remembered: true, fallback: context.projectRepositories[projectKey] ?? null },
    trigger: { key: `jira:${host}/comment/${comment.id}`, windowMs: COMMENT_TRIGGER_WINDOW_MS },
  };
}
