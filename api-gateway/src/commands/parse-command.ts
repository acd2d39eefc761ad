export interface ParsedCommand {
  /** A command word from the catalog. */
  command: string;
  /** `--key=value` options from the command line, keys lowercased. */
  options: Record<string, string>;
  /** The request without the command word and options. */
  text: string;
  /** Whether the command was written, fell back to a default, or was a word the catalog does not offer. */
  matched: 'command_word' | 'default' | 'unknown_command';
  /** The word that looked like a command but is not an enabled one (`matched: 'unknown_command'`). */
  unknownCommand?: string;
}

export interface CommandDefaults {
  /** Used when the first word is not a known command. */
  fallback: string;
  /** Used when nothing follows the mention. */
  bare: string;
  /**
   * Used when the request is a command the catalog does not offer: a disabled command, or a lone
   * command-like word (`@agent deploy`). Without it such requests go to `fallback` like any text.
   */
  unknown?: string;
  /** Commands that exist but are disabled; naming one is an unknown command, whatever follows. */
  disabled?: ReadonlySet<string>;
}

/** A lone word written like a command name: letters, digits, `-` and `_`, no punctuation (`why?` is a question). */
const COMMAND_LIKE = /^[a-z][a-z0-9_-]{0,31}$/i;

const MAX_OPTIONS = 20;
const MAX_OPTION_VALUE = 200;
const OPTION = /(^|\s)--([A-Za-z][\w-]{0,31})=(?:"([^"\n]*)"|'([^'\n]*)'|(\S+))(?=\s|$)/g;

function extractOptions(line: string): { rest: string; options: Record<string, string> } {
  const options: Record<string, string> = {};
  let count = 0;
  const rest = line.replace(OPTION, (whole, lead: string, key: string, doubleQuoted?: string, singleQuoted?: string, bare?: string) => {
    const value = doubleQuoted ?? singleQuoted ?? bare ?? '';
    if (count >= MAX_OPTIONS || value.length > MAX_OPTION_VALUE) return whole;
    count += 1;
    options[key.toLowerCase()] = value;
    return lead;
  });
  return { rest, options };
}

/**
 * Parses what follows the mention: `<command> <text> --key=value`. Only the first line is the
 * command line, so flags inside a pasted log or code block further down stay part of the text.
 * An unknown first word is not an error: the whole text goes to the fallback command.
 */
export function parseCommand(afterMention: string, commands: ReadonlySet<string>, defaults: CommandDefaults): ParsedCommand {
  const request = afterMention.replace(/^[\s,:;]+/, '');
  const newline = request.indexOf('\n');
  const firstLine = newline === -1 ? request : request.slice(0, newline);
  const laterLines = newline === -1 ? '' : request.slice(newline + 1);
  const { rest, options } = extractOptions(firstLine);
  const commandLine = rest.replace(/[ \t]+/g, ' ').trim();

  const firstWord = /^\S+/.exec(commandLine)?.[0] ?? '';
  const candidate = firstWord.replace(/[:,.!?]+$/, '').toLowerCase();
  const known = candidate !== '' && commands.has(candidate);
  const remainder = known ? commandLine.slice(firstWord.length).trim() : commandLine;
  const text = [remainder, laterLines].filter((part) => part.trim() !== '').join('\n').trim();

  if (known) return { command: candidate, options, text, matched: 'command_word' };
  if (defaults.unknown !== undefined && candidate !== '') {
    const disabled = defaults.disabled?.has(candidate) ?? false;
    const loneWord = commandLine === firstWord && laterLines.trim() === '' && COMMAND_LIKE.test(firstWord);
    if (disabled || loneWord) return { command: defaults.unknown, options, text, matched: 'unknown_command', unknownCommand: candidate };
  }
  return { command: text === '' ? defaults.bare : defaults.fallback, options, text, matched: 'default' };
}
