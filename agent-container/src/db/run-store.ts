import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Database } from './database.js';
import { runs } from './schema.js';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'retrying';

export interface RunStart {
  taskId: string;
  attempt: number;
  agent: string;
  runner: string;
  model: string | null;
  startedAt: Date;
}

export interface RunFinish {
  status: Exclude<RunStatus, 'running'>;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  steps: number;
  error: string | null;
  finishedAt: Date;
  durationMs: number;
}

/** What an earlier attempt of a task already achieved. */
export interface PriorAnswer {
  output: string;
  model: string | null;
  answerUrl: string | null;
  pullRequestUrl: string | null;
}

/** The `agent.runs` table: one row per attempt. */
export class RunStore {
  constructor(private readonly db: Database) {}

  /** Records the start of an attempt; a stalled attempt picked up again starts its row afresh. */
  async start(run: RunStart): Promise<void> {
    const fresh = {
      status: 'running',
      agent: run.agent,
      runner: run.runner,
      model: run.model,
      startedAt: run.startedAt,
      finishedAt: null,
      durationMs: null,
      error: null,
    };
    await this.db
      .insert(runs)
      .values({ taskId: run.taskId, attempt: run.attempt, ...fresh })
      .onConflictDoUpdate({ target: [runs.taskId, runs.attempt], set: fresh });
  }

  /** The runner's answer (and the pull request of its changes), saved before it is posted. */
  async saveOutput(taskId: string, attempt: number, output: string, pullRequestUrl: string | null = null): Promise<void> {
    await this.db.update(runs).set({ output, pullRequestUrl }).where(and(eq(runs.taskId, taskId), eq(runs.attempt, attempt)));
  }

  async saveAnswerUrl(taskId: string, attempt: number, answerUrl: string): Promise<void> {
    await this.db.update(runs).set({ answerUrl }).where(and(eq(runs.taskId, taskId), eq(runs.attempt, attempt)));
  }

  async finish(taskId: string, attempt: number, finish: RunFinish): Promise<void> {
    await this.db.update(runs).set(finish).where(and(eq(runs.taskId, taskId), eq(runs.attempt, attempt)));
  }

  /** The latest answer an earlier attempt produced (and maybe posted), if any. */
  async priorAnswer(taskId: string): Promise<PriorAnswer | null> {
    const [row] = await this.db
      .select({ output: runs.output, model: runs.model, answerUrl: runs.answerUrl, pullRequestUrl: runs.pullRequestUrl })
      .from(runs)
      .where(and(eq(runs.taskId, taskId), isNotNull(runs.output)))
      .orderBy(desc(runs.attempt))
      .limit(1);
    return row?.output != null ? { output: row.output, model: row.model, answerUrl: row.answerUrl, pullRequestUrl: row.pullRequestUrl } : null;
  }

  async forTask(taskId: string) {
    return this.db.select().from(runs).where(eq(runs.taskId, taskId)).orderBy(runs.attempt);
  }
}
