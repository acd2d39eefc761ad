const FENCE = '```';
const CLOSE_FENCE = `\n${FENCE}`;
/** A fence line longer than this is reopened as a bare fence, so the reopening stays small. */
const MAX_REOPEN_LINE = 40;

/** The line that opened a code fence still open at the end of `text`, or null when none is. */
function openFenceAtEnd(text: string): string | null {
  let open: string | null = null;
  for (const line of text.split('\n')) {
    if (!line.trimStart().startsWith(FENCE)) continue;
    open = open === null ? line.trimStart() : null;
  }
  return open;
}

/** Where to end a piece of at most `limit` characters: a paragraph, a line, a word, or anywhere. */
function findCut(text: string, limit: number): { end: number; skip: number } {
  // Only separators in the second half count, so no piece is left tiny.
  const floor = Math.floor(limit / 2);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = text.lastIndexOf(separator, limit);
    if (at >= floor) return { end: at, skip: separator.length };
  }
  let end = limit;
  const last = text.charCodeAt(end - 1);
  // Never split a surrogate pair (an emoji would turn into two broken characters).
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { end, skip: 0 };
}

/**
 * Splits `text` into pieces of at most `maxChars` characters, at paragraph breaks where it can,
 * then line breaks, then spaces. A code block cut in two is closed at the end of one piece and
 * reopened at the start of the next, so each piece renders on its own.
 */
export function splitText(text: string, maxChars: number): string[] {
  if (maxChars < 2 * (FENCE.length + MAX_REOPEN_LINE + 2)) throw new Error(`maxChars ${maxChars} is too small to split safely`);
  const pieces: string[] = [];
  let rest = text;
  let reopen = '';
  while (rest.length > 0) {
    const budget = maxChars - reopen.length;
    if (rest.length <= budget) {
      pieces.push(reopen + rest);
      break;
    }
    const { end, skip } = findCut(rest, budget - CLOSE_FENCE.length);
    let piece = reopen + rest.slice(0, end);
    rest = rest.slice(end + skip);
    const fence = openFenceAtEnd(piece);
    if (fence !== null) {
      piece = `${piece.trimEnd()}${CLOSE_FENCE}`;
      reopen = `${fence.length <= MAX_REOPEN_LINE ? fence : FENCE}\n`;
    } else {
      reopen = '';
    }
    if (piece.trim().length > 0) pieces.push(piece);
  }
  return pieces;
}
