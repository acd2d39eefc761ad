import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { claudeCost, claudeOutcome } from '../../../src/runners/claude/claude-outcome.js';
import { StreamJsonTranslator, type TranslatorOptions } from '../../../src/runners/claude/stream-json-translator.js';
import { QWEN_API_ERROR, qwenOutcome } from '../../../src/runners/qwen/qwen-outcome.js';
import type { RunnerEvent } from '../../../src/runners/runner.js';

/**
 * Streams recorded from the real CLIs (claude 2.1.329, qwen-code 0.24.4) by
 * test/fixtures/record-streams.mjs, read back line by line as the runners read them.
 */
async function translate(fixture: string, options: Partial<TranslatorOptions> = {}) {
  let clock = 1_000;
  const translator = new StreamJsonTranslator({ toolOutputBytes: 64 * 1024, now: () => (clock += 250), ...options });
  const text = await readFile(new URL(`../../fixtures/${fixture}`, import.meta.url), 'utf8');
  const events: RunnerEvent[] = [];
  for (const line of text.split('\n').filter((raw) => raw.trim() !== '')) events.push(...translator.translate(line));
  return { translator, events };
}
const prices = { inputPerMTok: 1, outputPerMTok: 2 };

describe('Claude Code stream-json (recorded)', () => {
  it('maps thinking, text, tool calls and their results, and the totals', async () => {
    const { translator, events } = await translate('claude-2.1.329-tools.jsonl');
    expect(events).toEqual([
      { type: 'thinking', content: 'I should list the files.' },
      { type: 'message', content: 'Let me look.' },
      { type: 'tool_call', id: 'toolu_01ls', name: 'Bash', input: { command: 'ls -a', description: 'List files' } },
      { type: 'tool_result', id: 'toolu_01ls', name: 'Bash', output: '.\n..', isError: false, durationMs: 250 },
      { type: 'tool_call', id: 'toolu_02read', name: 'Read', input: { file_path: '/workspace/work/missing.txt' } },
      {
        type: 'tool_result',
        id: 'toolu_02read',
        name: 'Read',
        output: 'File does not exist. Note: your current working directory is /workspace/work.',
        isError: true,
        durationMs: 250,
      },
      { type: 'message', content: 'The directory is empty.' },
      { type: 'usage', inputTokens: 3000, outputTokens: 600 },
    ]);
    expect(translator.model).toBe('claude-sonnet-4-5');
    const result = translator.result;
    if (!result) throw new Error('no result line');
    expect(claudeOutcome(result, 10)).toEqual({ success: true, output: 'The directory is empty.', error: null, retryable: false });
    // Claude Code knows Sonnet 4.5's list price: its own cost wins over the configured one.
    expect(claudeCost(result, { input: 3000, output: 600 }, prices)).toBeCloseTo(0.018, 9);
  });

  it('turns the API error message into an error event and a failure worth retrying', async () => {
    const { translator, events } = await translate('claude-2.1.329-overloaded.jsonl');
    expect(events).toEqual([
      { type: 'error', message: expect.stringMatching(/^API Error: 529 Overloaded/) },
      { type: 'usage', inputTokens: 0, outputTokens: 0 },
    ]);
    const result = translator.result;
    if (!result) throw new Error('no result line');
    const outcome = claudeOutcome(result, 10);
    expect(outcome).toMatchObject({ success: false, retryable: true, error: expect.stringMatching(/^API Error: 529/) });
    expect(translator.reportedErrors.has(outcome.error ?? '')).toBe(true);
  });

  it('reads the step limit, and prices a model Claude Code has no price for at the configured prices', async () => {
    const { translator } = await translate('claude-2.1.329-max-turns.jsonl');
    const result = translator.result;
    if (!result) throw new Error('no result line');
    expect(claudeOutcome(result, 2)).toEqual({ success: false, output: '', error: 'stopped after 2 steps without a final answer', retryable: false });
    // The recorded result says $0.016 with costBasis "unknown": a guess, not used.
    expect(result.total_cost_usd).toBe(0.016);
    expect(claudeCost(result, { input: 2000, output: 400 }, prices)).toBeCloseTo((2000 * 1 + 400 * 2) / 1_000_000, 12);
    expect(translator.seenUsage()).toEqual({ input: 2000, output: 2, steps: 2 });
  });
});

