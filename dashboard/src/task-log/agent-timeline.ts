import type { AgentOutputRecord } from '../api/types.js';
import type { Tone } from '../format/task-status.js';

/** One row of the agent-output timeline. A tool call carries its result, found by `tool_call_id`. */
export interface TimelineEntry {
  key: string;
  kind: AgentOutputRecord['type'];
  /** Milliseconds since the first record of the run. */
  offsetMs: number;
  timestamp: string;
  title: string;
  body: string | null;
  tone: Tone;
  /** For a tool call: its result, and how long the tool took. */
  result?: { body: string | null; durationMs: number; failed: boolean };
}

const TITLES: Record<AgentOutputRecord['type'], string> = {
  task_started: 'Started',
  thinking: 'Thinking',
  tool_call: 'Tool call',
  tool_result: 'Tool result',
  message: 'Message',
  error: 'Error',
  usage: 'Usage',
};

const TONES: Record<AgentOutputRecord['type'], Tone> = {
  task_started: 'info',
  thinking: 'neutral',
  tool_call: 'info',
  tool_result: 'neutral',
  message: 'success',
  error: 'danger',
  usage: 'neutral',
};

/**
 * Turns `04-agent-output.jsonl` into a timeline people can read: records in time order, each
 * tool result folded into the call that asked for it, offsets from the start of the run.
 */
export function buildAgentTimeline(records: readonly AgentOutputRecord[]): TimelineEntry[] {
  const ordered = records
    .map((record, index) => ({ record, index, at: Date.parse(record.timestamp) }))
    // Stable: records written in the same millisecond keep their file order.
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const start = ordered[0]?.at ?? 0;
  const calls = new Map<string, TimelineEntry>();
  const entries: TimelineEntry[] = [];
  for (const { record, index, at } of ordered) {
    if (record.type === 'tool_result' && record.tool_call_id) {
      const call = calls.get(record.tool_call_id);
      if (call && !call.result) {
        const measured = record.details?.duration_ms;
        // The runner's own measure when it gives one; the gap between the two records otherwise.
        const durationMs = typeof measured === 'number' ? measured : at - Date.parse(call.timestamp);
        call.result = { body: record.content ?? null, durationMs, failed: isFailure(record) };
        continue;
      }
    }
    const entry: TimelineEntry = {
      key: `${index}`,
      kind: record.type,
      offsetMs: at - start,
      timestamp: record.timestamp,
      title: titleOf(record),
      body: bodyOf(record),
      tone: record.type === 'tool_result' && isFailure(record) ? 'danger' : TONES[record.type],
    };
    if (record.type === 'tool_call' && record.tool_call_id) calls.set(record.tool_call_id, entry);
    entries.push(entry);
  }
  return entries;
}

function titleOf(record: AgentOutputRecord): string {
  if ((record.type === 'tool_call' || record.type === 'tool_result') && record.tool) return `${TITLES[record.type]} · ${record.tool}`;
  return TITLES[record.type];
}

function bodyOf(record: AgentOutputRecord): string | null {
  if (record.type === 'tool_call') return record.input === undefined ? (record.content ?? null) : stringify(record.input);
  if (record.type === 'usage' && !record.content && record.details) return stringify(record.details);
  return record.content ?? null;
}

/** Runners mark a failed tool result in `details` (`is_error` in the Anthropic and OpenAI shapes, or `error`). */
function isFailure(record: AgentOutputRecord): boolean {
  const details = record.details ?? {};
  return details.is_error === true || details.error === true || typeof details.error === 'string';
}

/** Tool inputs are small objects; one argument that is a string reads best on its own. */
export function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1 && typeof entries[0]?.[1] === 'string') return `${entries[0][0]}: ${entries[0][1]}`;
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** Long tool output is cut for the timeline; the full text is one click away. */
export function truncate(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  return { text: `${text.slice(0, max).trimEnd()}…`, truncated: true };
}
