import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { agentEnvironment } from '../vllm/agent-environment.js';

/** Claude Code's built-in tools for each platform tool an agent definition names. */
const CLAUDE_TOOLS: Readonly<Record<string, readonly string[]>> = {
  list_files: ['Glob'],
  read_file: ['Read'],
  search_files: ['Grep'],
  run_command: ['Bash'],
  write_file: ['Write'],
  edit_file: ['Edit'],
};

/** The Claude Code tools an agent gets; a platform tool with no counterpart gives none. */
export function claudeTools(tools: readonly string[]): string[] {
  return [...new Set(tools.flatMap((tool) => CLAUDE_TOOLS[tool] ?? []))];
}

export interface ClaudeArgsInput {
  model: string | undefined;
  tools: readonly string[];
  maxSteps: number;
  systemPromptFile: string;
}

/**
 * `claude -p` reading the prompt from stdin, printing stream-json. The agent gets exactly its
 * tools (`--tools`), pre-approved (`--allowedTools`) with anything else refused rather than
 * asked (`dontAsk`: nobody is there to answer). Settings, hooks and MCP servers of the
 * repository or the home directory are not loaded (`--setting-sources ''`,
 * `--strict-mcp-config`): the run is configured here and nowhere else. The platform's system
 * prompt is appended to Claude Code's own, which explains its tools.
 */
export function claudeArgs(input: ClaudeArgsInput): string[] {
  const tools = claudeTools(input.tools).join(',');
  return [
    '-p',
    '--output-format',
    'stream-json',
    '--verbose',
    ...(input.model ? ['--model', input.model] : []),
    '--tools',
    tools,
    ...(tools ? ['--allowedTools', tools] : []),
    '--permission-mode',
    'dontAsk',
    '--setting-sources',
    '',
    '--strict-mcp-config',
    '--no-session-persistence',
    '--max-turns',
    String(input.maxSteps),
    '--append-system-prompt-file',
    input.systemPromptFile,
  ];
}

export interface ClaudeEnvironmentInput {
  parentEnv: Record<string, string | undefined>;
  home: string;
  tmp: string;
  /** What ANTHROPIC_BASE_URL holds: the origin of a Messages API, without `/v1`. */
  baseUrl: string;
  maxRetries: number;
  commandTimeoutMs: number;
  toolOutputBytes: number;
}

/**
 * The agent environment plus Claude Code's own settings, none of them secret. The API key is
 * not here: it goes on file descriptor 3 (CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR), so neither the
 * CLI's environment nor that of the commands it runs ever holds it.
 */
export function claudeEnvironment(input: ClaudeEnvironmentInput): Record<string, string> {
  return {
    ...agentEnvironment(input.parentEnv, { home: input.home, tmp: input.tmp }),
    ANTHROPIC_BASE_URL: input.baseUrl,
    CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR: '3',
    // No telemetry, error reporting, auto-update or feedback calls: the endpoint is the only host it talks to.
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_MAX_RETRIES: String(input.maxRetries),
    BASH_DEFAULT_TIMEOUT_MS: String(input.commandTimeoutMs),
    BASH_MAX_TIMEOUT_MS: String(input.commandTimeoutMs),
    BASH_MAX_OUTPUT_LENGTH: String(input.toolOutputBytes),
  };
}

const isFile = (file: string, minBytes = 1) => {
  try {
    return statSync(file).size >= minBytes;
  } catch {
    return false;
  }
};

/**
 * The native `claude` binary of the installed `@anthropic-ai/claude-code`. Its postinstall copies
 * the platform package's binary over `bin/claude.exe`, a small placeholder script until then;
 * npm here runs no install scripts, so the platform package (an optional dependency) is used
 * directly when the placeholder is still there.
 */
export function installedClaudeExecutable(): string | null {
  const require = createRequire(import.meta.url);
  let wrapperDir: string;
  try {
    wrapperDir = path.dirname(require.resolve('@anthropic-ai/claude-code/package.json'));
  } catch {
    return null;
  }
  const copied = path.join(wrapperDir, 'bin', 'claude.exe');
  if (isFile(copied, 1024 * 1024)) return copied;
  const arch = process.arch;
  for (const variant of [`${process.platform}-${arch}`, `${process.platform}-${arch}-musl`]) {
    try {
      const dir = path.dirname(require.resolve(`@anthropic-ai/claude-code-${variant}/package.json`, { paths: [wrapperDir] }));
      if (isFile(path.join(dir, 'claude'))) return path.join(dir, 'claude');
    } catch {
      // Not installed for this variant; try the next.
    }
  }
  return null;
}
