import { Lexer, type Token, type Tokens } from 'marked';
import type { AdfDocument, AdfNode } from './adf-node.js';
import { inlineToAdf } from './markdown-inline-to-adf.js';

function paragraph(content: AdfNode[]): AdfNode {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** Block types ADF allows inside a list item and a blockquote; anything else is turned into these. */
const NESTABLE = new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock']);

/** Headings, rules and tables cannot nest in ADF lists and quotes: a heading keeps its words in bold. */
function nestable(nodes: AdfNode[]): AdfNode[] {
  return nodes.flatMap((node): AdfNode[] => {
    if (NESTABLE.has(node.type)) return [node];
    if (node.type === 'heading') {
      return [paragraph((node.content ?? []).map((child) => (child.type === 'text' ? { ...child, marks: [...(child.marks ?? []), { type: 'strong' }] } : child)))];
    }
    if (node.type === 'rule') return [];
    return node.content ? nestable(node.content) : [];
  });
}

function listItem(item: Tokens.ListItem): AdfNode {
  // In a tight task list marked puts the checkbox beside the item's text rather than inside it.
  const checkbox = item.tokens.find((token) => token.type === 'checkbox');
  const content = nestable(blocksToAdf(item.tokens.filter((token) => token.type !== 'checkbox')));
  // An ADF listItem must start with a paragraph (or a code block).
  const first = content[0];
  if (!first || (first.type !== 'paragraph' && first.type !== 'codeBlock')) content.unshift(paragraph([]));
  const head = content[0];
  if (checkbox && head?.type === 'paragraph') {
    content[0] = paragraph([...inlineToAdf([checkbox]), ...(head.content ?? [])]);
  }
  return { type: 'listItem', content };
}

function list(token: Tokens.List): AdfNode {
  const content = token.items.map(listItem);
  if (!token.ordered) return { type: 'bulletList', content };
  const order = typeof token.start === 'number' && token.start > 0 ? token.start : 1;
  return { type: 'orderedList', attrs: { order }, content };
}

function tableCell(cell: Tokens.TableCell): AdfNode {
  return { type: cell.header ? 'tableHeader' : 'tableCell', content: [paragraph(inlineToAdf(cell.tokens))] };
}

function table(token: Tokens.Table): AdfNode {
  const rows = [token.header, ...token.rows].map((cells) => ({ type: 'tableRow', content: cells.map(tableCell) }));
  return { type: 'table', content: rows };
}

function blockToAdf(token: Token): AdfNode[] {
  switch (token.type) {
    case 'space':
    case 'def':
      return [];
    case 'heading': {
      const content = inlineToAdf(token.tokens ?? []);
      const level = Math.min(Math.max(Number(token.depth), 1), 6);
      return [{ type: 'heading', attrs: { level }, ...(content.length > 0 ? { content } : {}) }];
    }
    case 'paragraph':
      return [paragraph(inlineToAdf(token.tokens ?? []))];
    case 'text':
      // The text of a tight list item, which may itself hold inline tokens.
      return [paragraph(inlineToAdf([token]))];
    case 'code': {
      const text = String(token.text);
      return [
        {
          type: 'codeBlock',
          ...(typeof token.lang === 'string' && token.lang !== '' ? { attrs: { language: token.lang } } : {}),
          ...(text === '' ? {} : { content: [{ type: 'text', text }] }),
        },
      ];
    }
    case 'list':
      return [list(token as Tokens.List)];
    case 'blockquote':
      return [{ type: 'blockquote', content: nestable(blocksToAdf(token.tokens ?? [])) }];
    case 'hr':
      return [{ type: 'rule' }];
    case 'table':
      return [table(token as Tokens.Table)];
    default:
      // Raw HTML and anything marked adds later: keep the words as a paragraph.
      if (!('text' in token) || typeof token.text !== 'string' || token.text.trim() === '') return [];
      return [paragraph(inlineToAdf([{ type: 'text', raw: token.raw, text: token.text }]))];
  }
}

function blocksToAdf(tokens: readonly Token[]): AdfNode[] {
  return tokens.flatMap(blockToAdf);
}

/**
 * Markdown (CommonMark + GFM, as agents write it) as an ADF document for Jira's v3 API:
 * paragraphs, headings, bullet and ordered lists, code blocks, quotes, rules, tables, and inline
 * code, bold, italic, strikethrough and links.
 */
export function markdownToAdf(markdown: string): AdfDocument {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  const content = blocksToAdf(tokens);
  return { type: 'doc', version: 1, content: content.length > 0 ? content : [paragraph([])] };
}
