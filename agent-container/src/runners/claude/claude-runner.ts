import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunInput, RunResult, Runner } from '../runner.js';
import { type AgentProcessExit, AgentProcesses, notStarted } from '../sandbox/agent-process.js';
import type { RunAs } from '../sandbox/run-as.js';
import type { TokenPrices } from '../sandbox/token-prices.js';
import { claudeArgs, claudeEnvironment } from './claude-command.js';
import { claudeCost, claudeOutcome } from './claude-outcome.js';
import { settleRun } from './settle-run.js';
import { StreamJsonTranslator } from './stream-json-translator.js';

export interface ClaudeRunnerOptions {
  /** The `claude` executable (the native binary of `@anthropic-ai/claude-code`); null when not installed. */
  executable: string | null;
  /** Anthropic Messages API origin, without `/v1` (Anthropic's, or vLLM's `/v1/messages`). */
  baseUrl: string;
  /** Sent on file descriptor 3; a server that checks no key gets a placeholder. */
  apiKey?: string;
  /** Unset means the agent definition's model, or else Claude Code's default. */
  model?: string;
  /** Retries of one API request inside Claude Code. */
  maxRetries: number;
  /** Used when Claude Code has no price for the model (see claudeCost). */
  prices: TokenPrices;
  /** Where PATH, LANG and TZ come from (main passes process.env); nothing else is copied. */
  parentEnv: Record<string, string | undefined>;
  runAs?: RunAs;
  /** Between SIGTERM to the process group and SIGKILL. @defaultValue 2000 */
  killGraceMs?: number;
}

/** Claude Code, when the endpoint checks no key (a local vLLM): it refuses to start without one. */
const PLACEHOLDER_KEY = 'no-key-configured';

/**
 * The `claude` runner: Claude Code in print mode (`claude -p --output-format stream-json
 * --verbose`), pointed at the configured Messages API endpoint, run in the sandbox every runner
 * shares (own process group, allowlisted environment, output cap, wall time, optional uid).
 * Its stream-json lines become runner events; its result line the run's result.
 */
export class ClaudeRunner implements Runner {
  readonly name = 'claude';
  private readonly processes = new AgentProcesses();

  constructor(private readonly options: ClaudeRunnerOptions) {}

  async available(): Promise<boolean> {
    if (!this.options.executable) return false;
    return access(this.options.executable, constants.X_OK).then(
      () => true,
      () => false,
    );
  }

  killAll(): void {
    this.processes.killAll();
  }

  async run(input: RunInput): Promise<RunResult> {
    const model = input.agent.model ?? this.options.model;
    const translator = new StreamJsonTranslator({ toolOutputBytes: input.limits.toolOutputBytes });
    const settle = (exit: AgentProcessExit) =>
      settleRun({
        cli: 'Claude Code',
        input,
        exit,
        translator,
        fallbackModel: model ?? 'unknown',
        outcome: (result) => claudeOutcome(result, input.limits.maxSteps),
        cost: (tokens, result) => claudeCost(result, tokens, this.options.prices),
      });
    const { executable } = this.options;
    if (!executable) return settle(notStarted('the claude executable was not found (install @anthropic-ai/claude-code or set CLAUDE_RUNNER_PATH)'));

    // A file rather than an argument: a long system prompt would pass the kernel's 128 KiB limit.
    const systemPromptFile = path.join(input.tmpDir, 'claude-system-prompt.md');
    await writeFile(systemPromptFile, input.systemPrompt, { mode: 0o600 });
    const exit = await this.processes.run(
      {
        file: executable,
        args: claudeArgs({ model, tools: input.agent.tools, maxSteps: input.limits.maxSteps, systemPromptFile }),
        env: claudeEnvironment({
          parentEnv: this.options.parentEnv,
          home: input.homeDir,
          tmp: input.tmpDir,
          baseUrl: this.options.baseUrl,
          maxRetries: this.options.maxRetries,
          commandTimeoutMs: input.limits.commandTimeoutMs,
          toolOutputBytes: input.limits.toolOutputBytes,
        }),
        stdin: input.prompt,
        secretFd3: this.options.apiKey ?? PLACEHOLDER_KEY,
        cwd: input.workdir,
        runAs: this.options.runAs,
        ownedDirs: [input.workdir, input.homeDir, input.tmpDir],
        timeoutMs: input.limits.timeoutMs,
        maxOutputBytes: input.limits.maxOutputBytes,
        killGraceMs: this.options.killGraceMs ?? 2000,
        signal: input.signal,
      },
      (raw) => {
        for (const event of translator.translate(raw)) input.onEvent(event);
      },
    );
    return settle(exit);
  }
}
