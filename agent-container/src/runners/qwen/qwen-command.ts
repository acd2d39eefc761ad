import { createRequire } from 'node:module';
import { agentEnvironment } from '../vllm/agent-environment.js';

/** qwen-code's built-in tools for each platform tool an agent definition names. */
const QWEN_TOOLS: Readonly<Record<string, readonly string[]>> = {
  list_files: ['glob'],
  read_file: ['read_file'],
  search_files: ['grep_search'],
  run_command: ['run_shell_command'],
  write_file: ['write_file'],
  edit_file: ['edit'],
};

/** Tools qwen-code adds whatever `--core-tools` says: sub-agents and skills could reach past the agent's tools. */
const ALWAYS_EXCLUDED = ['agent', 'skill'];

/**
 * qwen-code's permission rules classify a shell command that writes a file (`echo > f`, `touch`)
 * as `edit` / `write_file`: an agent that may run commands needs them approved too. The tools
 * themselves stay out of `--core-tools`, so they are not offered to the model.
 */
const APPROVED_WITH: Readonly<Record<string, readonly string[]>> = { run_shell_command: ['edit', 'write_file'] };

export function qwenTools(tools: readonly string[]): string[] {
  return [...new Set(tools.flatMap((tool) => QWEN_TOOLS[tool] ?? []))];
}

export interface QwenArgsInput {
  model: string;
  /** qwen-code tool names (qwenTools). */
  tools: readonly string[];
  maxSteps: number;
  systemPrompt: string;
}

/**
 * qwen-code headless, reading the prompt from stdin and printing stream-json. `--core-tools`
 * limits the tools to the agent's, `--allowed-tools` approves them: the workspace is an
 * untrusted folder (see qwenSettings), where qwen-code asks before anything else and, with nobody
 * to answer, refuses. Its system prompt keeps qwen-code's own and appends the platform's.
 */
export function qwenArgs(input: QwenArgsInput): string[] {
  return [
    '--output-format',
    'stream-json',
    '--auth-type',
    'openai',
    '--model',
    input.model,
    ...input.tools.map((tool) => `--core-tools=${tool}`),
    ...[...new Set(input.tools.flatMap((tool) => [tool, ...(APPROVED_WITH[tool] ?? [])]))].map((tool) => `--allowed-tools=${tool}`),
    ...ALWAYS_EXCLUDED.map((tool) => `--exclude-tools=${tool}`),
    '--max-session-turns',
    String(input.maxSteps),
    '--append-system-prompt',
    input.systemPrompt,
  ];
}

/**
 * The user settings the runner writes to `$HOME/.qwen/settings.json` (HOME is the task's own).
 * Folder trust on, with the workspace not trusted: a repository's own `.qwen/settings.json`
 * (hooks, MCP servers, tool settings) is not applied. No usage statistics, telemetry or
 * auto-update: the model endpoint is the only host it talks to.
 */
export function qwenSettings(maxRetries: number): Record<string, unknown> {
  return {
    security: { folderTrust: { enabled: true } },
    model: { generationConfig: { maxRetries } },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false },
    general: { enableAutoUpdate: false },
  };
}

export interface QwenEnvironmentInput {
  parentEnv: Record<string, string | undefined>;
  home: string;
  tmp: string;
  /** OpenAI-compatible base URL, `/v1` included. */
  baseUrl: string;
  apiKey: string;
  model: string;
}

/**
 * The agent environment plus qwen-code's OpenAI settings. qwen-code reads its key from the
 * environment only (no file descriptor, no helper), and its shell tool passes the environment
 * on: on this runner the agent's commands can see the model key, and only that one.
 */
export function qwenEnvironment(input: QwenEnvironmentInput): Record<string, string> {
  return {
    ...agentEnvironment(input.parentEnv, { home: input.home, tmp: input.tmp }),
    OPENAI_BASE_URL: input.baseUrl,
    OPENAI_API_KEY: input.apiKey,
    OPENAI_MODEL: input.model,
  };
}

/** `cli-entry.js` of the installed `@qwen-code/qwen-code` (run with node), or null. */
export function installedQwenEntry(): string | null {
  try {
    return createRequire(import.meta.url).resolve('@qwen-code/qwen-code/cli-entry.js');
  } catch {
    return null;
  }
}
