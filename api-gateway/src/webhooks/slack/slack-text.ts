/**
 * Slack writes links, channels and special mentions in angle brackets and escapes `&`, `<` and
 * `>` (docs.slack.dev, "Formatting text for app surfaces"). The request is turned into what the
 * reader saw; user mentions (`<@U…>`) stay as they are, because the agent's own mention is one.
 * A `<` a person typed in front of `@`, `#` or `!` stays escaped (`&lt;@U…&gt;`), so typed text can
 * never pass for a real mention.
 */
export function slackText(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>\s]+)(?:\|([^>]*))?>/g, (_whole, url: string, label?: string) => (label && label !== url ? `${label} (${url})` : url))
    .replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_whole, label?: string) => label ?? '@group')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/&lt;(?![@#!])/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
