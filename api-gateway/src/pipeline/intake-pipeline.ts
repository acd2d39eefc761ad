import type { AgentTaskJob, RepositoryRef } from '@swe-ai-fleet/contracts';
import type { CommandCatalog } from '../commands/command-catalog.js';
import { type ParsedCommand, parseCommand } from '../commands/parse-command.js';
import { renderHelp } from '../commands/render-help.js';
import { UnavailableError } from '../errors.js';
import type { Metrics } from '../http/metrics.js';
import type { Log } from '../observability/logger.js';
import type { DispatchedMarker } from '../outbox/dispatched-marker.js';
import type { TaskDispatcher, TaskLogOpening } from '../outbox/task-dispatcher.js';
import { cleanText } from './clean-text.js';
import { extractRepository } from './extract-repository.js';
import { findFirstMention } from './find-mention.js';
import type { InboundMessage, IntakeOutcome, IntakeRules, RejectionReason } from './inbound-message.js';
import { ownMessageReason } from './own-message.js';
import type { DeliveryKey, TaskStore } from './task-store.js';
import type { WebhookTrail } from './webhook-trail.js';

/** When the first word is not a command, when nothing follows the mention, and when the command is unknown. */
const COMMAND_DEFAULTS = { fallback: 'ask', bare: 'help', unknown: 'help' };

export interface IntakePipelineDeps {
  store: TaskStore;
  commands: CommandCatalog;
  /** Marks outbox rows dispatched in batches, after the answer. */
  outbox: Pick<DispatchedMarker, 'mark'>;
  dispatcher: TaskDispatcher;
  metrics: Metrics;
  now: () => Date;
}

/** What the message asks for, before anything is recorded. */
export interface TaskDraft {
  command: string;
  options: Record<string, string>;
  text: string;
  repository: RepositoryRef | null;
  /** The whole message as cleaned, for `01-input.json`. */
  cleanedText: string;
  helpText?: string;
}

export type IntakeDecision =
  | { kind: 'rejected'; reason: RejectionReason; details?: Record<string, unknown> }
  | { kind: 'accepted'; draft: TaskDraft };

/**
 * The provider-neutral half of intake: ignore own messages → clean → match the mention and command
 * → authorize → record task (delivery claim, task, outbox in one statement; the claim answers a
 * repeat) → enqueue; the task log is written after the answer. Provider adapters verify, parse
 * and hand it an InboundMessage.
 */
export class IntakePipeline {
  constructor(private readonly deps: IntakePipelineDeps) {}

  async handle(message: InboundMessage, rules: IntakeRules, trail: WebhookTrail, log: Log): Promise<IntakeOutcome> {
    const delivery: DeliveryKey = { provider: message.provider, deliveryId: message.deliveryId, event: message.event, receivedAt: message.receivedAt };
    // No read before deciding: the claim answers a repeat (a rejection's claim too), so the
    // common case, a new delivery, costs one round trip.
    const decision = await this.decide(message, rules, trail, log);
    if (decision.kind === 'rejected') return this.reject(delivery, decision.reason, decision.details ?? null, log);
    const { draft } = decision;

    const job: AgentTaskJob = {
      task_id: trail.taskId,
      provider: message.provider,
      delivery_id: message.deliveryId,
      command: draft.command,
      options: draft.options,
      text: draft.text,
      author: message.author,
      repository: draft.repository,
      source: message.source,
      conversation_key: message.conversationKey,
      received_at: message.receivedAt.toISOString(),
      traceparent: message.traceparent,
      ...(draft.helpText !== undefined ? { help_text: draft.helpText } : {}),
    };
    const recorded = await this.durably(log, () => this.deps.store.recordTask(delivery, job, message.trigger));
    const logFields = { delivery_id: message.deliveryId };
    if (!recorded.recorded) {
      if ('existing' in recorded) return { kind: 'duplicate', taskId: recorded.existing.taskId, logFields };
      return { kind: 'rejected', reason: 'duplicate_trigger', logFields: { ...logFields, trigger_key: message.trigger?.key, task_of_trigger: recorded.duplicateTriggerOf } };
    }
    this.deps.metrics.tasksCreated.inc({ provider: message.provider, command: job.command });
    trail.add('task_created', 'ok', { command: job.command, conversation_key: job.conversation_key });

    const pushed = await this.deps.dispatcher.dispatch(job, 'webhook', this.taskLogOpening(job, message, draft.cleanedText, trail));
    if (pushed.ok) this.deps.outbox.mark(job.task_id);
    return { kind: 'task_created', taskId: job.task_id, logFields: { ...logFields, command: job.command, conversation_key: job.conversation_key } };
  }

