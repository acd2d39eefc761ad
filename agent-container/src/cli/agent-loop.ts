import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CliLine, ResultLine } from '../runners/vllm/cli-events.js';
import type { AgentRequest } from './agent-request.js';
import { classifyModelError } from './classify-model-error.js';
import { streamModelTurn } from './model-turn.js';
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
  const totals = { input: 0, output: 0, steps: 0 };
  let model: string | null = request.model ?? null;
  const result = (fields: Pick<ResultLine, 'success' | 'output' | 'error' | 'error_kind'>): ResultLine => ({
    type: 'result',
    ...fields,
    model,
    input_tokens: totals.input,
    output_tokens: totals.output,
    steps: totals.steps,
  });

  try {
    model = await resolveModel(client, request.model);
    emit({ type: 'task_started', model, workdir: request.workdir, tools: tools.names });
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: request.system_prompt },
      { role: 'user', content: request.prompt },
    ];
    while (totals.steps < request.limits.max_steps) {
      totals.steps += 1;
      const turn = await streamModelTurn(
        client,
        { model, messages, tools: tools.specs() },
        (content) => emit({ type: 'thinking', content }),
        signal,
      );
      totals.input += turn.inputTokens;
      totals.output += turn.outputTokens;
      emit({ type: 'usage', step: totals.steps, input_tokens: turn.inputTokens, output_tokens: turn.outputTokens });
      if (turn.content) emit({ type: 'message', content: turn.content });
      if (turn.toolCalls.length === 0) return result({ success: true, output: turn.content, error: null, error_kind: null });

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
        emit({ type: 'tool_call', id: call.id, name: call.name, input: parseToolInput(call.arguments) });
        const started = performance.now();
        const outcome = await tools.call(call.name, call.arguments);
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
    const message = `stopped after ${request.limits.max_steps} steps without a final answer`;
    emit({ type: 'error', message, kind: 'step_limit' });
    return result({ success: false, output: '', error: message, error_kind: 'step_limit' });
  } catch (error) {
    const classified = signal.aborted
      ? { kind: 'terminated' as const, message: 'the run was stopped' }
      : classifyModelError(error, request.base_url);
    emit({ type: 'error', message: classified.message, kind: classified.kind });
    return result({ success: false, output: '', error: classified.message, error_kind: classified.kind });
  }
}
