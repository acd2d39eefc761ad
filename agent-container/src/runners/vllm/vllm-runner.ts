import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import type { AgentRequestInput } from '../../cli/agent-request.js';
import type { RunInput, RunResult, Runner } from '../runner.js';
import { AgentProcesses, stopMessage } from '../sandbox/agent-process.js';
import type { RunAs } from '../sandbox/run-as.js';
import { agentEnvironment } from './agent-environment.js';
import { toRunnerEvent } from './cli-event-mapping.js';
import { CliLineSchema, type ResultLine } from './cli-events.js';

export interface VllmRunnerOptions {
  /** The built agent CLI (dist/cli/agent-cli.js), run with this process's node. */
  cliPath: string;
  baseUrl: string;
  model?: string;
  /** Handed to the CLI on stdin, never in its environment. */
  apiKey?: string;
  maxRetries: number;
  /** USD per million tokens. */
  prices: { inputPerMTok: number; outputPerMTok: number };
  /** Where PATH, LANG and TZ come from (main passes process.env); nothing else is copied. */
  parentEnv: Record<string, string | undefined>;
  /** Between SIGTERM to the agent's process group and SIGKILL. @defaultValue 2000 */
  killGraceMs?: number;
  /** Another user to run the CLI as; the workspace is handed to it for the run. */
  runAs?: RunAs;
  /**
   * V8's code cache of the CLI's modules (NODE_COMPILE_CACHE): a run then compiles little of
   * what it loads. Filled by `warmUp` as this service's user; an agent running as `runAs` only
   * reads it, so no agent can plant code for the next run.
   */
  compileCacheDir?: string;
}

/**
 * The `vllm` runner: spawns the platform's agent CLI as the leader of its own process group,
 * with an allowlisted environment, the request on stdin, and its JSONL events read line by line
 * (validated) from stdout. On wall-time timeout, abort, or too much output, the whole group is
 * sent SIGTERM (the CLI then kills its commands' groups) and, after a grace, SIGKILL.
 */
export class VllmRunner implements Runner {
  readonly name = 'vllm';
  private readonly processes = new AgentProcesses();

  constructor(private readonly options: VllmRunnerOptions) {}

  async available(): Promise<boolean> {
    return access(this.options.cliPath).then(
      () => true,
      () => false,
    );
  }

  killAll(): void {
    this.processes.killAll();
  }

  /**
   * Fills the compile cache: the CLI loads all its modules before it reads stdin, so one run
   * with an empty request (refused at once) compiles and caches them. Best effort.
   */
  async warmUp(): Promise<void> {
    const dir = this.options.compileCacheDir;
    if (!dir) return;
    await mkdir(dir, { recursive: true, mode: 0o755 });
    await new Promise<void>((resolve) => {
      const child = execFile(process.execPath, [this.options.cliPath], { env: { PATH: this.options.parentEnv.PATH ?? '', NODE_COMPILE_CACHE: dir }, timeout: 60_000 }, () => resolve());
      child.stdin?.end();
    });
  }

