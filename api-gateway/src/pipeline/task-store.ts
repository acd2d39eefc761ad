import type { AgentTaskJob, Provider, RepositoryRef } from '@swe-ai-fleet/contracts';
import { and, desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { deliveries, outbox, tasks } from '../db/schema.js';
import { parseRepository } from './extract-repository.js';
import { TaskClaims } from './task-claims.js';

export interface DeliveryRecord {
  outcome: string;
  taskId: string | null;
}

export interface DeliveryKey {
  provider: Provider;
  deliveryId: string;
  event: string;
  receivedAt: Date;
}

export type RecordResult = { recorded: true } | { recorded: false; existing: DeliveryRecord };

export type RecordTaskResult =
  | { recorded: true }
  | { recorded: false; existing: DeliveryRecord }
  /** Another delivery of the same trigger made a task within its window; this delivery is recorded as `duplicate_trigger`. */
  | { recorded: false; duplicateTriggerOf: string };

/**
 * Deliveries and tasks in `gateway`. A delivery is claimed by inserting its (provider, delivery id)
 * primary key; a concurrent claim of the same id waits for the first one and then finds it taken,
 * in this process or any other replica.
 */
export class TaskStore {
  private readonly claims: TaskClaims;

  constructor(private readonly db: Database) {
    this.claims = new TaskClaims(db);
  }

  async findDelivery(provider: Provider, deliveryId: string): Promise<DeliveryRecord | null> {
    const rows = await this.db
      .select({ outcome: deliveries.outcome, taskId: deliveries.taskId })
      .from(deliveries)
      .where(and(eq(deliveries.provider, provider), eq(deliveries.deliveryId, deliveryId)))
      .limit(1);
    return rows[0] ?? null;
  }

  /** Records a delivery that made no task, with why. */
  async recordOutcome(delivery: DeliveryKey, outcome: string, details: Record<string, unknown> | null = null): Promise<RecordResult> {
    const claimed = await this.db
      .insert(deliveries)
      .values({ ...this.deliveryRow(delivery, outcome, null), details })
      .onConflictDoNothing()
      .returning({ id: deliveries.deliveryId });
    return claimed.length > 0 ? { recorded: true } : { recorded: false, existing: await this.existing(delivery) };
  }

  /**
   * Claims the delivery and records the task and its outbox row, all in one transaction: without
   * a trigger, one statement shared with the deliveries that arrive meanwhile (TaskClaims). With a
   * trigger, deliveries of the same trigger are serialized by an advisory lock on its key (across
   * replicas), and one that finds a task of the trigger inside the window records no task.
   */
  async recordTask(delivery: DeliveryKey, job: AgentTaskJob, trigger?: { key: string; windowMs: number }): Promise<RecordTaskResult> {
    if (!trigger) return this.claims.record(delivery, job);
    const result = await this.db.transaction(async (tx): Promise<RecordTaskResult> => {
      const claim = await tx
        .insert(deliveries)
        .values(this.deliveryRow(delivery, 'task_created', job.task_id))
        .onConflictDoNothing()
        .returning({ id: deliveries.deliveryId });
      if (claim.length === 0) return { recorded: false, existing: { outcome: 'unknown', taskId: null } };
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${trigger.key}, 0))`);
      const [earlier] = await tx
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.triggerKey, trigger.key), gt(tasks.receivedAt, new Date(delivery.receivedAt.getTime() - trigger.windowMs))))
        .limit(1);
      if (earlier) {
        await tx
          .update(deliveries)
          .set({ outcome: 'duplicate_trigger', taskId: null, details: { trigger_key: trigger.key, task_id: earlier.id } })
          .where(and(eq(deliveries.provider, delivery.provider), eq(deliveries.deliveryId, delivery.deliveryId)));
        return { recorded: false, duplicateTriggerOf: earlier.id };
      }
      await tx.insert(tasks).values({
        id: job.task_id,
        provider: job.provider,
        deliveryId: job.delivery_id,
        command: job.command,
        options: job.options,
        text: job.text,
        author: job.author,
        repository: repositoryOf(job),
        conversationKey: job.conversation_key,
        triggerKey: trigger.key,
        status: 'queued',
        receivedAt: delivery.receivedAt,
        job,
      });
      await tx.insert(outbox).values({ taskId: job.task_id });
      return { recorded: true };
    });
    // The conflicting claim has committed (the insert waited for it), so it is visible now.
    if (!result.recorded && 'existing' in result) return { recorded: false, existing: await this.existing(delivery) };
    return result;
  }

  /** The repository the conversation's latest task worked on, so a thread names it only once. */
  async lastRepository(conversationKey: string): Promise<RepositoryRef | null> {
    const [row] = await this.db
      .select({ repository: tasks.repository })
      .from(tasks)
      .where(and(eq(tasks.conversationKey, conversationKey), isNotNull(tasks.repository)))
      .orderBy(desc(tasks.receivedAt))
      .limit(1);
    return row?.repository ? parseRepository(row.repository) : null;
  }

  private deliveryRow(delivery: DeliveryKey, outcome: string, taskId: string | null) {
    return {
      provider: delivery.provider,
      deliveryId: delivery.deliveryId,
      event: delivery.event,
      outcome,
      taskId,
      receivedAt: delivery.receivedAt,
    };
  }

  private async existing(delivery: DeliveryKey): Promise<DeliveryRecord> {
    return (await this.findDelivery(delivery.provider, delivery.deliveryId)) ?? { outcome: 'unknown', taskId: null };
  }
}

function repositoryOf(job: AgentTaskJob): string | null {
  return job.repository ? `${job.repository.owner}/${job.repository.name}` : null;
}
