import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CliLine, ResultLine } from '../runners/vllm/cli-events.js';
import type { AgentRequest } from './agent-request.js';
import { classifyModelError } from './classify-model-error.js';
import { streamModelTurn } from './model-turn.js';
import { RepeatedCallGuard } from './repeated-call-guard.js';
import { RunBudget } from './run-budget.js';
import type { CommandProcesses } from './tools/command-processes.js';
import { ToolBox, parseToolInput } from './tools/tool-box.js';

export interface LoopDeps {
  emit: (line: CliLine) => void;
  signal: AbortSignal;
  processes: CommandProcesses;
  /** The environment commands run with. */
  commandEnv: Record<string, string>;
}

async function resolveModel(client: OpenAI, requested: string | undefined): Promise<string> {
  if (requested) return requested;
  const page = await client.models.list();
  const first = page.data[0];
  if (!first) throw new Error('the model server lists no models; set VLLM_MODEL');
  return first.id;
}

/**
 * The agent: asks the model, runs the tools it calls, feeds the results back, and stops when a
 * turn has no tool calls (that turn's text is the answer) or at the step limit.
 */
export async function runAgentLoop(request: AgentRequest, deps: LoopDeps): Promise<ResultLine> {
  const { emit, signal } = deps;
  const client = new OpenAI({
    apiKey: request.api_key ?? 'EMPTY',
    baseURL: request.base_url,
    maxRetries: request.limits.max_retries,
    timeout: request.limits.request_timeout_ms,
  });
  const tools = new ToolBox(request.tools, {
    workdir: request.workdir,
    commandTimeoutMs: request.limits.command_timeout_ms,
    outputBytes: request.limits.tool_output_bytes,
    env: deps.commandEnv,
    processes: deps.processes,
  });
  const budget = new RunBudget({
    maxTokens: request.limits.max_tokens,
    maxCostUsd: request.limits.max_cost_usd,
    prices: { inputPerMTok: request.prices.input_per_mtok, outputPerMTok: request.prices.output_per_mtok },
  });
  const repeats = new RepeatedCallGuard(request.limits.max_repeated_calls);
  let steps = 0;
  let model: string | null = request.model ?? null;
  const result = (fields: Pick<ResultLine, 'success' | 'output' | 'error' | 'error_kind'>): ResultLine => ({
    type: 'result',
    ...fields,
    model,
    input_tokens: budget.inputTokens,
    output_tokens: budget.outputTokens,
    steps,
  });
  const stop = (kind: NonNullable<ResultLine['error_kind']>, message: string): ResultLine => {
    emit({ type: 'error', message, kind });
    return result({ success: false, output: '', error: message, error_kind: kind });
  };

  try {
    model = await resolveModel(client, request.model);
    emit({ type: 'task_started', model, workdir: request.workdir, tools: tools.names });
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: request.system_prompt },
      { role: 'user', content: request.prompt },
    ];
    while (steps < request.limits.max_steps) {
      steps += 1;
      const turnStarted = performance.now();
      const turn = await streamModelTurn(
        client,
        { model, messages, tools: tools.specs() },
        (content) => emit({ type: 'thinking', content }),
        signal,
      );
      budget.add(turn.inputTokens, turn.outputTokens);
      emit({
        type: 'usage',
        step: steps,
        input_tokens: turn.inputTokens,
        output_tokens: turn.outputTokens,
        finish_reason: turn.finishReason,
        duration_ms: Math.round(performance.now() - turnStarted),
      });
      if (turn.content) emit({ type: 'message', content: turn.content });
      if (turn.toolCalls.length === 0) return result({ success: true, output: turn.content, error: null, error_kind: null });
      const overBudget = budget.exceeded();
      if (overBudget) return stop(overBudget.kind, overBudget.message);

      messages.push({
        role: 'assistant',
        content: turn.content || null,
        tool_calls: turn.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      });
      for (const call of turn.toolCalls) {
        const input = parseToolInput(call.arguments);
        emit({ type: 'tool_call', id: call.id, name: call.name, input });
        const verdict = repeats.check(call.name, input);
        if (verdict.action === 'stop') {
          return stop('repeated_tool_call', `stopped: the model made the same ${call.name} call ${verdict.times} times in a row`);
        }
        const started = performance.now();
        const outcome =
          verdict.action === 'refuse'
            ? {
                output: `Not run: this is the same ${call.name} call with the same arguments ${verdict.times} times in a row, and its result has not changed. Use what you already have, or try something different.`,
                isError: true,
              }
            : await tools.call(call.name, call.arguments);
        emit({
          type: 'tool_result',
          id: call.id,
          name: call.name,
          output: outcome.output,
          is_error: outcome.isError,
          duration_ms: Math.round(performance.now() - started),
        });
        messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.output });
      }
    }
    return stop('step_limit', `stopped after ${request.limits.max_steps} steps without a final answer`);
  } catch (error) {
    const classified = signal.aborted
      ? { kind: 'terminated' as const, message: 'the run was stopped' }
      : classifyModelError(error, request.base_url);
    emit({ type: 'error', message: classified.message, kind: classified.kind });
    return result({ success: false, output: '', error: classified.message, error_kind: classified.kind });
  }
}
