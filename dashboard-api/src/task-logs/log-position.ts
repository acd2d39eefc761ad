import { z } from 'zod';

/** The four JSONL parts of a task log, which grow while the task runs. */
export const JSONL_PARTS = ['webhook_flow', 'queue_flow', 'agent_output', 'microservices_flow'] as const;
export type JsonlPart = (typeof JSONL_PARTS)[number];

/** How far each JSONL part has been read, in bytes: where a live tail goes on from. */
export type LogPosition = Record<JsonlPart, number>;

const offset = z.number().int().nonnegative();
const PositionSchema = z.tuple([offset, offset, offset, offset]);

export function startOfLog(): LogPosition {
  return { webhook_flow: 0, queue_flow: 0, agent_output: 0, microservices_flow: 0 };
}

/** Opaque to callers: base64url of the four offsets, in JSONL_PARTS order. */
export function encodeLogPosition(position: LogPosition): string {
  return Buffer.from(JSON.stringify(JSONL_PARTS.map((part) => position[part]))).toString('base64url');
}

/** null when the text is not a position this API wrote. */
export function decodeLogPosition(text: string): LogPosition | null {
  try {
    const parsed = PositionSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const [webhook_flow, queue_flow, agent_output, microservices_flow] = parsed.data;
    return { webhook_flow, queue_flow, agent_output, microservices_flow };
  } catch {
    return null;
  }
}
