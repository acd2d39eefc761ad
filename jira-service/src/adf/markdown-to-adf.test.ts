import { describe, expect, it } from 'vitest';
import type { AdfNode } from './adf-node.js';
import { adfToText } from './adf-to-text.js';
import { markdownToAdf } from './markdown-to-adf.js';

const text = (value: string, marks?: AdfNode['marks']): AdfNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });

/** Every text node in the tree, so a test can check ADF's "no empty text" rule. */
function allNodes(nodes: readonly AdfNode[]): AdfNode[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.content ?? [])]);
}

describe('markdownToAdf', () => {
  it('makes paragraphs and headings', () => {
    expect(markdownToAdf('# Title\n\nFirst paragraph.\n\nSecond one.')).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
        { type: 'paragraph', content: [text('First paragraph.')] },
        { type: 'paragraph', content: [text('Second one.')] },
      ],
    });
  });

  it('marks bold, italic, strikethrough, inline code and links', () => {
    const [paragraph] = markdownToAdf('**bold** _it_ ~~gone~~ `npm test` [docs](https://example.com/docs)').content;
    expect(paragraph?.content).toEqual([
      text('bold', [{ type: 'strong' }]),
      text(' '),
      text('it', [{ type: 'em' }]),
      text(' '),
      text('gone', [{ type: 'strike' }]),
      text(' '),
      text('npm test', [{ type: 'code' }]),
      text(' '),
      text('docs', [{ type: 'link', attrs: { href: 'https://example.com/docs' } }]),
    ]);
  });

  it('nests marks, but keeps code only with link, as ADF requires', () => {
    const [paragraph] = markdownToAdf('**bold _both_ `code`**').content;
    expect(paragraph?.content).toEqual([
      text('bold ', [{ type: 'strong' }]),
      text('both', [{ type: 'strong' }, { type: 'em' }]),
      text(' ', [{ type: 'strong' }]),
      text('code', [{ type: 'code' }]),
    ]);
  });

  it('makes bullet and ordered lists, nested, each item starting with a paragraph', () => {
    const document = markdownToAdf('- one\n- two\n  1. three\n  2. four');
    expect(document.content).toEqual([
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [text('one')] }] },
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [text('two')] },
              {
                type: 'orderedList',
                attrs: { order: 1 },
                content: [
                  { type: 'listItem', content: [{ type: 'paragraph', content: [text('three')] }] },
                  { type: 'listItem', content: [{ type: 'paragraph', content: [text('four')] }] },
                ],
              },
            ],
          },
        ],
      },
    ]);
  });

  it('keeps the number an ordered list starts at', () => {
    expect(markdownToAdf('3. three\n4. four').content[0]).toMatchObject({ type: 'orderedList', attrs: { order: 3 } });
  });

  it('makes fenced code blocks with their language and keeps the code verbatim', () => {
    expect(markdownToAdf('```ts\nconst a = 1 < 2 && b;\n```').content).toEqual([
      { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1 < 2 && b;')] },
    ]);
    expect(markdownToAdf('```\n```').content).toEqual([{ type: 'codeBlock' }]);
  });

  it('turns soft line breaks and hard breaks into hardBreak nodes', () => {
    const [paragraph] = markdownToAdf('line one\nline two  \nline three').content;
    expect(paragraph?.content).toEqual([text('line one'), { type: 'hardBreak' }, text('line two'), { type: 'hardBreak' }, text('line three')]);
  });

  it('decodes HTML entities and keeps escaped Markdown characters literal', () => {
    const [paragraph] = markdownToAdf('a &amp; b &lt;tag&gt; \\*not emphasis\\*').content;
    expect(adfToText({ type: 'doc', content: [paragraph ?? { type: 'paragraph' }] })).toBe('a & b <tag> *not emphasis*');
  });

  it('keeps quotes, rules and tables', () => {
    const document = markdownToAdf('> quoted **words**\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(document.content.map((node) => node.type)).toEqual(['blockquote', 'rule', 'table']);
    expect(document.content[0]).toEqual({
      type: 'blockquote',
      content: [{ type: 'paragraph', content: [text('quoted '), text('words', [{ type: 'strong' }])] }],
    });
    const [header, row] = document.content[2]?.content ?? [];
    expect(header?.content?.map((cell) => cell.type)).toEqual(['tableHeader', 'tableHeader']);
    expect(row?.content?.[1]).toEqual({ type: 'tableCell', content: [{ type: 'paragraph', content: [text('2')] }] });
  });

  it('drops link marks Jira would refuse, and never emits an empty text node', () => {
    const document = markdownToAdf('[local](./README.md) [x](javascript:alert(1)) ![logo](https://example.com/logo.png)\n\n- \n- [ ] task');
    const nodes = allNodes(document.content);
    expect(nodes.filter((node) => node.type === 'text' && node.text === '')).toEqual([]);
    const links = nodes.flatMap((node) => node.marks ?? []).filter((mark) => mark.type === 'link');
    expect(links).toEqual([{ type: 'link', attrs: { href: 'https://example.com/logo.png' } }]);
    expect(adfToText(document)).toContain('- [ ] task');
  });

  it('always gives Jira a non-empty document', () => {
    expect(markdownToAdf('')).toEqual({ type: 'doc', version: 1, content: [{ type: 'paragraph' }] });
  });

  it('reads back as the same words', () => {
    const markdown = '## Result\n\nFixed in `src/app.ts`.\n\n1. Ran the tests\n2. All green\n\n```sh\nnpm test\n```';
    expect(adfToText(markdownToAdf(markdown))).toBe(markdown);
  });
});
