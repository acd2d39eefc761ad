import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { settleRun } from '../claude/settle-run.js';
import { StreamJsonTranslator } from '../claude/stream-json-translator.js';
import type { RunInput, RunResult, Runner } from '../runner.js';
import { type AgentProcessExit, AgentProcesses, notStarted } from '../sandbox/agent-process.js';
import type { RunAs } from '../sandbox/run-as.js';
import { costAtPrices, type TokenPrices } from '../sandbox/token-prices.js';
import { qwenArgs, qwenEnvironment, qwenSettings, qwenTools } from './qwen-command.js';
import { explainQwenMissingResult, QWEN_API_ERROR, qwenOutcome } from './qwen-outcome.js';

export interface QwenRunnerOptions {
  /** How to start qwen-code: node with the package's `cli-entry.js`, or a `qwen` executable; null when not installed. */
  command: { file: string; args: readonly string[] } | null;
  /** OpenAI-compatible endpoint, `/v1` included (by default the vLLM server). */
  baseUrl: string;
  /** A server that checks no key gets a placeholder: qwen-code refuses to start without one. */
  apiKey?: string;
  /** Unset means the agent definition's model; one of the two is needed. */
  model?: string;
  /** Retries of one model request inside qwen-code. */
  maxRetries: number;
  /** qwen-code reports no cost: it is always priced at these. */
  prices: TokenPrices;
  /** Where PATH, LANG and TZ come from (main passes process.env); nothing else is copied. */
  parentEnv: Record<string, string | undefined>;
  runAs?: RunAs;
  /** Between SIGTERM to the process group and SIGKILL. @defaultValue 2000 */
  killGraceMs?: number;
}

const PLACEHOLDER_KEY = 'no-key-configured';
/** Linux refuses one argument longer than 32 pages (MAX_ARG_STRLEN); the system prompt is one. */
const MAX_ARGUMENT_BYTES = 128 * 1024 - 1;

/**
 * The `qwen` runner: qwen-code headless (`--output-format stream-json`) against the configured
 * OpenAI-compatible endpoint, in the sandbox every runner shares. Its stream-json lines follow
 * Claude Code's, so they go through the same translator.
 */
export class QwenRunner implements Runner {
  readonly name = 'qwen';
  private readonly processes = new AgentProcesses();

  constructor(private readonly options: QwenRunnerOptions) {}

  async available(): Promise<boolean> {
    if (!this.options.command) return false;
    const { file, args } = this.options.command;
    // With node, what has to exist is the script; otherwise the executable itself.
    const target = file === process.execPath && args[0] ? args[0] : file;
    return access(target, file === process.execPath ? constants.R_OK : constants.X_OK).then(
      () => true,
      () => false,
    );
  }

  killAll(): void {
    this.processes.killAll();
  }

  async run(input: RunInput): Promise<RunResult> {
    const model = input.agent.model ?? this.options.model;
    const tools = qwenTools(input.agent.tools);
    const translator = new StreamJsonTranslator({ toolOutputBytes: input.limits.toolOutputBytes, apiErrorText: QWEN_API_ERROR });
    const settle = (exit: AgentProcessExit) =>
      settleRun({
        cli: 'qwen-code',
        input,
        exit,
        translator,
        fallbackModel: model ?? 'unknown',
        outcome: qwenOutcome,
        cost: (tokens) => costAtPrices(this.options.prices, tokens),
        explainMissingResult: explainQwenMissingResult(input.limits.maxSteps),
      });
    const { command } = this.options;
    if (!command) return settle(notStarted('qwen-code was not found (install @qwen-code/qwen-code or set QWEN_RUNNER_PATH)'));
    if (!model) return settle(notStarted("no model configured (set the agent definition's model, QWEN_RUNNER_MODEL or VLLM_MODEL)"));
    if (tools.length === 0) return settle(notStarted(`none of the agent's tools (${input.agent.tools.join(', ')}) exists in qwen-code`));
    if (Buffer.byteLength(input.systemPrompt) > MAX_ARGUMENT_BYTES) return settle(notStarted(`the system prompt is longer than ${MAX_ARGUMENT_BYTES} bytes`));

    const settingsDir = path.join(input.homeDir, '.qwen');
    await mkdir(settingsDir, { recursive: true, mode: 0o700 });
    await writeFile(path.join(settingsDir, 'settings.json'), JSON.stringify(qwenSettings(this.options.maxRetries), null, 2));
    const exit = await this.processes.run(
      {
        file: command.file,
        args: [...command.args, ...qwenArgs({ model, tools, maxSteps: input.limits.maxSteps, systemPrompt: input.systemPrompt })],
        env: qwenEnvironment({
          parentEnv: this.options.parentEnv,
          home: input.homeDir,
          tmp: input.tmpDir,
          baseUrl: this.options.baseUrl,
          apiKey: this.options.apiKey ?? PLACEHOLDER_KEY,
          model,
        }),
        stdin: input.prompt,
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
