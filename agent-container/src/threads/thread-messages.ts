import type { ThreadFormat } from './thread.js';

/** Everything a message of one task needs: the provider's format, the task, the dashboard. */
export interface MessageContext {
  format: ThreadFormat;
  taskId: string;
  dashboardUrl?: string;
}

/** The dashboard routes on the hash (`#/tasks/<id>`); appending keeps a path prefix it is served under. */
export function taskUrl(taskId: string, dashboardUrl: string | undefined): string | null {
  return dashboardUrl ? `${dashboardUrl.replace(/\/+$/, '')}/#/tasks/${taskId}` : null;
}

function render(context: MessageContext, markdown: string, link: string): string {
  const url = taskUrl(context.taskId, context.dashboardUrl);
  const footer = url ? `\n\n[${link}](${url})` : '';
  const marker = context.format.marker(context.taskId);
  return `${context.format.fromMarkdown(`${markdown}${footer}`)}${marker ? `\n\n${marker}` : ''}`;
}

function fit(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n\n_(cut at ${maxChars.toLocaleString('en-US')} characters; the whole text is in the task log)_`;
}

/**
 * The first status message. It never changes for a task: the acknowledgement and the agent worker
 * both post it under one Idempotency-Key, so whichever comes second gets the same message back.
 */
export function statusMessage(context: MessageContext, command: string): string {
  return render(context, `👀 On it: working on this \`${command}\` request.`, 'Follow the task');
}

export function progressMessage(context: MessageContext, step: number, activity: string): string {
  return render(context, `⏳ Working on it (step ${step}): ${activity}`, 'Follow the task');
}

/** The answer: the model's text, and the draft pull request when one was opened. */
export function answerMessage(context: MessageContext, text: string, pullRequestUrl?: string | null): string {
  const body = text.trim() === '' ? '_The agent finished without writing an answer._' : fit(text.trim(), context.format.maxChars);
  const pull = pullRequestUrl ? `\n\n---\n🔀 I pushed my changes and opened a draft pull request: ${pullRequestUrl}` : '';
  return render(context, `${body}${pull}`, 'Task log');
}

export function failureMessage(context: MessageContext, cause: string): string {
  return render(context, `⚠️ I could not complete this request.\n\n**Cause:** ${fit(cause, 4000)}`, 'Task log');
}