  async run(input: RunInput): Promise<RunResult> {
    const request: AgentRequestInput = {
      prompt: input.prompt,
      system_prompt: input.systemPrompt,
      model: input.agent.model ?? this.options.model,
      base_url: this.options.baseUrl,
      api_key: this.options.apiKey,
      workdir: input.workdir,
      tools: input.agent.tools,
      limits: {
        max_steps: input.limits.maxSteps,
        command_timeout_ms: input.limits.commandTimeoutMs,
        tool_output_bytes: input.limits.toolOutputBytes,
        max_retries: this.options.maxRetries,
        request_timeout_ms: input.limits.timeoutMs,
        max_tokens: input.limits.maxTokens,
        max_cost_usd: input.limits.maxCostUsd,
      },
      prices: { input_per_mtok: this.options.prices.inputPerMTok, output_per_mtok: this.options.prices.outputPerMTok },
    };
    // Filled by the line handler (an object, so that TypeScript does not narrow it to its start value).
    const seen: { model: string | null; result: ResultLine | null } = { model: null, result: null };
    const usage = { input: 0, output: 0, steps: 0 };
    const exit = await this.processes.run(
      {
        file: process.execPath,
        args: [this.options.cliPath],
        stdin: JSON.stringify(request),
        // The CLI keeps NODE_COMPILE_CACHE to itself: the commands it runs get only the allowlist.
        env: {
          ...agentEnvironment(this.options.parentEnv, { home: input.homeDir, tmp: input.tmpDir }),
          ...(this.options.compileCacheDir ? { NODE_COMPILE_CACHE: this.options.compileCacheDir } : {}),
        },
        cwd: input.workdir,
        runAs: this.options.runAs,
        ownedDirs: [input.workdir, input.homeDir, input.tmpDir],
        timeoutMs: input.limits.timeoutMs,
        maxOutputBytes: input.limits.maxOutputBytes,
        killGraceMs: this.options.killGraceMs ?? 2000,
        signal: input.signal,
      },
      (raw) => {
        const line = parseLine(raw);
        if (!line) {
          input.onEvent({ type: 'error', message: `unreadable line from the agent CLI: ${raw.slice(0, 200)}` });
          return;
        }
        if (line.type === 'task_started') seen.model = line.model;
        if (line.type === 'usage') {
          usage.input += line.input_tokens;
          usage.output += line.output_tokens;
          usage.steps = line.step;
        }
        if (line.type === 'result') seen.result = line;
        const event = toRunnerEvent(line);
        if (event?.type === 'usage' && seen.model) input.onEvent({ ...event, model: seen.model });
        else if (event) input.onEvent(event);
      },
    );
    const { model, result } = seen;
    if (exit.startError) return this.failure(input, `could not start the agent CLI: ${exit.startError}`, { model, usage });
    if (exit.stopReason) return this.failure(input, stopMessage(exit.stopReason, input.limits), { model, usage, retryable: exit.stopReason === 'aborted' });
    if (!result) {
      const detail = exit.stderrTail;
      return this.failure(input, `the agent CLI exited (${exit.exitCode ?? exit.signal ?? 'unknown'}) without a result${detail ? `: ${detail}` : ''}`, {
        model,
        usage,
      });
    }
    return this.fromResult(input, result, model);
  }

  private cost(inputTokens: number, outputTokens: number): number {
    const { inputPerMTok, outputPerMTok } = this.options.prices;
    return (inputTokens * inputPerMTok + outputTokens * outputPerMTok) / 1_000_000;
  }

  private fromResult(input: RunInput, result: ResultLine, startedModel: string | null): RunResult {
    return {
      success: result.success,
      output: result.output,
      error: result.error,
      retryable: result.error_kind === 'model_unavailable',
      model: result.model ?? startedModel ?? input.agent.model ?? this.options.model ?? 'unknown',
      steps: result.steps,
      inputTokens: result.input_tokens,
      outputTokens: result.output_tokens,
      costUsd: this.cost(result.input_tokens, result.output_tokens),
    };
  }

  private failure(
    input: RunInput,
    error: string,
    seen: { model: string | null; usage: { input: number; output: number; steps: number } | null; retryable?: boolean },
  ): RunResult {
    input.onEvent({ type: 'error', message: error });
    const usage = seen.usage ?? { input: 0, output: 0, steps: 0 };
    return {
      success: false,
      output: '',
      error,
      retryable: seen.retryable ?? false,
      model: seen.model ?? input.agent.model ?? this.options.model ?? 'unknown',
      steps: usage.steps,
      inputTokens: usage.input,
      outputTokens: usage.output,
      costUsd: this.cost(usage.input, usage.output),
    };
  }
}

function parseLine(raw: string) {
  try {
    const parsed = CliLineSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
