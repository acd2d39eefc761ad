import type { ThreadFormat } from './thread.js';

/** Slack's `&`, `<` and `>` are control characters in message text (api.slack.com/reference/surfaces/formatting#escaping). */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function inline(line: string): string {
  return escape(line)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_match, text: string, url: string) => `<${url}|${text}>`)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/__(.+?)__/g, '*$1*')
    .replace(/~~(.+?)~~/g, '~$1~');
}

/**
 * Markdown as the model writes it, turned into Slack mrkdwn: bold, strike, links and headings
 * change; code blocks and inline code stay as they are (only escaped), since Slack renders them.
 */
export function markdownToMrkdwn(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        inFence = !inFence;
        return line.replace(/^(\s*```)\S*$/, '$1');
      }
      if (inFence) return escape(line);
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) return `*${inline(heading[1] ?? '').replace(/^\*(.*)\*$/, '$1')}*`;
      const bullet = /^(\s*)[-*]\s+(.*)$/.exec(line);
      if (bullet) return `${bullet[1] ?? ''}• ${inline(bullet[2] ?? '')}`;
      return inline(line);
    })
    .join('\n');
}

/** Slack mrkdwn; the gateway recognizes the bot's own messages by its user id. */
export const slackFormat: ThreadFormat = {
  // slack-service splits long texts into thread replies; past this the text goes out as a file.
  maxChars: 36_000,
  fromMarkdown: markdownToMrkdwn,
  marker: () => '',
};