  /**
   * Everything intake decides about a message, without recording anything: the admin API's
   * test deliveries use it as a dry run. Reads the command table and the conversation's history.
   */
  async decide(message: InboundMessage, rules: IntakeRules, trail: WebhookTrail, log: Log): Promise<IntakeDecision> {
    const own = ownMessageReason(message, rules.ownLogins);
    if (own) return { kind: 'rejected', reason: own };

    const cleaned = cleanText(message.rawText);
    trail.add('parsing', 'ok', {
      text_length: cleaned.text.length,
      removed_html_comments: cleaned.removedHtmlComments,
      removed_invisible_characters: cleaned.removedInvisibleCharacters,
    });
    const hints = message.repositoryHints;
    const named = hints?.fromText ? extractRepository(cleaned.text) : { repository: null, text: cleaned.text };
    const addressing = message.addressing ?? { kind: 'mention' };
    const mention = findFirstMention(named.text, [rules.mention, ...(rules.extraMentions ?? [])]);
    if (!mention && addressing.kind === 'mention') return { kind: 'rejected', reason: 'no_mention' };

    const snapshot = await this.durably(log, () => this.deps.commands.snapshot());
    const names = new Set(snapshot.enabled.keys());
    const defaults = { ...COMMAND_DEFAULTS, disabled: snapshot.disabled };
    let parsed: ParsedCommand;
    if (addressing.kind === 'trigger') {
      // The action chose the command; an explicit mention with a command word of its own wins.
      const explicit = mention ? parseCommand(mention.after, names, { ...defaults, fallback: addressing.command }) : null;
      parsed = explicit?.matched === 'command_word' ? explicit : { command: addressing.command, options: explicit?.options ?? {}, text: named.text, matched: 'default' };
      if (!names.has(parsed.command)) parsed = { ...parsed, command: 'help', matched: 'unknown_command', unknownCommand: parsed.command };
    } else if (addressing.kind === 'direct') {
      parsed = parseCommand(mention ? mention.after : ` ${named.text}`, names, { ...defaults, fallback: addressing.fallback });
    } else {
      parsed = parseCommand(mention?.after ?? '', names, defaults);
    }
    const options = { ...(snapshot.enabled.get(parsed.command)?.options ?? {}), ...parsed.options };
    trail.add('command_matching', 'ok', {
      mention: rules.mention,
      mentioned: mention !== null,
      addressing: addressing.kind,
      command: parsed.command,
      matched: parsed.matched,
      ...(parsed.unknownCommand !== undefined ? { unknown_command: parsed.unknownCommand } : {}),
      options: Object.keys(options),
    });

    const decision = rules.authorizer.authorize(message);
    trail.add('authorization', decision.allowed ? 'ok' : 'failed', decision.details);
    if (!decision.allowed) return { kind: 'rejected', reason: 'author_not_authorized', details: decision.details };

    const repository =
      named.repository ??
      message.repository ??
      (hints?.remembered ? await this.durably(log, () => this.deps.store.lastRepository(message.conversationKey)) : null) ??
      hints?.fallback ??
      null;
    const draft: TaskDraft = { command: parsed.command, options, text: parsed.text, repository, cleanedText: cleaned.text };
    if (parsed.command === 'help') {
      const invocation = addressing.kind === 'direct' && addressing.invocation ? addressing.invocation : rules.mention;
      draft.helpText = renderHelp(snapshot, { invocation, ...(parsed.unknownCommand !== undefined ? { unknownCommand: parsed.unknownCommand } : {}) });
    }
    return { kind: 'accepted', draft };
  }

  private async reject(delivery: DeliveryKey, reason: RejectionReason, details: Record<string, unknown> | null, log: Log): Promise<IntakeOutcome> {
    const recorded = await this.durably(log, () => this.deps.store.recordOutcome(delivery, reason, details));
    const logFields = { delivery_id: delivery.deliveryId };
    if (!recorded.recorded) return { kind: 'duplicate', taskId: recorded.existing.taskId, logFields };
    return { kind: 'rejected', reason, logFields: { ...logFields, ...(details ? { details } : {}) } };
  }

  /** metadata.json, 01-input.json and the webhook stages buffered since reception. */
  private taskLogOpening(job: AgentTaskJob, message: InboundMessage, cleanedText: string, trail: WebhookTrail): TaskLogOpening {
    const timestamp = this.deps.now().toISOString();
    const repository = job.repository ? `${job.repository.owner}/${job.repository.name}` : null;
    return {
      metadata: {
        timestamp,
        task_id: job.task_id,
        source: job.conversation_key,
        provider: job.provider,
        status: 'queued',
        command: job.command,
        repository,
        created_at: timestamp,
      },
      input: {
        timestamp,
        task_id: job.task_id,
        provider: job.provider,
        delivery_id: job.delivery_id,
        event: message.event,
        message: cleanedText,
        command: job.command,
        options: job.options,
        author: job.author,
        repository,
        source: { ...job.source, conversation_key: job.conversation_key },
      },
      webhookFlow: trail.take(),
    };
  }

  /** Postgres failures become 503 so the provider delivers again; nothing was committed. */
  private async durably<T>(log: Log, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      log.error({ err: error }, 'Postgres could not take the delivery');
      throw new UnavailableError();
    }
  }
}
