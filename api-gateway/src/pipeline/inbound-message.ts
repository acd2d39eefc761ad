import type { Author, Provider, RepositoryRef, TaskSource } from '@swe-ai-fleet/contracts';

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
  repository: RepositoryRef | null;
  source: TaskSource;
  /** Tasks with the same key belong to one conversation and run in order. */
  conversationKey: string;
  receivedAt: Date;
  traceparent: string;
}

export interface AuthorizationDecision {
  allowed: boolean;
  /** What the decision rested on, for the task log (never a secret). */
  details: Record<string, unknown>;
}

/** Who may start a task on one provider. */
export interface Authorizer {
  authorize(message: InboundMessage): AuthorizationDecision;
}

/** Per-provider settings the pipeline applies to a message. */
export interface IntakeRules {
  /** The mention that summons the agent on this provider. */
  mention: string;
  /** The platform's own identities on this provider (compared case-insensitively). */
  ownLogins: readonly string[];
  authorizer: Authorizer;
}

export type RejectionReason = 'no_mention' | 'author_not_authorized' | 'bot_author' | 'hidden_marker';

export type IntakeOutcome =
  | { kind: 'task_created'; taskId: string }
  | { kind: 'duplicate'; taskId: string | null }
  | { kind: 'rejected'; reason: RejectionReason };
