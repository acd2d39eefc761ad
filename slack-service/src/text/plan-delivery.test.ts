import { describe, expect, it } from 'vitest';
import { planDelivery, planTruncated } from './plan-delivery.js';

const lines = (count: number) => Array.from({ length: count }, (_, i) => `line ${i} ${'-'.repeat(90)}`).join('\n');

describe('planDelivery', () => {
  it('sends a text that fits into a few messages as those messages', () => {
    const text = lines(25);
    const plan = planDelivery(text, { maxChars: 1000, maxMessages: 3 });
    expect(plan.kind).toBe('messages');
    if (plan.kind === 'messages') {
      expect(plan.parts).toHaveLength(3);
      expect(plan.parts.join('\n')).toBe(text);
    }
  });

  it('turns a text needing more messages into a preview plus the whole text as a snippet', () => {
    const text = lines(100);
    const plan = planDelivery(text, { maxChars: 1000, maxMessages: 3 });
    expect(plan).toMatchObject({ kind: 'snippet', content: text });
    if (plan.kind === 'snippet') {
      expect(plan.preview.length).toBeLessThanOrEqual(1000);
      expect(plan.preview).toContain('line 0 ');
      expect(plan.preview).toContain(`full text (${text.length.toLocaleString('en-US')} characters) is attached`);
    }
  });
});

describe('planTruncated', () => {
  it('keeps at most maxMessages parts and says how much it cut', () => {
    const text = lines(100);
    const { parts, truncated } = planTruncated(text, { maxChars: 1000, maxMessages: 2 });
    expect(truncated).toBe(true);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1000);
    expect(parts[1]).toMatch(/more characters were cut to fit Slack's limits/);
  });

  it('leaves a text that fits alone', () => {
    expect(planTruncated('short', { maxChars: 1000, maxMessages: 2 })).toEqual({ parts: ['short'], truncated: false });
  });
});
