import { randomInt } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh `task-<ULID>`-shaped id (random, not time-ordered: tests order by received_at). */
export function newTaskId(): string {
  let ulid = String(randomInt(0, 8)); // a ULID's first character is 0-7
  for (let i = 1; i < 26; i += 1) ulid += CROCKFORD[randomInt(0, 32)];
  return `task-${ulid}`;
}
