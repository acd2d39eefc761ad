import type { Author, Provider, RepositoryRef, TaskSource } from '@swe-ai-fleet/contracts';

/**
 * How a message asks for the agent.
 * - `mention`: only when the text mentions the agent (comments, channel messages).
 * - `direct`: the message is addressed to the agent by where it was written (a direct message, a
 *   slash command, a custom route): the whole text is the request; `fallback` is the command
 *   when no command word is written. `invocation` is how the help shows a command (`/agent fix`).
 * - `trigger`: an action, not a text, asks for the agent (a trigger label, an assignment, an
 *   alert rule); `command` runs unless the text mentions the agent with a command of its own.
 */
export type Addressing =
  | { kind: 'mention' }
  | { kind: 'direct'; fallback: string; invocation?: string }
  | { kind: 'trigger'; command: string };

/** Where a repository may come from when the payload names none (Slack, Jira, Sentry, custom routes). */
export interface RepositoryHints {
  /** A `repo:owner/name` word in the text names it (and is taken out of the request). */
  fromText: boolean;
  /** The conversation's earlier task named it (a Slack thread named its repository once). */
  remembered: boolean;
  /** The configured default (per Slack channel, Jira project, Sentry project or custom route). */
  fallback: RepositoryRef | null;
}

/** A provider's webhook reduced to what the intake pipeline needs; each provider's adapter builds one. */
export interface InboundMessage {
  provider: Provider;
  /** The provider's delivery id, claimed once across all replicas. */
  deliveryId: string;
  /** `<event>.<action>` as the provider names it, for example `issue_comment.created`. */
  event: string;
  /** The text exactly as written, before cleaning. */
  rawText: string;
  author: Author;
  /** The provider marks the author as an app or bot account. */
  authorIsBot: boolean;
  /**
   * The provider lets only people with at least this access do what the author did (adding a
   * label or an assignee on GitHub needs triage access), which is an authorization in itself.
   */
  authorPermission?: 'triage';
  repository: RepositoryRef | null;
  source: TaskSource;
  /** Tasks with the same key belong to one conversation and run in order. */
  conversationKey: string;
  receivedAt: Date;
  traceparent: string;
  /** @defaultValue `{ kind: 'mention' }` */
  addressing?: Addressing;
  repositoryHints?: RepositoryHints;
  /**
   * One logical request that the provider may announce more than once under different delivery
   * ids: at most one task per key within `windowMs`.
   */
  trigger?: { key: string; windowMs: number };
}

export interface AuthorizationDecision {
  allowed: boolean;
  /** What the decision rested on, for the task log and the delivery record (never a secret). */
  details: Record<string, unknown>;
}

/** Who may start a task on one provider. */
export interface Authorizer {
  authorize(message: InboundMessage): AuthorizationDecision;
}

/** Per-provider settings the pipeline applies to a message. */
export interface IntakeRules {
  /** The mention that summons the agent on this provider (the one the help shows). */
  mention: string;
  /** Other spellings that summon it too (the GitHub App's `@slug`, a Slack bot's `<@U…>`). */
  extraMentions?: readonly string[];
  /** The platform's own identities on this provider (compared case-insensitively). */
  ownLogins: readonly string[];
  authorizer: Authorizer;
}

export type RejectionReason = 'no_mention' | 'author_not_authorized' | 'bot_author' | 'hidden_marker' | 'duplicate_trigger';

export type IntakeOutcome = (
  | { kind: 'task_created'; taskId: string }
  | { kind: 'duplicate'; taskId: string | null }
  | { kind: 'rejected'; reason: RejectionReason }
) & {
  /** What the delivery's one log line says about it beside the outcome (never a secret). */
  logFields?: Record<string, unknown>;
};
