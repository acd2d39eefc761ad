import type { AgentTaskJob, Provider } from '@swe-ai-fleet/contracts';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { deliveries, outbox, tasks } from '../db/schema.js';

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

/**
 * Deliveries and tasks in `gateway`. A delivery is claimed by inserting its (provider, delivery id)
 * primary key; a concurrent claim of the same id waits for the first one and then finds it taken,
 * in this process or any other replica.
 */
export class TaskStore {
  constructor(private readonly db: Database) {}

  async findDelivery(provider: Provider, deliveryId: string): Promise<DeliveryRecord | null> {
    const rows = await this.db
      .select({ outcome: deliveries.outcome, taskId: deliveries.taskId })
      .from(deliveries)
      .where(and(eq(deliveries.provider, provider), eq(deliveries.deliveryId, deliveryId)))
      .limit(1);
    return rows[0] ?? null;
  }

  /** Records a delivery that made no task, with why. */
  async recordOutcome(delivery: DeliveryKey, outcome: string): Promise<RecordResult> {
    const claimed = await this.db.insert(deliveries).values(this.deliveryRow(delivery, outcome, null)).onConflictDoNothing().returning({ id: deliveries.deliveryId });
    return claimed.length > 0 ? { recorded: true } : { recorded: false, existing: await this.existing(delivery) };
  }

  /** Claims the delivery and records the task and its outbox row, all in one transaction. */
  async recordTask(delivery: DeliveryKey, job: AgentTaskJob): Promise<RecordResult> {
    const claimed = await this.db.transaction(async (tx) => {
      const claim = await tx
        .insert(deliveries)
        .values(this.deliveryRow(delivery, 'task_created', job.task_id))
        .onConflictDoNothing()
        .returning({ id: deliveries.deliveryId });
      if (claim.length === 0) return false;
      await tx.insert(tasks).values({
        id: job.task_id,
        provider: job.provider,
        deliveryId: job.delivery_id,
        command: job.command,
        options: job.options,
        text: job.text,
        author: job.author,
        repository: job.repository ? `${job.repository.owner}/${job.repository.name}` : null,
        conversationKey: job.conversation_key,
        status: 'queued',
        receivedAt: delivery.receivedAt,
        job,
      });
      await tx.insert(outbox).values({ taskId: job.task_id });
      return true;
    });
    return claimed ? { recorded: true } : { recorded: false, existing: await this.existing(delivery) };
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
    // The conflicting claim has committed (the insert waited for it), so it is visible now.
    return (await this.findDelivery(delivery.provider, delivery.deliveryId)) ?? { outcome: 'unknown', taskId: null };
  }
}
