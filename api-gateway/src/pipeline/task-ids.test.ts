import { TaskIdSchema } from '@swe-ai-fleet/contracts';
import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createTaskIds } from './task-ids.js';

describe('createTaskIds', () => {
  it('makes valid, distinct task ids that carry their time, across pool refills', () => {
    const at = Date.UTC(2026, 10, 21, 8, 0, 0);
    const next = createTaskIds(() => at);
    const ids = Array.from({ length: 1_000 }, () => next());
    expect(new Set(ids).size).toBe(1_000);
    for (const id of ids) expect(TaskIdSchema.parse(id)).toBe(id);
    expect(decodeTime((ids[999] ?? '').slice('task-'.length))).toBe(at);
  });

  it('spreads the random part over the whole alphabet', () => {
    const next = createTaskIds();
    const characters = new Set(Array.from({ length: 200 }, () => next().slice(-16)).join(''));
    expect(characters.size).toBe(32);
  });
});
