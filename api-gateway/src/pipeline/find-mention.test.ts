import { describe, expect, it } from 'vitest';
import { findFirstMention, findMention } from './find-mention.js';

describe('findMention', () => {
  it('finds the mention case-insensitively and returns what follows', () => {
    expect(findMention('Hey @Agent fix the flaky login test', '@agent')).toEqual({ index: 4, after: ' fix the flaky login test' });
  });

  it('matches only the whole word', () => {
    expect(findMention('@agents fix it', '@agent')).toBeNull();
    expect(findMention('@agent-smith fix it', '@agent')).toBeNull();
    expect(findMention('mail me@agent.io', '@agent')).toBeNull();
    expect(findMention('(@agent), fix it', '@agent')?.after).toBe('), fix it');
    expect(findMention('@agent: fix it', '@agent')?.after).toBe(': fix it');
  });

  it('ignores mentions in code and block quotes', () => {
    expect(findMention('run `@agent fix` to start', '@agent')).toBeNull();
    expect(findMention('```\n@agent fix\n```\n', '@agent')).toBeNull();
    expect(findMention('~~~sh\n@agent fix\n', '@agent')).toBeNull();
    expect(findMention('> @agent fix the test\n\nthanks!', '@agent')).toBeNull();
  });

  it('finds a mention after a quote or a code block', () => {
    const text = '> @agent fix the test\n\n```\n@agent nope\n```\n@agent review this';
    expect(findMention(text, '@agent')?.after).toBe(' review this');
  });

  it('treats a configured mention literally', () => {
    expect(findMention('hi <@U123ABC> ask why', '<@U123ABC>')?.after).toBe(' ask why');
    expect(findMention('hi @a.b fix', '@a.b')?.after).toBe(' fix');
    expect(findMention('hi @axb fix', '@a.b')).toBeNull();
  });

  it('finds the earliest of several spellings', () => {
    expect(findFirstMention('<@U0LAN0Z89> fix it, @agent', ['@agent', '<@U0LAN0Z89>'])).toEqual({ index: 0, after: ' fix it, @agent' });
    expect(findFirstMention('thanks @swe-ai-fleet plan it', ['@agent', '@swe-ai-fleet'])?.after).toBe(' plan it');
    expect(findFirstMention('no one here', ['@agent', ''])).toBeNull();
  });
});
