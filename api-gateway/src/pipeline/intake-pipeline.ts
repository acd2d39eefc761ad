import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import type { Log } from '../observability/logger.js';
import type { CommandCatalog } from '../commands/command-catalog.js';
import { parseCommand } from '../commands/parse-command.js';
import { UnavailableError } from '../errors.js';
import type { Metrics } from '../http/metrics.js';
import type { OutboxStore } from '../outbox/outbox-store.js';
import type { TaskDispatcher } from '../outbox/task-dispatcher.js';
import type { TaskLogWriter } from '../task-log/task-log-writer.js';
import { cleanText } from './clean-text.js';
import { findMention } from './find-mention.js';
import type { InboundMessage, IntakeOutcome, IntakeRules, RejectionReason } from './inbound-message.js';
import { ownMessageReason } from './own-message.js';
import type { DeliveryKey, TaskStore } from './task-store.js';
import type { WebhookTrail } from './webhook-trail.js';

/** When the first word is not a command, and when nothing follows the mention. */
const COMMAND_DEFAULTS = { fallback: 'ask', bare: 'help' };

export interface IntakePipelineDeps {
  store: TaskStore;
  commands: CommandCatalog;
  outbox: OutboxStore;
  dispatcher: TaskDispatcher;
  taskLog: TaskLogWriter;
  metrics: Metrics;
  now: () => Date;
}

/**
 * The provider-neutral half of intake: dedupe → ignore own messages → clean → match the mention
 * and command → authorize → record task (delivery claim, task, outbox in one transaction) →
 * open the task log → enqueue. Provider adapters verify, parse and hand it an InboundMessage.
 */
export class IntakePipeline {
  constructor(private readonly deps: IntakePipelineDeps) {}

  async handle(message: InboundMessage, rules: IntakeRules, trail: WebhookTrail, log: Log): Promise<IntakeOutcome> {
    const delivery: DeliveryKey = { provider: message.provider, deliveryId: message.deliveryId, event: message.event, receivedAt: message.receivedAt };
    const previous = await this.durably(log, () => this.deps.store.findDelivery(message.provider, message.deliveryId));
    if (previous) return { kind: 'duplicate', taskId: previous.taskId };

    const own = ownMessageReason(message, rules.ownLogins);
    if (own) return this.reject(delivery, own, log);

    const cleaned = cleanText(message.rawText);
    trail.add('parsing', 'ok', {
      text_length: cleaned.text.length,
      removed_html_comments: cleaned.removedHtmlComments,
      removed_invisible_characters: cleaned.removedInvisibleCharacters,
    });
    const mention = findMention(cleaned.text, rules.mention);
    if (!mention) return this.reject(delivery, 'no_mention', log);

    const commandWords = await this.durably(log, () => this.deps.commands.enabledNames());
    const parsed = parseCommand(mention.after, commandWords, COMMAND_DEFAULTS);
    trail.add('command_matching', 'ok', { mention: rules.mention, command: parsed.command, matched: parsed.matched, options: Object.keys(parsed.options) });

    const decision = rules.authorizer.authorize(message);
    trail.add('authorization', decision.allowed ? 'ok' : 'failed', decision.details);
    if (!decision.allowed) return this.reject(delivery, 'author_not_authorized', log);

    const job: AgentTaskJob = {
      task_id: trail.taskId,
      provider: message.provider,
      delivery_id: message.deliveryId,
      command: parsed.command,
      options: parsed.options,
      text: parsed.text,
      author: message.author,
      repository: message.repository,
      source: message.source,
      conversation_key: message.conversationKey,
      received_at: message.receivedAt.toISOString(),
      traceparent: message.traceparent,
    };
    const recorded = await this.durably(log, () => this.deps.store.recordTask(delivery, job));
    if (!recorded.recorded) return { kind: 'duplicate', taskId: recorded.existing.taskId };
    this.deps.metrics.tasksCreated.inc({ provider: message.provider, command: job.command });
    trail.add('task_created', 'ok', { command: job.command, conversation_key: job.conversation_key });
    log.info({ command: job.command, conversation_key: job.conversation_key }, 'task created');

    await this.openTaskLog(job, message, cleaned.text, trail);
    const pushed = await this.deps.dispatcher.dispatch(job, 'webhook');
    if (pushed.ok) {
      // If this fails the relay pushes the task again later, which the job id makes harmless.
      await this.deps.outbox.markDispatched(job.task_id).catch((error: unknown) => log.warn({ err: error }, 'could not mark the outbox row dispatched'));
    }
    return { kind: 'task_created', taskId: job.task_id };
  }

  private async reject(delivery: DeliveryKey, reason: RejectionReason, log: Log): Promise<IntakeOutcome> {
    const recorded = await this.durably(log, () => this.deps.store.recordOutcome(delivery, reason));
    if (!recorded.recorded) return { kind: 'duplicate', taskId: recorded.existing.taskId };
    log.info({ reason }, 'delivery made no task');
    return { kind: 'rejected', reason };
  }

  /** Writes metadata, input and the buffered webhook stages; failures are logged by the writer. */
  private async openTaskLog(job: AgentTaskJob, message: InboundMessage, cleanedText: string, trail: WebhookTrail): Promise<void> {
    const { taskLog, now } = this.deps;
    const timestamp = now().toISOString();
    const repository = job.repository ? `${job.repository.owner}/${job.repository.name}` : null;
    await taskLog.writeMetadata({
      timestamp,
      task_id: job.task_id,
      source: job.conversation_key,
      provider: job.provider,
      status: 'queued',
      command: job.command,
      repository,
      created_at: timestamp,
    });
    await taskLog.writeInput({
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
    });
    await taskLog.appendWebhookFlow(job.task_id, trail.take());
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
