import { randomFillSync } from 'node:crypto';
import { ulid } from 'ulid';

/** Random bytes drawn per refill; a task id takes 16. */
const POOL_BYTES = 4_096;

/**
 * `task-<ULID>` ids. ulid's default source asks the operating system for one random byte per
 * character (16 calls per id); this one draws them from a pool of cryptographically random bytes
 * refilled 4 kB at a time, the same randomness for a fraction of the cost.
 */
export function createTaskIds(now: () => number = Date.now): () => string {
  const pool = Buffer.alloc(POOL_BYTES);
  let next = POOL_BYTES;
  const randomByte = () => {
    if (next >= POOL_BYTES) {
      randomFillSync(pool);
      next = 0;
    }
    return pool[next++] ?? 0;
  };
  return () => `task-${ulid(now(), () => randomByte() / 256)}`;
}
