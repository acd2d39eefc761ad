import { and, desc, eq, gt, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { conversationTurns as turns } from '../db/schema.js';

export interface TurnInput {
  taskId: string;
  conversationKey: string;
  receivedAt: string;
  command: string;
  author: string;
  question: string;
}

export type Claim = { proceed: true } | { proceed: false; waitingFor: string; firstWait: boolean };

export interface PastTurn {
  taskId: string;
  command: string;
  author: string;
  question: string;
  answer: string;
  receivedAt: Date;
}

const leaseUntil = (leaseMs: number) => sql`now() + ${leaseMs} * interval '1 millisecond'`;
/** (received_at, task_id) orders a conversation: the gateway's reception time, then the ULID. */
const before = (receivedAt: string, taskId: string) => sql`(${turns.receivedAt}, ${turns.taskId}) < (${receivedAt}::timestamptz, ${taskId})`;

/**
 * `agent.conversation_turns`: the order of a conversation's tasks, who may run now, and the
 * questions and answers so far. Decisions are made under a transaction-scoped advisory lock on the
 * conversation key, so two workers never both decide they are next. Times are the database's, so
 * workers with skewed clocks agree on leases.
 */
export class ConversationStore {
  constructor(private readonly db: Database) {}

  /**
   * Registers the task and tells whether it may run now: no other task of its conversation is
   * running, and no earlier one is waiting, each with a live lease. A task that may run holds the
   * conversation (status running) until `finish` or `hold`, renewing its lease while it works.
   * `queued` are the conversation's tasks in the queue now; they are registered too (as waiting),
   * so an earlier one whose worker has not claimed yet still goes first.
   */
  async claim(turn: TurnInput, leaseMs: number, queued: TurnInput[] = []): Promise<Claim> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${turn.conversationKey}, 0))`);
      // The task itself, and the tasks of its conversation seen in the queue that may not have claimed yet.
      const known = [turn, ...queued.filter((other) => other.conversationKey === turn.conversationKey && other.taskId !== turn.taskId)];
      await tx
        .insert(turns)
        .values(known.map((entry) => ({ ...entry, receivedAt: new Date(entry.receivedAt), status: 'pending', leaseUntil: leaseUntil(leaseMs) })))
        .onConflictDoNothing();
      const [blocker] = await tx
        .select({ taskId: turns.taskId })
        .from(turns)
        .where(
          and(
            eq(turns.conversationKey, turn.conversationKey),
            ne(turns.taskId, turn.taskId),
            gt(turns.leaseUntil, sql`now()`),
            or(eq(turns.status, 'running'), and(eq(turns.status, 'pending'), before(turn.receivedAt, turn.taskId))),
          ),
        )
        .orderBy(turns.receivedAt, turns.taskId)
        .limit(1);
      if (!blocker) {
        await tx.update(turns).set({ status: 'running', leaseUntil: leaseUntil(leaseMs), waitingFor: null }).where(eq(turns.taskId, turn.taskId));
        return { proceed: true };
      }
      const [mine] = await tx.select({ waitingFor: turns.waitingFor }).from(turns).where(eq(turns.taskId, turn.taskId));
      await tx.update(turns).set({ status: 'pending', leaseUntil: leaseUntil(leaseMs), waitingFor: blocker.taskId }).where(eq(turns.taskId, turn.taskId));
      return { proceed: false, waitingFor: blocker.taskId, firstWait: mine?.waitingFor !== blocker.taskId };
    });
  }

  /** A running task keeps its place. */
  async renew(taskId: string, leaseMs: number): Promise<void> {
    await this.db.update(turns).set({ leaseUntil: leaseUntil(leaseMs) }).where(and(eq(turns.taskId, taskId), eq(turns.status, 'running')));
  }

  /** The attempt ended without finishing the task (a retry follows, or a shutdown handed it back): later tasks keep waiting. */
  async hold(taskId: string, leaseMs: number): Promise<void> {
    await this.db.update(turns).set({ status: 'pending', leaseUntil: leaseUntil(leaseMs) }).where(eq(turns.taskId, taskId));
  }

  /** The task is done; a succeeded task's answer joins the history (null keeps it out, as for `help`). */
  async finish(taskId: string, outcome: { status: 'succeeded'; answer: string | null } | { status: 'failed' }): Promise<void> {
    await this.db
      .update(turns)
      .set({ status: outcome.status, answer: outcome.status === 'succeeded' ? outcome.answer : null, finishedAt: sql`now()`, waitingFor: null })
      .where(eq(turns.taskId, taskId));
  }

  /** The conversation's answered questions before this task, oldest first, at most `limit`. */
  async history(turn: Pick<TurnInput, 'taskId' | 'conversationKey' | 'receivedAt'>, limit: number): Promise<PastTurn[]> {
    const rows = await this.db
      .select({ taskId: turns.taskId, command: turns.command, author: turns.author, question: turns.question, answer: turns.answer, receivedAt: turns.receivedAt })
      .from(turns)
      .where(and(eq(turns.conversationKey, turn.conversationKey), eq(turns.status, 'succeeded'), isNotNull(turns.answer), before(turn.receivedAt, turn.taskId)))
      .orderBy(desc(turns.receivedAt), desc(turns.taskId))
      .limit(limit);
    return rows.reverse().map((row) => ({ ...row, answer: row.answer ?? '' }));
  }
}
