import type { AdfDocument, AdfNode } from './adf-node.js';

function attr(node: AdfNode, name: string): string | undefined {
  const value = node.attrs?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function inlineText(nodes: readonly AdfNode[] = []): string {
  return nodes.map(inlineNodeText).join('');
}

function inlineNodeText(node: AdfNode): string {
  switch (node.type) {
    case 'text': {
      const text = node.text ?? '';
      const marks = node.marks ?? [];
      const coded = marks.some((mark) => mark.type === 'code') ? `\`${text}\`` : text;
      const href = marks.find((mark) => mark.type === 'link')?.attrs?.href;
      return typeof href === 'string' && href !== text ? `${coded} (${href})` : coded;
    }
    case 'hardBreak':
      return '\n';
    case 'mention':
      return attr(node, 'text') ?? `@${attr(node, 'id') ?? 'someone'}`;
    case 'emoji':
      return attr(node, 'text') ?? attr(node, 'shortName') ?? '';
    case 'inlineCard':
      return attr(node, 'url') ?? '';
    case 'status':
      return `[${attr(node, 'text') ?? ''}]`;
    case 'date': {
      const timestamp = Number(attr(node, 'timestamp'));
      return Number.isFinite(timestamp) ? new Date(timestamp).toISOString().slice(0, 10) : '';
    }
    case 'placeholder':
      return attr(node, 'text') ?? '';
    default:
      return node.text ?? inlineText(node.content);
  }
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? first : line === '' ? '' : rest) + line)
    .join('\n');
}

function listText(node: AdfNode, ordered: boolean): string {
  const start = Number(attr(node, 'order') ?? 1);
  return (node.content ?? [])
    .map((item, index) => {
      const marker = ordered ? `${(Number.isFinite(start) ? start : 1) + index}. ` : '- ';
      const body = blocksText(item.content, '\n');
      return indent(body, marker, ' '.repeat(marker.length));
    })
    .join('\n');
}

function blockText(node: AdfNode): string {
  switch (node.type) {
    case 'paragraph':
      return inlineText(node.content);
    case 'heading':
      return `${'#'.repeat(Number(attr(node, 'level') ?? 1))} ${inlineText(node.content)}`;
    case 'bulletList':
      return listText(node, false);
    case 'orderedList':
      return listText(node, true);
    case 'taskList':
      return (node.content ?? []).map((item) => `- [${attr(item, 'state') === 'DONE' ? 'x' : ' '}] ${inlineText(item.content)}`).join('\n');
    case 'decisionList':
      return (node.content ?? []).map((item) => `- ${inlineText(item.content)}`).join('\n');
    case 'codeBlock':
      return `\`\`\`${attr(node, 'language') ?? ''}\n${inlineText(node.content)}\n\`\`\``;
    case 'blockquote':
      return indent(blocksText(node.content), '> ', '> ');
    case 'rule':
      return '---';
    case 'table':
      return (node.content ?? []).map((row) => (row.content ?? []).map((cell) => blocksText(cell.content, ' ')).join(' | ')).join('\n');
    case 'mediaSingle':
    case 'mediaGroup':
      return (node.content ?? []).map((media) => `[attachment${attr(media, 'alt') ? `: ${attr(media, 'alt')}` : ''}]`).join('\n');
    case 'expand':
    case 'nestedExpand':
      return [attr(node, 'title'), blocksText(node.content)].filter(Boolean).join('\n');
    case 'blockCard':
    case 'embedCard':
      return attr(node, 'url') ?? '';
    default:
      // Panels, layouts and node types Jira adds later: their children carry the words.
      if (node.content) return node.content.some((child) => child.type === 'text') ? inlineText(node.content) : blocksText(node.content);
      return node.text ?? '';
  }
}

function blocksText(nodes: readonly AdfNode[] = [], separator = '\n\n'): string {
  return nodes
    .map(blockText)
    .filter((text) => text !== '')
    .join(separator);
}

/**
 * An ADF document (an issue description, a comment) as plain text for people and prompts:
 * paragraphs apart, headings, list markers, fenced code and quotes kept in a Markdown-like form,
 * link targets written out, mentions by name.
 */
export function adfToText(document: AdfDocument | AdfNode | null | undefined): string {
  if (!document) return '';
  return blocksText(document.type === 'doc' ? document.content : [document]).trim();
}
