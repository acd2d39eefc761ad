import { describe, expect, it } from 'vitest';
import { splitText } from './split-text.js';

const paragraph = (n: number, length: number) => `${String(n).padStart(3, '0')} ${'x'.repeat(length - 4)}`;

describe('splitText', () => {
  it('returns a short text unchanged, as one piece', () => {
    expect(splitText('hello world', 500)).toEqual(['hello world']);
  });

  it('keeps every piece within the limit and loses no words', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`);
    const pieces = splitText(words.join(' '), 500);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(500);
    expect(pieces.join(' ').split(/\s+/)).toEqual(words);
  });

  it('cuts at paragraph breaks before line breaks before spaces', () => {
    const text = [paragraph(1, 300), paragraph(2, 300), paragraph(3, 300)].join('\n\n');
    const pieces = splitText(text, 700);
    expect(pieces).toEqual([`${paragraph(1, 300)}\n\n${paragraph(2, 300)}`, paragraph(3, 300)]);
  });

  it('closes a code block at the cut and reopens it, with its language, in the next piece', () => {
    const code = Array.from({ length: 80 }, (_, i) => `const line${i} = ${i};`).join('\n');
    const pieces = splitText(`Here is the fix:\n\n\`\`\`ts\n${code}\n\`\`\`\nDone.`, 600);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(600);
      // Every piece has balanced fences, so Slack renders each code part as code.
      expect((piece.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(pieces[1]?.startsWith('```ts\n')).toBe(true);
    expect(pieces.at(-1)?.endsWith('Done.')).toBe(true);
    const lines = pieces.join('\n').split('\n').filter((line) => line.startsWith('const '));
    expect(lines).toHaveLength(80);
  });

  it('cuts a text without any whitespace hard, never inside a surrogate pair', () => {
    const text = '😀'.repeat(400);
    const pieces = splitText(text, 301);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(301);
      expect(piece).toMatch(/^(?:😀)+$/u);
    }
    expect(pieces.join('')).toBe(text);
  });
});
