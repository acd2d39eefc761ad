import type { RunnerEvent } from '../runners/runner.js';

const MAX_DETAIL = 80;

function detail(value: unknown): string {
  const text = typeof value === 'string' ? value.split('\n')[0] ?? '' : '';
  const cut = text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
  // Backticks inside would end the code span early.
  return cut.replace(/`/g, "'");
}

function field(input: unknown, name: string): string {
  return input !== null && typeof input === 'object' && name in input ? detail((input as Record<string, unknown>)[name]) : '';
}

/** What the agent is doing, in a few words for the status message; null for events that say nothing new. */
export function describeActivity(event: RunnerEvent): string | null {
  switch (event.type) {
    case 'thinking':
      return 'thinking';
    case 'tool_call': {
      const verbs: Record<string, [string, string]> = {
        run_command: ['running', 'command'],
        read_file: ['reading', 'path'],
        write_file: ['writing', 'path'],
        edit_file: ['editing', 'path'],
        search_files: ['searching for', 'pattern'],
        list_files: ['listing', 'path'],
      };
      const verb = verbs[event.name];
      const target = verb ? field(event.input, verb[1]) : '';
      if (verb && target) return `${verb[0]} \`${target}\``;
      return `using \`${detail(event.name)}\``;
    }
    case 'message':
      return 'writing the answer';
    case 'tool_result':
    case 'usage':
    case 'error':
      return null;
  }
}
