import { z } from 'zod';

/** The last row of a page: the next page starts strictly after it in (received_at desc, id desc). */
export interface TaskCursor {
  receivedAt: string;
  id: string;
}

const CursorSchema = z.tuple([z.iso.datetime(), z.string().min(1).max(100)]);

/** Opaque to callers: base64url of `[received_at, id]`. */
export function encodeCursor(cursor: TaskCursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedAt, cursor.id])).toString('base64url');
}

/** null when the text is not a cursor this API wrote. */
export function decodeCursor(text: string): TaskCursor | null {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { receivedAt: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
