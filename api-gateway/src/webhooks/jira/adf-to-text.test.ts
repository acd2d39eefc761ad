import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findMention } from '../../pipeline/find-mention.js';
import { AdfNodeSchema, adfToText } from './adf-to-text.js';
import { wikiToText } from './wiki-to-text.js';

const BOT = '5d9b0e3f6c5a0c0db1e5a123';
const mentions = { botAccountId: BOT, agentMention: '@agent' };
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../test/fixtures/jira/${name}`, import.meta.url), 'utf8')) as { comment: { body: unknown } };

describe('adfToText', () => {
  const text = adfToText(AdfNodeSchema.parse(fixture('comment-created-adf.json').comment.body), mentions);

  it("turns the bot's mention into the agent's, and keeps what a reader sees", () => {
    expect(text).toBe(
      [
        '@agent review the rounding in `Cart.total()`',
        'see https://acme.atlassian.net/browse/SHOP-41',
        '',
        '- totals above 100',
        '- ask @Ana Ruiz',
        '',
        '```java',
        '// @agent ignore this one',
        'return round(total);',
        '```',
        '',
        '> @agent quoted, not addressed',
      ].join('\n'),
    );
  });

  it('leaves mentions in code and quotes unaddressed', () => {
    expect(findMention(text, '@agent')?.index).toBe(0);
    expect(findMention(text.slice(1), '@agent')).toBeNull();
  });

  it('renders other mentions by their display text, and stops at absurd depth', () => {
    const other = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: 'x', text: 'Bob' } }] }] };
    expect(adfToText(AdfNodeSchema.parse(other), mentions)).toBe('@Bob');
    let deep: unknown = { type: 'text', text: 'bottom' };
    for (let level = 0; level < 200; level += 1) deep = { type: 'paragraph', content: [deep] };
    expect(adfToText(AdfNodeSchema.parse({ type: 'doc', content: [deep] }), mentions)).toBe('');
  });
});

describe('wikiToText', () => {
  it("turns the bot's mention into the agent's and fences code blocks", () => {
    const body = fixture('comment-created.json').comment.body;
    expect(typeof body === 'string' ? wikiToText(body, mentions) : null).toBe(
      '@agent fix the checkout rounding error\n\n```java\n@agent do not match me in code\n```',
    );
  });

  it('quotes {quote} and bq., and names other people by account id', () => {
    expect(wikiToText('{quote}[~accountid:5d9b0e3f6c5a0c0db1e5a123] fix{quote}\nbq. again\nthanks [~accountid:abc] and {{code}}', mentions)).toBe(
      '> @agent fix\n> again\nthanks @abc and `code`',
    );
  });
});
