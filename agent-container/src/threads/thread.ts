import type { Provider } from '@swe-ai-fleet/contracts';
import type { CallContext } from '../services/service-caller.js';

/** A message the platform wrote in a thread. */
export interface MessageRef {
  /** GitHub comment id, Slack message ts, Jira or Sentry comment id. */
  id: string;
  url: string | null;
}

/** How a provider writes text: its dialect, its limits, its hidden marker. */
export interface ThreadFormat {
  /** Characters one message may hold (room left for the marker and a note). */
  maxChars: number;
  /** Turns the model's Markdown into what the provider renders. */
  fromMarkdown(markdown: string): string;
  /** Appended to every message the platform writes, so the gateway never answers it ('' where the bot identity suffices). */
  marker(taskId: string): string;
}

/**
 * Where a task was asked, as the platform writes to it: the acknowledgement, a status message that
 * progress edits and the answer finally replaces, and a new message when the status message is gone.
 */
export interface Thread {
  readonly provider: Provider;
  readonly format: ThreadFormat;
  /** Whether a posted message can be edited (all four providers' can; a thread without edits posts the answer anew). */
  readonly editable: boolean;
  /** The fast 👀 on the message that asked; returns what was reacted to, or null when the provider has no reactions. */
  react(call: CallContext): Promise<string | null>;
  post(call: CallContext, text: string): Promise<MessageRef>;
  /** `final` is the answer or the failure (Jira then notifies watchers; progress edits do not). */
  edit(call: CallContext, message: MessageRef, text: string, final: boolean): Promise<MessageRef>;
}
