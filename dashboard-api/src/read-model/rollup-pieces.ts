const DAY_MS = 86_400_000;

/** Where one piece of a range is read: whole UTC days from the roll-up, the rest from the tasks. */
export interface Piece {
  /** Which bucket of the answer the piece belongs to. */
  slot: number;
  source: 'rollup' | 'tasks';
  /** [from, to), epoch ms */
  from: number;
  to: number;
}

/**
 * Splits [from, to) into the whole UTC days inside it (read from the roll-up) and what is left at
 * either end (read from the tasks, by the received_at index). A range of local days in a time
 * zone other than UTC has no whole UTC day in it: it is all read from the tasks.
 */
export function piecesOf(slot: number, from: number, to: number): Piece[] {
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(to / DAY_MS) * DAY_MS;
  if (firstDay >= lastDay) return [{ slot, source: 'tasks', from, to }];
  const pieces: Piece[] = [];
  if (from < firstDay) pieces.push({ slot, source: 'tasks', from, to: firstDay });
  pieces.push({ slot, source: 'rollup', from: firstDay, to: lastDay });
  if (lastDay < to) pieces.push({ slot, source: 'tasks', from: lastDay, to });
  return pieces;
}

export { DAY_MS };
