#!/usr/bin/env node
// swe-agent: the platform's own agent CLI. Reads one JSON request (agent-request.ts) on stdin,
// talks to an OpenAI-compatible model server with tools confined to the request's workdir, and
// prints one JSON event per line on stdout (runners/vllm/cli-events.ts), the last one `result`.
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import type { CliLine } from '../runners/vllm/cli-events.js';
import { allowlistedEnvironment } from '../runners/vllm/agent-environment.js';
import { runAgentLoop } from './agent-loop.js';
import { AgentRequestSchema } from './agent-request.js';
import { CommandProcesses } from './tools/command-processes.js';

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
const ORPHAN_CHECK_MS = 500;

function emit(line: CliLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function parseRequest(raw: string) {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: 'stdin is not a JSON document' };
  }
  const parsed = AgentRequestSchema.safeParse(json);
  return parsed.success ? { request: parsed.data } : { error: `invalid request: ${z.prettifyError(parsed.error)}` };
}

async function main(): Promise<number> {
  // The reader went away (the runner was killed): nothing more can be reported.
  process.stdout.on('error', () => process.exit(1));
  const parsed = parseRequest(await text(process.stdin));
  if (!parsed.request) {
    const message = parsed.error ?? 'invalid request';
    emit({ type: 'error', message, kind: 'invalid_request' });
    emit({
      type: 'result',
      success: false,
      output: '',
      error: message,
      error_kind: 'invalid_request',
      model: null,
      input_tokens: 0,
      output_tokens: 0,
      steps: 0,
    });
    return 2;
  }

  const processes = new CommandProcesses();
  const controller = new AbortController();
  // Commands lead their own process groups, so stopping the CLI's group does not reach them:
  // the CLI kills them itself before it goes.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => {
      controller.abort();
      processes.killAll();
      process.exit(EXIT_CODES[signal] ?? 1);
    });
  }
  // A worker killed with SIGKILL cannot stop its agent, and the task runs again elsewhere: an
  // orphaned agent (re-parented, so its parent pid changed) stops itself and its commands.
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid === parent) return;
    controller.abort();
    processes.killAll();
    process.exit(EXIT_CODES.SIGHUP ?? 1);
  }, ORPHAN_CHECK_MS);
  orphanWatch.unref();
  const result = await runAgentLoop(parsed.request, {
    emit,
    signal: controller.signal,
    processes,
    commandEnv: allowlistedEnvironment(process.env),
  });
  emit(result);
  return result.success ? 0 : 1;
}

const code = await main();
// Exit once stdout is drained; keep-alive sockets of the model client would hold the process.
process.stdout.write('', () => process.exit(code));
