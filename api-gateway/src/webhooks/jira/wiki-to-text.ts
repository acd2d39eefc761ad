import type { MentionRendering } from './adf-to-text.js';

/**
 * Jira's wiki markup (what REST API v2 webhooks carry) to the Markdown-like text intake reads:
 * `[~accountid:…]` mentions become the agent's mention (for the bot) or `@accountid`, `{code}` and
 * `{noformat}` blocks become fences and `{quote}` / `bq.` become quotes, so mentions inside them
 * are not addresses. The rest stays as written.
 */
export function wikiToText(markup: string, mentions: MentionRendering): string {
  return markup
    .replace(/(?<!\{)\{(code|noformat)(?::([^}]*))?\}(?!\})([\s\S]*?)(?:\{\1\}|$)/g, (_whole, _kind: string, options: string | undefined, body: string) => {
      const language = options?.split('|')[0]?.trim() ?? '';
      return `\`\`\`${/^[\w+-]+$/.test(language) ? language : ''}\n${body.replace(/^\n|\n$/g, '')}\n\`\`\``;
    })
    .replace(/\{quote\}([\s\S]*?)(?:\{quote\}|$)/g, (_whole, body: string) =>
      body
        .replace(/^\n|\n$/g, '')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n'),
    )
    .replace(/^bq\.\s?/gm, '> ')
    .replace(/\{\{([^}]*)\}\}/g, '`$1`')
    .replace(/\[~accountid:([^\]\s]+)\]/g, (_whole, id: string) => (id === mentions.botAccountId ? mentions.agentMention : `@${id}`))
    .replace(/\[~([^\]\s]+)\]/g, '@$1');
}
