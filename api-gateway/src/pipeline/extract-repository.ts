import type { RepositoryRef } from '@swe-ai-fleet/contracts';

/**
 * `repo:owner/name` anywhere in the text, GitHub's own search syntax. Owner names follow GitHub's
 * rules (letters, digits, single hyphens, at most 39 characters); repository names allow `.`, `_`, `-`.
 */
const REPO_WORD = /(^|\s)repo:([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})(?=$|\s|[,;:!?)](?:\s|$))/;

/** Parses `owner/name`, or null when it is not one. */
export function parseRepository(value: string): RepositoryRef | null {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
  if (!match?.[1] || !match[2] || match[2] === '.' || match[2] === '..') return null;
  return { owner: match[1], name: match[2].replace(/\.git$/, '') };
}

/** The first `repo:owner/name` of the text, and the text without it. */
export function extractRepository(text: string): { repository: RepositoryRef | null; text: string } {
  const match = REPO_WORD.exec(text);
  if (!match?.[2] || !match[3]) return { repository: null, text };
  const repository = parseRepository(`${match[2]}/${match[3]}`);
  if (!repository) return { repository: null, text };
  const rest = text.slice(0, match.index) + (match[1] ?? '') + text.slice(match.index + match[0].length);
  return { repository, text: rest.replace(/[ \t]{2,}/g, ' ').trim() };
}
