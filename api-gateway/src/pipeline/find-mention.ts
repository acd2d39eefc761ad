export interface MentionMatch {
  /** Where the mention starts in the text. */
  index: number;
  /** The text written after the mention: the request. */
  after: string;
}

function blank(segment: string): string {
  return segment.replace(/[^\n]/g, ' ');
}

/**
 * Blanks out the parts of a Markdown text where a mention is quoted rather than addressed: fenced
 * and inline code, and block quotes (GitHub's "Quote reply" would otherwise re-trigger the agent on
 * every reply to a mention). Lengths are kept, so indexes in the result point into the original.
 */
export function maskQuotedMarkdown(text: string): string {
  return text
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm, blank)
    .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, blank)
    .replace(/^[ \t]{0,3}>[^\n]*$/gm, blank);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds the first mention addressed to the agent: case-insensitive and word-bounded, so
 * `@agents`, `@agent-x` and `me@agent.io` do not count, and never inside code or a quote.
 */
export function findMention(text: string, mention: string): MentionMatch | null {
  const pattern = new RegExp(`(?<![\\w@./-])${escapeRegExp(mention)}(?![\\w-])`, 'iu');
  const found = pattern.exec(maskQuotedMarkdown(text));
  if (!found) return null;
  return { index: found.index, after: text.slice(found.index + found[0].length) };
}

/** The earliest of several spellings of the mention (`@agent`, the Slack bot's `<@U…>`, ...). */
export function findFirstMention(text: string, mentions: readonly string[]): MentionMatch | null {
  let first: MentionMatch | null = null;
  for (const mention of mentions) {
    if (mention === '') continue;
    const found = findMention(text, mention);
    if (found && (first === null || found.index < first.index)) first = found;
  }
  return first;
}
