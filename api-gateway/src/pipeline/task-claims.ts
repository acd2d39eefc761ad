import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { DeliveryKey, RecordTaskResult } from './task-store.js';

export interface TaskClaimsOptions {
  /**
   * Most deliveries recorded by one statement.
   * @defaultValue 200
   */
  maxBatch?: number;
}

interface PendingClaim {
  delivery: DeliveryKey;
  job: AgentTaskJob;
  resolve: (result: RecordTaskResult) => void;
  reject: (error: unknown) => void;
}

/** The delivery row as it stands after the claim, and whether this claim's task was inserted. */
const ClaimRowSchema = z.object({ provider: z.string(), delivery_id: z.string(), task_id: z.string().nullable(), outcome: z.string(), created: z.boolean() });

const keyOf = (provider: string, deliveryId: string) => `${provider}\u0000${deliveryId}`;

function rowsOf(result: unknown): unknown[] {
  return typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows) ? result.rows : [];
}

/**
 * Group commit of new tasks: deliveries that arrive while a statement is in flight are recorded
 * together by the next one, so under load a task costs a fraction of a round trip. Each
 * statement claims the deliveries and inserts their tasks and outbox rows (a data-modifying CTE,
 * one transaction); a caller hears back only once its task is committed, so "202 only once
 * durable" holds. `ON CONFLICT DO UPDATE` (a no-op update) locks and returns a delivery row that
 * is already there, so a repeat learns the first task id from the same statement, and a
 * concurrent copy on any replica waits for the first claim to commit, then gets its row.
 */
export class TaskClaims {
  private readonly waiting: PendingClaim[] = [];
  private running = false;
  private readonly maxBatch: number;

  constructor(
    private readonly db: Database,
    options: TaskClaimsOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
  }

  record(delivery: DeliveryKey, job: AgentTaskJob): Promise<RecordTaskResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ delivery, job, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      // Deliveries parsed in the same turn of the event loop go into the first statement together.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0) {
        const batch = this.take();
        try {
          const results = await this.insert(batch);
          for (const claim of batch) {
            const result = results.get(keyOf(claim.delivery.provider, claim.delivery.deliveryId));
            if (result) claim.resolve(result);
            else claim.reject(new Error('the delivery claim returned no row'));
          }
        } catch (error) {
          for (const claim of batch) claim.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * The next batch, at most one claim per delivery key (a statement cannot claim one row twice; a
   * second copy waits for the next statement, which answers it as a repeat), in key order so that
   * replicas claiming overlapping batches lock rows in the same order.
   */
  private take(): PendingClaim[] {
    const batch: PendingClaim[] = [];
    const keys = new Set<string>();
    const later: PendingClaim[] = [];
    for (const claim of this.waiting.splice(0)) {
      const key = keyOf(claim.delivery.provider, claim.delivery.deliveryId);
      if (batch.length >= this.maxBatch || keys.has(key)) later.push(claim);
      else {
        keys.add(key);
        batch.push(claim);
      }
    }
    this.waiting.push(...later);
    return batch.sort((a, b) => (keyOf(a.delivery.provider, a.delivery.deliveryId) < keyOf(b.delivery.provider, b.delivery.deliveryId) ? -1 : 1));
  }

  private async insert(batch: readonly PendingClaim[]): Promise<Map<string, RecordTaskResult>> {
    const rows = batch.map(({ delivery, job }, position) => ({
      position,
      provider: delivery.provider,
      delivery_id: delivery.deliveryId,
      event: delivery.event,
      task_id: job.task_id,
      received_at: delivery.receivedAt.toISOString(),
      command: job.command,
      options: job.options,
      text: job.text,
      author: job.author,
      repository: job.repository ? `${job.repository.owner}/${job.repository.name}` : null,
      conversation_key: job.conversation_key,
      job,
    }));
    const result = await this.db.execute(sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
          position int, provider text, delivery_id text, event text, task_id text, received_at timestamptz, command text,
          options jsonb, text text, author jsonb, repository text, conversation_key text, job jsonb)
      ), claim AS (
        INSERT INTO gateway.deliveries AS d (provider, delivery_id, event, outcome, task_id, received_at)
        SELECT provider, delivery_id, event, 'task_created', task_id, received_at FROM input ORDER BY position
        ON CONFLICT (provider, delivery_id) DO UPDATE SET provider = d.provider
        RETURNING d.provider, d.delivery_id, d.task_id, d.outcome
      ), task AS (
        INSERT INTO gateway.tasks (id, provider, delivery_id, command, options, text, author, repository, conversation_key, status, received_at, job)
        SELECT i.task_id, i.provider, i.delivery_id, i.command, i.options, i.text, i.author, i.repository, i.conversation_key, 'queued', i.received_at, i.job
        FROM input i JOIN claim c ON c.provider = i.provider AND c.delivery_id = i.delivery_id AND c.task_id = i.task_id
        RETURNING id
      ), queued AS (
        INSERT INTO gateway.outbox (task_id) SELECT id FROM task RETURNING task_id
      )
      SELECT c.provider, c.delivery_id, c.task_id, c.outcome, q.task_id IS NOT NULL AS created
      FROM claim c LEFT JOIN queued q ON q.task_id = c.task_id`);
    const results = new Map<string, RecordTaskResult>();
    for (const item of rowsOf(result)) {
      const row = ClaimRowSchema.parse(item);
      results.set(keyOf(row.provider, row.delivery_id), row.created ? { recorded: true } : { recorded: false, existing: { outcome: row.outcome, taskId: row.task_id } });
    }
    return results;
  }
}