describe('qwen-code stream-json (recorded)', () => {
  it('maps the same events from qwen-code, whose result has usage and no cost', async () => {
    const { translator, events } = await translate('qwen-0.24.4-tools.jsonl', { apiErrorText: QWEN_API_ERROR });
    expect(events).toEqual([
      { type: 'thinking', content: 'I should list the files.' },
      { type: 'message', content: 'Let me look.' },
      { type: 'tool_call', id: 'call_01ls', name: 'run_shell_command', input: { command: 'ls -a', description: 'List files' } },
      { type: 'tool_result', id: 'call_01ls', name: 'run_shell_command', output: '.  ..', isError: false, durationMs: 250 },
      { type: 'tool_call', id: 'call_02read', name: 'read_file', input: { file_path: '/workspace/work/missing.txt' } },
      { type: 'tool_result', id: 'call_02read', name: 'read_file', output: 'File not found: /workspace/work/missing.txt', isError: true, durationMs: 250 },
      { type: 'message', content: 'The directory is empty.' },
      { type: 'usage', inputTokens: 3000, outputTokens: 600 },
    ]);
    expect(translator.model).toBe('stand-in-coder');
    const result = translator.result;
    if (!result) throw new Error('no result line');
    expect(qwenOutcome(result)).toEqual({ success: true, output: 'The directory is empty.', error: null, retryable: false });
    expect(result.total_cost_usd).toBeUndefined();
  });

  it('reports an API error as an error, not as the model talking, and a 404 as final', async () => {
    const { translator, events } = await translate('qwen-0.24.4-not-found.jsonl', { apiErrorText: QWEN_API_ERROR });
    expect(events).toEqual([
      { type: 'error', message: '[API Error: 404 status code (no body)]' },
      { type: 'usage', inputTokens: 0, outputTokens: 0 },
    ]);
    const result = translator.result;
    if (!result) throw new Error('no result line');
    expect(qwenOutcome(result)).toEqual({ success: false, output: '', error: '[API Error: 404 status code (no body)]', retryable: false });
  });
});

describe('stream-json translator', () => {
  const translator = () => new StreamJsonTranslator({ toolOutputBytes: 100 });

  it('reports a line that is not JSON, or a known line of the wrong shape, and ignores other line types', () => {
    const subject = translator();
    expect(subject.translate('Warning: something on stdout')).toEqual([{ type: 'error', message: 'unreadable line from the agent CLI: Warning: something on stdout' }]);
    expect(subject.translate('{"type":"assistant","message":{"content":"not blocks"}}')).toEqual([
      { type: 'error', message: expect.stringContaining('unexpected assistant line') },
    ]);
    expect(subject.translate('{"type":"stream_event","event":{"type":"message_start"}}')).toEqual([]);
    expect(subject.translate('{"type":"system","subtype":"hook_started"}')).toEqual([]);
  });

  it('caps a long tool result, joins text blocks, and names a result whose call it never saw', () => {
    const subject = translator();
    subject.translate(JSON.stringify({ type: 'assistant', message: { id: 'm1', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] } }));
    const [long] = subject.translate(
      JSON.stringify({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 't1', content: 'x'.repeat(1000) }] } }),
    );
    expect(long).toMatchObject({ type: 'tool_result', name: 'Bash', isError: false, output: expect.stringContaining('bytes omitted') });
    expect(long?.type === 'tool_result' && Buffer.byteLength(long.output)).toBeLessThan(200);
    const [blocks] = subject.translate(
      JSON.stringify({
        type: 'user',
        message: { content: [{ type: 'tool_result', tool_use_id: 't9', content: [{ type: 'text', text: 'a' }, { type: 'image' }], is_error: true }] },
      }),
    );
    expect(blocks).toEqual({ type: 'tool_result', id: 't9', name: 'unknown', output: 'a\n[image]', isError: true, durationMs: 0 });
  });
});
