import { splitText } from './split-text.js';

export interface TextLimits {
  /** Longest text of one message. */
  maxChars: number;
  /** Most messages one text may become before another form is used. */
  maxMessages: number;
}

/** How a text reaches Slack: as it is, in several messages, or as a preview plus a file snippet. */
export type DeliveryPlan = { kind: 'messages'; parts: string[] } | { kind: 'snippet'; preview: string; content: string };

/** Room kept for the notes appended below (they are well under this). */
const NOTE_ROOM = 200;

const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * A text that fits in `maxMessages` messages is split into them; a longer one becomes its first
 * part (with a note) plus the whole text as a file snippet, so Slack never truncates or refuses it.
 */
export function planDelivery(text: string, limits: TextLimits): DeliveryPlan {
  const parts = splitText(text, limits.maxChars);
  if (parts.length <= limits.maxMessages) return { kind: 'messages', parts };
  const [head = ''] = splitText(text, limits.maxChars - NOTE_ROOM);
  const preview = `${head}\n\n_The full text (${thousands(text.length)} characters) is attached below as a file._`;
  return { kind: 'snippet', preview, content: text };
}

/**
 * For places that cannot take a file (ephemeral messages, slash command responses): at most
 * `maxMessages` parts; what does not fit is cut, and the last part says how much was left out.
 */
export function planTruncated(text: string, limits: TextLimits): { parts: string[]; truncated: boolean } {
  const parts = splitText(text, limits.maxChars);
  if (parts.length <= limits.maxMessages) return { parts, truncated: false };
  const kept = parts.slice(0, limits.maxMessages - 1);
  const [last = ''] = splitText(parts[limits.maxMessages - 1] ?? '', limits.maxChars - NOTE_ROOM);
  const shown = [...kept, last].reduce((sum, part) => sum + part.length, 0);
  const omitted = Math.max(0, text.length - shown);
  kept.push(`${last}\n\n_… ${thousands(omitted)} more characters were cut to fit Slack's limits._`);
  return { parts: kept, truncated: true };
}
