import type { Token } from 'marked';
import type { AdfMark, AdfNode } from './adf-node.js';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** marked leaves HTML entities in text for an HTML renderer to pass on; ADF wants the characters. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Jira refuses a link mark it cannot open; other targets (relative, javascript:) stay plain text. */
function linkMark(href: string): AdfMark | null {
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? { type: 'link', attrs: { href } } : null;
  } catch {
    return null;
  }
}

/** ADF allows the `code` mark only together with `link`. */
function codeMarks(marks: AdfMark[]): AdfMark[] {
  return [...marks.filter((mark) => mark.type === 'link'), { type: 'code' }];
}

/** ADF text nodes must not be empty; a soft line break becomes a hardBreak, as in Jira's editor. */
function textNodes(text: string, marks: AdfMark[]): AdfNode[] {
  const nodes: AdfNode[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) nodes.push({ type: 'hardBreak' });
    if (line !== '') nodes.push(marks.length > 0 ? { type: 'text', text: line, marks } : { type: 'text', text: line });
  });
  return nodes;
}

function withMark(marks: AdfMark[], mark: AdfMark | null): AdfMark[] {
  if (!mark || marks.some((existing) => existing.type === mark.type)) return marks;
  return [...marks, mark];
}

/** Inline Markdown tokens (text, emphasis, code spans, links, breaks) as ADF inline nodes. */
export function inlineToAdf(tokens: readonly Token[], marks: AdfMark[] = []): AdfNode[] {
  const nodes: AdfNode[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'strong':
        nodes.push(...inlineToAdf(token.tokens ?? [], withMark(marks, { type: 'strong' })));
        break;
      case 'em':
        nodes.push(...inlineToAdf(token.tokens ?? [], withMark(marks, { type: 'em' })));
        break;
      case 'del':
        nodes.push(...inlineToAdf(token.tokens ?? [], withMark(marks, { type: 'strike' })));
        break;
      case 'codespan':
        nodes.push(...textNodes(String(token.text), codeMarks(marks)).filter((node) => node.type === 'text'));
        break;
      case 'link':
        nodes.push(...inlineToAdf(token.tokens ?? [], withMark(marks, linkMark(String(token.href)))));
        break;
      case 'image':
        // Images need an upload to Jira's media store; the alt text links to the picture instead.
        nodes.push(...textNodes(String(token.text || token.href), withMark(marks, linkMark(String(token.href)))));
        break;
      case 'br':
        nodes.push({ type: 'hardBreak' });
        break;
      case 'checkbox':
        nodes.push(...textNodes(token.checked === true ? '[x] ' : '[ ] ', marks));
        break;
      case 'escape':
      case 'html':
        nodes.push(...textNodes(String(token.text), marks));
        break;
      case 'text':
        if (token.tokens && token.tokens.length > 0) nodes.push(...inlineToAdf(token.tokens, marks));
        else nodes.push(...textNodes(decodeEntities(String(token.text)), marks));
        break;
      default:
        if ('text' in token && typeof token.text === 'string') nodes.push(...textNodes(decodeEntities(token.text), marks));
    }
  }
  return nodes;
}
