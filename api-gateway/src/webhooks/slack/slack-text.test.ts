import { describe, expect, it } from 'vitest';
import { slackText } from './slack-text.js';

describe('slackText', () => {
  it('shows links, channels and group mentions as the reader saw them', () => {
    expect(slackText('<@U0LAN0Z89> see <https://ci.example.com/run/1|the run> in <#C123ABC456|builds> <!here>')).toBe(
      '<@U0LAN0Z89> see the run (https://ci.example.com/run/1) in #builds @here',
    );
    expect(slackText('<https://example.com> and <mailto:a@b.io|a@b.io> <!subteam^S0614TZR7|@oncall>')).toBe('https://example.com and a@b.io @oncall');
  });

  it('decodes entities, but a typed bracket never becomes a mention', () => {
    expect(slackText('if a &lt; b &amp;&amp; c &gt; d, ask &lt;@U0LAN0Z89&gt;')).toBe('if a < b && c > d, ask &lt;@U0LAN0Z89>');
  });
});
