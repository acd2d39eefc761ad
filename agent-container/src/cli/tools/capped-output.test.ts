import { describe, expect, it } from 'vitest';
import { CappedOutput, capText } from './capped-output.js';

describe('CappedOutput', () => {
  it('keeps everything under the cap', () => {
    const output = new CappedOutput(100);
    output.push('hello ');
    output.push(Buffer.from('world'));
    expect(output.toString()).toBe('hello world');
    expect(output.truncated).toBe(false);
  });

  it('keeps the head and the tail of a long output, across many chunks', () => {
    const output = new CappedOutput(20);
    for (let i = 0; i < 100; i++) output.push(String(i % 10));
    expect(output.totalBytes).toBe(100);
    expect(output.toString()).toBe('0123456789\n[... 80 bytes omitted ...]\n0123456789');
  });

  it('cuts a single large string the same way', () => {
    expect(capText(`AAAA${'x'.repeat(1000)}ZZZZ`, 8)).toBe('AAAA\n[... 1000 bytes omitted ...]\nZZZZ');
  });
});
