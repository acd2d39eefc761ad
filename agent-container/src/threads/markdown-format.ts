import type { ThreadFormat } from './thread.js';

/** GitHub-flavoured Markdown with the hidden marker the gateway ignores (`<!-- swe-ai-fleet`). */
export const githubFormat: ThreadFormat = {
  // GitHub's limit for a comment body is 65,536 characters.
  maxChars: 64_000,
  fromMarkdown: (markdown) => markdown,
  marker: (taskId) => `<!-- swe-ai-fleet:task=${taskId} -->`,
};

/** jira-service turns Markdown into Atlassian Document Format; comments are recognized by their author. */
export const jiraFormat: ThreadFormat = {
  // Jira's comment body limit is 32,767 characters (jira-service checks it).
  maxChars: 30_000,
  fromMarkdown: (markdown) => markdown,
  marker: () => '',
};

/** Sentry renders Markdown in issue comments; sentry-service takes at most 20,000 characters. */
export const sentryFormat: ThreadFormat = {
  maxChars: 19_000,
  fromMarkdown: (markdown) => markdown,
  marker: () => '',
};
