import type { AgentCatalog } from './agent-catalog.js';

/** The answer to `help` (or a bare mention), in Markdown: what each command does and the options. */
export function renderHelp(catalog: AgentCatalog, options: { mention: string; runners: string[] }): string {
  const commands = catalog
    .list()
    .flatMap((agent) => agent.commands.map((command) => ({ command, agent })))
    .sort((a, b) => a.command.localeCompare(b.command));
  const lines = commands.map(({ command, agent }) => {
    const pr = agent.opens_pull_request ? ' Opens a draft pull request with its changes.' : '';
    return `- \`${options.mention} ${command} <request>\`: ${agent.description}${pr}`;
  });
  return [
    `Mention me with a command and a request, for example \`${options.mention} ask why does the login test fail?\``,
    '',
    ...lines,
    `- \`${options.mention} help\`: this message.`,
    '',
    `Text without a known command goes to \`ask\`. Options go right after the command: ` +
      `\`--runner=<name>\` picks the agent runtime (${options.runners.map((name) => `\`${name}\``).join(', ')}), ` +
      `\`--agent=<name>\` picks another agent (${catalog.names.map((name) => `\`${name}\``).join(', ')}).`,
    '',
    'Tasks in one thread run one at a time, in order, and each sees the earlier questions and answers.',
  ].join('\n');
}
