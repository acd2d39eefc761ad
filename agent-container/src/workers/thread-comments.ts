/** The gateway ignores comments carrying `<!-- swe-ai-fleet`, so the platform never answers itself. */
export const taskMarker = (taskId: string) => `<!-- swe-ai-fleet:task=${taskId} -->`;

/** GitHub's limit for a comment body is 65,536 characters; the marker and a note need room. */
const MAX_TEXT = 64_000;

function fit(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  return `${text.slice(0, MAX_TEXT)}\n\n_(answer cut at ${MAX_TEXT.toLocaleString('en-US')} characters)_`;
}

/** The answer comment: the model's final text and the hidden task marker. */
export function answerComment(taskId: string, text: string): string {
  const body = text.trim() === '' ? '_The agent finished without writing an answer._' : fit(text.trim());
  return `${body}\n\n${taskMarker(taskId)}`;
}

/** The comment that says a task failed, and why. */
export function failureComment(taskId: string, cause: string, dashboardUrl: string | undefined): string {
  // The dashboard routes on the hash (`#/tasks/<id>`); appending keeps a path prefix it is served under.
  const link = dashboardUrl ? `\n\n[Task log](${dashboardUrl.replace(/\/+$/, '')}/#/tasks/${taskId})` : '';
  return `:warning: I could not complete this request.\n\n**Cause:** ${fit(cause)}${link}\n\n${taskMarker(taskId)}`;
}
