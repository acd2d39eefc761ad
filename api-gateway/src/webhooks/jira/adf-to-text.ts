import { z } from 'zod';

/** An Atlassian Document Format node (developer.atlassian.com, "Atlassian Document Format"). */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: AdfNode[];
}

export const AdfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z
    .object({
      type: z.string(),
      text: z.string().optional(),
      attrs: z.record(z.string(), z.unknown()).optional(),
      marks: z.array(z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() }).loose()).optional(),
      content: z.array(AdfNodeSchema).optional(),
    })
    .loose(),
);

export interface MentionRendering {
  /** The account id of the platform's Jira user, whose mention is the agent's. */
  botAccountId: string | undefined;
  /** What the agent's mention becomes in the text (AGENT_MENTION). */
  agentMention: string;
}

/** Nodes that sit inside a paragraph; a container of only these is rendered on one line. */
const INLINE = new Set(['text', 'mention', 'hardBreak', 'emoji', 'inlineCard', 'status', 'date', 'mediaInline', 'inlineExtension']);

/** Deep documents are refused rather than recursed without end. */
const MAX_DEPTH = 64;

const attr = (node: AdfNode, name: string) => (typeof node.attrs?.[name] === 'string' ? (node.attrs[name] as string) : undefined);

/**
 * ADF to the Markdown-like text the rest of intake reads: the bot's mention becomes the agent's
 * mention, other mentions their display text, code stays fenced and quotes stay quoted (so a
 * mention inside them is not an address), links their URL. Unknown nodes keep their text.
 */
export function adfToText(document: AdfNode, mentions: MentionRendering): string {
  const inline = (nodes: AdfNode[] | undefined, depth: number): string => (nodes ?? []).map((node) => render(node, depth + 1)).join('');
  const blocks = (nodes: AdfNode[] | undefined, depth: number, separator = '\n\n'): string =>
    (nodes ?? [])
      .map((node) => render(node, depth + 1))
      .filter((text) => text !== '')
      .join(separator);
  const prefixLines = (text: string, prefix: string) => text.split('\n').map((line) => `${prefix}${line}`).join('\n');

  function render(node: AdfNode, depth: number): string {
    if (depth > MAX_DEPTH) return '';
    switch (node.type) {
      case 'doc':
        return blocks(node.content, depth);
      case 'paragraph':
        return inline(node.content, depth);
      case 'text': {
        const text = node.text ?? '';
        return node.marks?.some((mark) => mark.type === 'code') ? `\`${text}\`` : text;
      }
      case 'hardBreak':
        return '\n';
      case 'mention': {
        const id = attr(node, 'id');
        if (id !== undefined && id === mentions.botAccountId) return mentions.agentMention;
        const shown = attr(node, 'text') ?? '';
        return shown.startsWith('@') ? shown : `@${shown}`;
      }
      case 'emoji':
        return attr(node, 'text') ?? attr(node, 'shortName') ?? '';
      case 'inlineCard':
      case 'blockCard':
      case 'embedCard':
        return attr(node, 'url') ?? '';
      case 'status':
      case 'date':
        return attr(node, 'text') ?? attr(node, 'timestamp') ?? '';
      case 'codeBlock':
        return `\`\`\`${attr(node, 'language') ?? ''}\n${inline(node.content, depth)}\n\`\`\``;
      case 'blockquote':
        return prefixLines(blocks(node.content, depth), '> ');
      case 'heading':
        return `${'#'.repeat(Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1))))} ${inline(node.content, depth)}`;
      case 'bulletList':
        return blocks(node.content, depth, '\n');
      case 'orderedList':
        return (node.content ?? []).map((item, index) => `${index + 1}. ${render(item, depth + 1).replace(/^- /, '')}`).join('\n');
      case 'listItem':
        return `- ${blocks(node.content, depth, '\n').replace(/\n/g, '\n  ')}`;
      case 'rule':
        return '---';
      case 'table':
        return blocks(node.content, depth, '\n');
      case 'tableRow':
        return `| ${(node.content ?? []).map((cell) => render(cell, depth + 1).replace(/\n/g, ' ')).join(' | ')} |`;
      case 'media':
      case 'mediaInline':
        return '[attachment]';
      default:
        if (!node.content) return node.text ?? '';
        return node.content.every((child) => INLINE.has(child.type)) ? inline(node.content, depth) : blocks(node.content, depth);
    }
  }
  return render(document, 0).trim();
}
