import { describe, expect, it } from 'vitest';
import { traceparentFor } from './traceparent.js';

const SHAPE = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

describe('traceparentFor', () => {
  it("continues the caller's trace under a new span", () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const result = traceparentFor(incoming);
    expect(result).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(result).not.toBe(incoming);
  });

  it('starts a new sampled trace without valid context', () => {
    for (const header of [undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
      const result = traceparentFor(header);
      expect(result).toMatch(SHAPE);
      expect(result.endsWith('-01')).toBe(true);
      expect(result).not.toContain('00000000000000000000000000000000');
    }
  });
});
