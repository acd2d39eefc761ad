import type { CommandSnapshot } from './command-catalog.js';

export interface HelpRequest {
  /** How a command is written on this provider: `@agent`, `/agent`, a Slack bot mention. */
  invocation: string;
  /** The word that was not an enabled command, if that is why help is shown. */
  unknownCommand?: string;
}

/** Backticks would end the code span around a command; they cannot appear in a command name anyway. */
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/**
 * The help the agent posts for a `help` task, from the commands table: Markdown that GitHub,
 * Slack (mrkdwn renders backticks and dashes the same) and Jira (through jira-service) all show.
 */
export function renderHelp(snapshot: CommandSnapshot, request: HelpRequest): string {
  const lines: string[] = [];
  if (request.unknownCommand !== undefined) {
    const why = snapshot.disabled.has(request.unknownCommand) ? 'is turned off here' : 'is not a command I know';
    lines.push(`${code(request.unknownCommand)} ${why}.`, '');
  }
  lines.push(`Write ${code(`${request.invocation} <command> <request>`)}. Commands:`, '');
  for (const command of [...snapshot.enabled.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(`- ${code(`${request.invocation} ${command.name}`)}: ${command.description}`);
  }
  lines.push(
    '',
    `Without a command word the request is a question (${code('ask')}). Options go on the first line as ${code('--key=value')}, for example ${code('--runner=claude')}.`,
  );
  return lines.join('\n');
}
