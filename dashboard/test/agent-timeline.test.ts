import { describe, expect, it } from 'vitest';
import type { AgentOutputRecord } from '../src/api/types.js';
import { buildAgentTimeline, stringify, truncate } from '../src/task-log/agent-timeline.js';
import { describeDetails } from '../src/task-log/describe-details.js';
import { type LogClock, logStart } from '../src/task-log/log-start.js';

const TASK = 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W';
const at = (ms: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, 0) + ms).toISOString();
const record = (ms: number, fields: Omit<AgentOutputRecord, 'timestamp' | 'task_id'>): AgentOutputRecord => ({ timestamp: at(ms), task_id: TASK, ...fields });

describe('buildAgentTimeline', () => {
  it('folds each tool result into its call, with how long the tool took', () => {
    const timeline = buildAgentTimeline([
      record(0, { type: 'task_started', content: 'agent coder on vllm' }),
      record(1_000, { type: 'tool_call', tool: 'read_file', tool_call_id: 'c1', input: { path: 'ci.yml' } }),
      record(1_250, { type: 'tool_result', tool: 'read_file', tool_call_id: 'c1', content: 'jobs: ...' }),
      record(4_000, { type: 'message', content: 'Fixed.' }),
    ]);
    expect(timeline.map((entry) => [entry.kind, entry.offsetMs, entry.title])).toEqual([
      ['task_started', 0, 'Started'],
      ['tool_call', 1_000, 'Tool call · read_file'],
      ['message', 4_000, 'Message'],
    ]);
    expect(timeline[1]).toMatchObject({ body: 'path: ci.yml', result: { body: 'jobs: ...', durationMs: 250, failed: false } });
  });

  it("prefers the runner's own measure of a tool's duration", () => {
    const [call] = buildAgentTimeline([
      record(0, { type: 'tool_call', tool: 'list_files', tool_call_id: 'c1', input: { path: '.' } }),
      record(40, { type: 'tool_result', tool: 'list_files', tool_call_id: 'c1', content: 'README.md', details: { is_error: false, duration_ms: 12 } }),
    ]);
    expect(call?.result).toEqual({ body: 'README.md', durationMs: 12, failed: false });
  });

  it('puts records in time order, keeping file order within one millisecond', () => {
    const timeline = buildAgentTimeline([
      record(2_000, { type: 'message', content: 'second' }),
      record(1_000, { type: 'thinking', content: 'first' }),
      record(2_000, { type: 'message', content: 'third' }),
    ]);
    expect(timeline.map((entry) => entry.body)).toEqual(['first', 'second', 'third']);
    expect(timeline.map((entry) => entry.offsetMs)).toEqual([0, 1_000, 1_000]);
  });

  it('keeps a result whose call is unknown, and marks failed tools and errors in red', () => {
    const timeline = buildAgentTimeline([
      record(0, { type: 'tool_call', tool: 'run', tool_call_id: 'c1', input: { command: 'npm test' } }),
      record(10, { type: 'tool_result', tool: 'run', tool_call_id: 'c1', content: 'exit 1', details: { is_error: true } }),
      record(20, { type: 'tool_result', tool: 'run', tool_call_id: 'orphan', content: 'late' }),
      record(30, { type: 'error', content: 'wall time limit reached' }),
    ]);
    expect(timeline[0]?.result).toMatchObject({ failed: true });
    expect(timeline.slice(1).map((entry) => [entry.kind, entry.tone])).toEqual([
      ['tool_result', 'neutral'],
      ['error', 'danger'],
    ]);
  });

  it('shows usage details when a usage record has no text', () => {
    const [usage] = buildAgentTimeline([record(0, { type: 'usage', details: { input_tokens: 120, output_tokens: 30 } })]);
    expect(usage?.body).toBe('{\n  "input_tokens": 120,\n  "output_tokens": 30\n}');
  });

  it('is empty for no records', () => {
    expect(buildAgentTimeline([])).toEqual([]);
  });
});

describe('text helpers', () => {
  it('stringify prints one string argument plainly and anything else as JSON', () => {
    expect(stringify('ls')).toBe('ls');
    expect(stringify({ path: 'src' })).toBe('path: src');
    expect(stringify({ path: 'src', depth: 2 })).toBe('{\n  "path": "src",\n  "depth": 2\n}');
    expect(stringify(undefined)).toBe('undefined');
  });

  it('truncate cuts long text and says so', () => {
    expect(truncate('short', 10)).toEqual({ text: 'short', truncated: false });
    expect(truncate('a long line of output', 7)).toEqual({ text: 'a long…', truncated: true });
  });

  it('describeDetails lists non-empty details, compacting and cutting long values', () => {
    expect(describeDetails({ event: 'issue_comment', empty: '', none: null, nested: { a: 1 }, long: 'x'.repeat(100) }, 10)).toEqual([
      'event: issue_com…',
      'nested: {"a":1}',
      'long: xxxxxxxxx…',
    ]);
    expect(describeDetails(undefined)).toEqual([]);
  });
});

describe('logStart', () => {
  const detail = (metadata: string | null, firstStage: string | null, received: string): LogClock => ({
    task: { received_at: received },
    log: { metadata: metadata ? { created_at: metadata } : null, webhook_flow: firstStage ? [{ timestamp: firstStage }] : [] },
  });

  it('counts from the earliest of the log creation, the first webhook stage and the reception', () => {
    expect(logStart(detail(at(5), at(7), at(9)))).toBe(Date.parse(at(5)));
    // The gateway logs `received` a few milliseconds before it writes metadata.json.
    expect(logStart(detail(at(5), at(4), at(5)))).toBe(Date.parse(at(4)));
    expect(logStart(detail(null, null, at(9)))).toBe(Date.parse(at(9)));
    expect(logStart(detail('garbage', null, at(9)))).toBe(Date.parse(at(9)));
    expect(logStart(detail(null, null, 'garbage'))).toBeNaN();
  });
});
