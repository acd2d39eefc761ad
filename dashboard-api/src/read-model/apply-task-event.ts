import type { TaskEvent } from '@swe-ai-fleet/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/rows-of.js';
import { ROLLUP_INPUTS, rollupDelta } from './rollup-delta.js';
import { statusRank } from './status-rank.js';

/** What applying one event did to the read model. */
export type ApplyOutcome =
  /** The event set the task's current state (or created the row). */
  | 'applied'
  /** A newer state was already recorded: the event only filled fields still unknown. */
  | 'stale'
  /** This event id was applied before: nothing changed. */
  | 'duplicate';

/** The event that set the stored state wins unless this one ranks higher, or equal and later. */
const NEWER = '(excluded.status_rank, excluded.state_at) >= (t.status_rank, t.state_at)';
/** The event moves the state on (not the same state again). */
const STRICTLY_NEWER = '(excluded.status_rank, excluded.state_at) > (t.status_rank, t.state_at)';

/** Identity and state columns: taken from the newer event only. */
const STATE_COLUMNS = ['status', 'status_rank', 'state_at', 'provider', 'command', 'author', 'text', 'conversation_key', 'received_at'];
/**
 * Facts learnt along the way: the newer event's value when it has one; an older event only
 * fills what is still unknown (a late task_started can add its started_at, never its status).
 */
const KNOWN_FACT_COLUMNS = ['repository', 'agent', 'runner', 'model', 'started_at', 'finished_at', 'input_tokens', 'output_tokens', 'cost_usd'];
/**
 * The outcome: a newer final event states it whole (a success carries no error); before a final
 * state, as facts. Once the stored state is final, an older event adds nothing to it, so an
 * earlier failure that arrives (or is replayed) after the success never brings its error back.
 */
const OUTCOME_COLUMNS = ['result', 'error'];

function assignments(): SQL {
  const parts = [
    ...STATE_COLUMNS.map((c) => `${c} = CASE WHEN ${NEWER} THEN excluded.${c} ELSE t.${c} END`),
    ...KNOWN_FACT_COLUMNS.map(
      (c) => `${c} = CASE WHEN ${NEWER} THEN coalesce(excluded.${c}, t.${c}) ELSE coalesce(t.${c}, excluded.${c}) END`,
    ),
    ...OUTCOME_COLUMNS.map(
      (c) =>
        `${c} = CASE WHEN ${NEWER} AND excluded.status_rank = 2 THEN excluded.${c} ` +
        `WHEN ${NEWER} THEN coalesce(excluded.${c}, t.${c}) WHEN t.status_rank = 2 THEN t.${c} ELSE coalesce(t.${c}, excluded.${c}) END`,
    ),
    `links = CASE WHEN ${NEWER} AND jsonb_array_length(excluded.links) > 0 THEN excluded.links ` +
      `WHEN jsonb_array_length(t.links) = 0 THEN excluded.links ELSE t.links END`,
    // When the stored state last moved on: the same state again (a replay, past the dedupe's retention) leaves it.
    `updated_at = CASE WHEN ${STRICTLY_NEWER} THEN now() ELSE t.updated_at END`,
  ];
  return sql.raw(parts.join(',\n  '));
}

/** The advisory-lock key space of task ids (a fixed number of our choosing: 'task'). */
const TASK_LOCK_SPACE = 0x74_61_73_6b;

/** Postgres keeps microseconds, JavaScript milliseconds: store what a cursor can name exactly. */
function toMillis(timestamp: string | undefined): string | null {
  return timestamp === undefined ? null : new Date(timestamp).toISOString();
}

/**
 * Applies one task event to `dashboard.tasks`, idempotently (the event id is recorded in the
 * same transaction) and order-safely (see `NEWER`), so the queue may redeliver and reorder. In
 * the same statement the analytics roll-up loses the task's old contribution and gains its new one.
 */
export async function applyTaskEvent(db: Database, event: TaskEvent): Promise<ApplyOutcome> {
  return db.transaction(async (tx) => {
    const claimed = rowsOf(
      await tx.execute(sql`
        INSERT INTO dashboard.processed_events (event_id, task_id) VALUES (${event.event_id}, ${event.task_id})
        ON CONFLICT (event_id) DO NOTHING RETURNING event_id`),
      z.object({ event_id: z.string() }),
    );
    if (claimed.length === 0) return 'duplicate';

    const rank = statusRank(event.status);
    const stateAt = toMillis(event.timestamp);
    const repository = event.repository ? `${event.repository.owner}/${event.repository.name}` : null;
    // Events of one task are applied one at a time (whichever transaction comes second waits here),
    // so the row read below is the one this event changes, even while the task's row does not exist yet.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${TASK_LOCK_SPACE}, hashtext(${event.task_id}))`);
    const stored = rowsOf(
      await tx.execute(sql`
        WITH old AS (
          SELECT ${sql.raw(ROLLUP_INPUTS)} FROM dashboard.tasks WHERE id = ${event.task_id}
        ),
        up AS (
          INSERT INTO dashboard.tasks AS t (
            id, status, status_rank, state_at, provider, command, author, text, conversation_key, received_at,
            repository, agent, runner, model, started_at, finished_at, input_tokens, output_tokens, cost_usd,
            result, error, links
          ) VALUES (
            ${event.task_id}, ${event.status}, ${rank}, ${stateAt}::timestamptz, ${event.provider}, ${event.command},
            ${JSON.stringify(event.author)}::jsonb, ${event.text}, ${event.conversation_key},
            ${toMillis(event.received_at)}::timestamptz, ${repository}, ${event.agent ?? null}, ${event.runner ?? null},
            ${event.model ?? null}, ${toMillis(event.started_at)}::timestamptz, ${toMillis(event.finished_at)}::timestamptz,
            ${event.usage?.input_tokens ?? null}::integer, ${event.usage?.output_tokens ?? null}::integer,
            ${event.usage?.cost_usd ?? null}::numeric, ${event.result ?? null}, ${event.error ?? null},
            ${JSON.stringify(event.links)}::jsonb
          )
          ON CONFLICT (id) DO UPDATE SET
            ${assignments()}
          RETURNING ${sql.raw(ROLLUP_INPUTS)},
            (t.status_rank = ${rank} AND t.state_at = ${stateAt}::timestamptz) AS applied, (t.xmax = 0) AS inserted
        ),
        ${rollupDelta()}
        SELECT applied, inserted FROM up`),
      z.object({ applied: z.boolean(), inserted: z.boolean() }),
    );
    const state = stored[0];
    if (!state) throw new Error(`upsert of ${event.task_id} returned no row`);
    // A conversation counts each of its tasks once: only the event that created the row adds it.
    if (state.inserted) {
      await tx.execute(sql`
        INSERT INTO dashboard.conversations AS c (key, provider, repository, first_task_id, first_at, last_at, task_count)
        VALUES (${event.conversation_key}, ${event.provider}, ${repository}, ${event.task_id},
                ${toMillis(event.received_at)}::timestamptz, ${toMillis(event.received_at)}::timestamptz, 1)
        ON CONFLICT (key) DO UPDATE SET
          task_count = c.task_count + 1,
          repository = coalesce(c.repository, excluded.repository),
          first_task_id = CASE WHEN excluded.first_at < c.first_at THEN excluded.first_task_id ELSE c.first_task_id END,
          first_at = least(c.first_at, excluded.first_at),
          last_at = greatest(c.last_at, excluded.last_at)`);
    }
    return state.applied ? 'applied' : 'stale';
  });
}
