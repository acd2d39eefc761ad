import type { RepositoryRef } from '@swe-ai-fleet/contracts';
import type { InboundMessage } from '../../pipeline/inbound-message.js';
import type { CommentPayload, EventAlertPayload } from './sentry-payloads.js';

/** A comment triggers once: created with the mention, or the mention edited in later (see Jira). */
const COMMENT_TRIGGER_WINDOW_MS = 24 * 60 * 60_000;

export interface SentryContext {
  deliveryId: string;
  receivedAt: Date;
  traceparent: string;
  projectRepositories: Readonly<Record<string, RepositoryRef>>;
}

/** The organization and project slugs in an event's API URL (`/api/0/projects/<org>/<project>/events/…`). */
export function slugsOfEvent(event: EventAlertPayload['data']['event']): { organization: string | null; project: string | null } {
  const api = event.url ? /\/projects\/([^/]+)\/([^/]+)\/events\//.exec(event.url) : null;
  const web = event.web_url ? /\/organizations\/([^/]+)\//.exec(event.web_url) : null;
  return { organization: api?.[1] ?? web?.[1] ?? null, project: api?.[2] ?? null };
}

/**
 * An alert rule fired: the request is the error itself, and the command is SENTRY_ALERT_COMMAND.
 * A rule fires on many events of one issue; `dedupeMs` keeps it to one task per issue.
 */
export function eventAlertMessage(payload: EventAlertPayload, organization: string, command: string, dedupeMs: number, context: SentryContext): InboundMessage {
  const { event, triggered_rule: rule } = payload.data;
  const project = slugsOfEvent(event).project ?? event.project;
  const lines = [`Sentry alert${rule ? ` "${rule}"` : ''}: ${event.title}`, event.culprit ? `Culprit: ${event.culprit}` : '', event.web_url ?? ''];
  return {
    provider: 'sentry',
    deliveryId: context.deliveryId,
    event: 'event_alert.triggered',
    rawText: lines.filter((line) => line !== '').join('\n'),
    // The alert rule, set up by the organization, asks; Sentry is only the messenger.
    author: { id: `sentry-rule:${rule}`, login: rule ? `alert rule "${rule}"` : 'alert rule' },
    authorIsBot: false,
    repository: null,
    source: {
      provider: 'sentry',
      organization,
      project,
      issue_id: event.issue_id,
      trigger: 'event_alert',
      event_id: event.event_id,
      ...(event.web_url ? { web_url: event.web_url } : {}),
      ...(rule ? { triggered_rule: rule } : {}),
      ...(payload.installation ? { installation_uuid: payload.installation.uuid } : {}),
    },
    conversationKey: `sentry:${organization}/${event.issue_id}`,
    receivedAt: context.receivedAt,
    traceparent: context.traceparent,
    addressing: { kind: 'trigger', command },
    repositoryHints: { fromText: false, remembered: true, fallback: context.projectRepositories[project] ?? null },
    ...(dedupeMs > 0 ? { trigger: { key: `sentry:${organization}/${event.issue_id}:alert`, windowMs: dedupeMs } } : {}),
  };
}

/** A comment on a Sentry issue that may mention the agent; comments by the integration itself are the platform's own. */
export function sentryCommentMessage(payload: CommentPayload, organization: string, context: SentryContext): InboundMessage {
  const { data, actor } = payload;
  const id = String(actor.id);
  return {
    provider: 'sentry',
    deliveryId: context.deliveryId,
    event: `comment.${payload.action}`,
    rawText: data.comment,
    author: { id, login: actor.name ?? id },
    authorIsBot: actor.type !== 'user',
    repository: null,
    source: {
      provider: 'sentry',
      organization,
      project: data.project_slug,
      issue_id: data.issue_id,
      trigger: 'comment',
      comment_id: data.comment_id,
      ...(payload.installation ? { installation_uuid: payload.installation.uuid } : {}),
    },
    conversationKey: `sentry:${organization}/${data.issue_id}`,
    receivedAt: context.receivedAt,
    traceparent: context.traceparent,
    repositoryHints: { fromText: true, remembered: true, fallback: context.projectRepositories[data.project_slug] ?? null },
    trigger: { key: `sentry:${organization}/comment/${data.comment_id}`, windowMs: COMMENT_TRIGGER_WINDOW_MS },
  };
}
