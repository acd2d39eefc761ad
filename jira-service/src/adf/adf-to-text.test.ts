import { describe, expect, it } from 'vitest';
import { adfToText } from './adf-to-text.js';

describe('adfToText', () => {
  it('reads the reference example description', () => {
    expect(adfToText({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Main order flow broken' }] }] })).toBe(
      'Main order flow broken',
    );
  });

  it('gives nothing for a missing description', () => {
    expect(adfToText(null)).toBe('');
    expect(adfToText(undefined)).toBe('');
  });

  it('writes quotes, nested lists, tables, task lists and inline nodes as text', () => {
    const text = adfToText({
      type: 'doc',
      content: [
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a quote' }] }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'outer' }] },
                { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'inner' }] }] }] },
              ],
            },
          ],
        },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'h1' }] }] }, { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'h2' }] }] }] },
            { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'c1' }] }] }, { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'c2' }] }] }] },
          ],
        },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { state: 'DONE' }, content: [{ type: 'text', text: 'shipped' }] }] },
        {
          type: 'panel',
          attrs: { panelType: 'info' },
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'status', attrs: { text: 'BLOCKED' } },
                { type: 'text', text: ' ' },
                { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
                { type: 'hardBreak' },
                { type: 'inlineCard', attrs: { url: 'https://example.com/card' } },
                { type: 'date', attrs: { timestamp: '1700000000000' } },
              ],
            },
          ],
        },
        { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'abc', type: 'file', collection: '', alt: 'screenshot.png' } }] },
        { type: 'rule' },
      ],
    });
    expect(text).toBe(
      [
        '> a quote',
        '- outer\n  - inner',
        'h1 | h2\nc1 | c2',
        '- [x] shipped',
        '[BLOCKED] 😄\nhttps://example.com/card2023-11-14',
        '[attachment: screenshot.png]',
        '---',
      ].join('\n\n'),
    );
  });
});
