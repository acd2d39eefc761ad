import type { WebhookFlowRecord } from '@swe-ai-fleet/contracts';

type Stage = WebhookFlowRecord['stage'];
type StageStatus = WebhookFlowRecord['status'];

/**
 * The `02-webhook-flow.jsonl` stages of one delivery, kept in memory from reception: the task log
 * is only opened once the task exists, so a rejected delivery leaves no folder behind.
 */
export class WebhookTrail {
  private readonly records: WebhookFlowRecord[] = [];

  constructor(
    readonly taskId: string,
    private readonly now: () => Date,
  ) {}

  add(stage: Stage, status: StageStatus, details: Record<string, unknown> = {}): void {
    this.records.push({ timestamp: this.now().toISOString(), task_id: this.taskId, stage, status, details });
  }

  /** Records not yet written, in order; taking them empties the buffer. */
  take(): WebhookFlowRecord[] {
    return this.records.splice(0, this.records.length);
  }

  stages(): Stage[] {
    return this.records.map((record) => record.stage);
  }
}
