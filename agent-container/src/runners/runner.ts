import type { AgentDefinition } from '../agents/agent-definition.js';

/** What a runner streams while it works; the worker writes each one to 04-agent-output.jsonl. */
export type RunnerEvent =
  | { type: 'thinking'; content: string }
  | { type: 'tool_call'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; id: string; name: string; output: string; isError: boolean; durationMs: number }
  | { type: 'message'; content: string }
  | {
      type: 'usage';
      inputTokens: number;
      outputTokens: number;
      /** The model that answered the turn, where the runner knows it. */
      model?: string;
      /** Why the model stopped (`stop`, `tool_calls`, `length`), where the runner knows it. */
      finishReason?: string;
      /** How long the model request took, where the agent CLI measured it. */
      durationMs?: number;
    }
  | { type: 'error'; message: string };

export interface RunLimits {
  /** Model turns before the run stops without an answer. */
  maxSteps: number;
  /** Wall time of the whole run; the agent's process tree is killed after it. */
  timeoutMs: number;
  /** Bytes of output read from the agent before it is killed. */
  maxOutputBytes: number;
  commandTimeoutMs: number;
  toolOutputBytes: number;
  /** Input plus output tokens over the whole run; the run stops once it has used more. Unset: no limit. */
  maxTokens?: number;
  /** USD over the whole run (tokens at the configured prices); the run stops once it has spent more. Unset: no limit. */
  maxCostUsd?: number;
}

export interface RunInput {
  prompt: string;
  systemPrompt: string;
  /** The directory the agent works in (its tools are confined to it). */
  workdir: string;
  /** HOME and TMPDIR of the agent process: inside the task's workspace, never the service's. */
  homeDir: string;
  tmpDir: string;
  agent: AgentDefinition;
  limits: RunLimits;
  onEvent: (event: RunnerEvent) => void;
  /** Aborting stops the run and kills the agent's process tree. */
  signal?: AbortSignal;
}

export interface RunResult {
  success: boolean;
  /** The agent's final answer (empty on failure). */
  output: string;
  error: string | null;
  /** Whether another attempt later could succeed (the model server was unreachable or overloaded). */
  retryable: boolean;
  model: string;
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** One way of running an agent: the platform's own CLI (`vllm`), later third-party agent CLIs. */
export interface Runner {
  readonly name: string;
  /** Whether this runner can run here (its executable exists). */
  available(): Promise<boolean>;
  run(input: RunInput): Promise<RunResult>;
  /** Kills every run in progress (shutdown after the grace period). */
  killAll(): void;
}
