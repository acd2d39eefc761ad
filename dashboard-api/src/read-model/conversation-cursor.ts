import { z } from 'zod';
import type { ConversationCursor } from './conversation-queries.js';

const CursorSchema = z.tuple([z.iso.datetime(), z.string().min(1).max(500)]);

/** Opaque to callers: base64url of `[last_at, key]`. */
export function encodeConversationCursor(cursor: ConversationCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastAt, cursor.key])).toString('base64url');
}

export function decodeConversationCursor(text: string): ConversationCursor | null {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { lastAt: parsed.data[0], key: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
