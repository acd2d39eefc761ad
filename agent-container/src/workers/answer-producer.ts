import { type Context, ROOT_CONTEXT, type Tracer } from '@opentelemetry/api';
import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import type { Logger } from 'pino';
import type { AgentDefinition } from '../agents/agent-definition.js';
import { gatherContext } from '../context/gather-context.js';
import type { ConversationStore } from '../conversations/conversation-store.js';
import type { RunStore } from '../db/run-store.js';
import { RunSpans } from '../observability/run-spans.js';
import { createTracing } from '../observability/tracing.js';
import type { RunLimits, RunResult } from '../runners/runner.js';
import type { RunnerRegistry } from '../runners/runner-registry.js';
import type { TaskLog } from '../task-log/task-log.js';
import type { Redactor } from '../task-log/redact-secrets.js';
import type { TaskReporter } from '../threads/task-reporter.js';
import type { ProviderClients } from '../threads/thread-for-task.js';
import { watchDiskUsage } from '../workspaces/disk-usage.js';
import type { PreparedWorkspace, WorkspacePreparer } from '../workspaces/prepare-workspace.js';
import { publishChanges } from '../workspaces/publish-changes.js';
import type { CacheTrimmer } from '../workspaces/cache-trimmer.js';
import type { RepoMirrors } from '../workspaces/repo-mirrors.js';
import { agentOutputRecord } from './agent-output-record.js';
import { TaskFailure } from './task-failure.js';
import type { AttemptUsage } from './task-outcome.js';
import { buildTaskPrompt } from './task-prompt.js';

export interface AnswerProducerDeps {
  runs: RunStore;
  runners: RunnerRegistry;
  clients: ProviderClients;
  conversations: ConversationStore;
  workspaces: WorkspacePreparer;
  mirrors: RepoMirrors;
  limits: RunLimits;
  /** Disk of one task's workspace; the run is stopped past it. */
  workspaceMaxBytes: number;
  /** Told when a task with a checkout is done; it keeps the mirror cache under its cap. */
  cacheTrimmer?: CacheTrimmer;
  gitTimeoutMs: number;
  gitAuthor: { name: string; email: string };
  /** Earlier answered requests of the conversation shown to the agent. */
  historyTurns: number;
  redact: Redactor;
  logger: Logger;
  /** How often the workspace's disk use is measured during a run. @defaultValue 5000 */
  diskCheckIntervalMs?: number;
  /** Makes the spans of model turns and tool calls; by default a tracer that exports nothing. */
  tracer?: Tracer;
}

export interface Produced {
  text: string;
  pullRequestUrl: string | null;
}

/** The agent's limits: its own where its definition sets them, the worker's defaults otherwise. */
export function effectiveLimits(defaults: RunLimits, agent: AgentDefinition): RunLimits {
  const own = agent.limits ?? {};
  return {
    ...defaults,
    maxSteps: own.max_steps ?? defaults.maxSteps,
    timeoutMs: own.timeout_ms ?? defaults.timeoutMs,
    maxTokens: own.max_tokens ?? defaults.maxTokens,
    maxCostUsd: own.max_cost_usd ?? defaults.maxCostUsd,
  };
}

/**
 * Produces a task's answer: the one an earlier attempt saved, or a new run — the thread read
 * through its provider service, the conversation's history, a workspace with the repository, the
 * agent under its limits with progress shown in the thread, and, when the agent may and did
 * change the workspace, a draft pull request. The answer is saved before anything posts it.
 */
export class AnswerProducer {
  private readonly tracer: Tracer;

  constructor(private readonly deps: AnswerProducerDeps) {
    this.tracer = deps.tracer ?? createTracing({ service: 'agent-container' }).tracer;
  }

  /** `trace` is the attempt's span: provider calls, the checkout, model turns and tool calls are its children. */
  async produce(
    task: AgentTaskJob,
    agent: AgentDefinition,
    attempt: number,
    usage: AttemptUsage,
    log: TaskLog,
    reporter: TaskReporter,
    trace: Context = ROOT_CONTEXT,
    signal?: AbortSignal,
  ): Promise<Produced> {
    const prior = await this.deps.runs.priorAnswer(task.task_id);
    if (prior) {
      if (prior.model) usage.model = prior.model;
      void log.agentOutput({ type: 'message', content: prior.output, details: { reused_from_earlier_attempt: true } });
      await this.deps.runs.saveOutput(task.task_id, attempt, prior.output, prior.pullRequestUrl);
      return { text: prior.output, pullRequestUrl: prior.pullRequestUrl };
    }
    const call = { taskLog: log, trace };
    const turn = { taskId: task.task_id, conversationKey: task.conversation_key, receivedAt: task.received_at };
    // The thread, the history and the checkout are independent: read them side by side, so the
    // model is asked as soon as the slowest of them (usually git) is done.
    const [gathered, remembered, prepared] = await Promise.allSettled([
      gatherContext(task, this.deps.clients, call),
      this.deps.conversations.history(turn, this.deps.historyTurns),
      this.deps.workspaces.prepare(task, call, signal),
    ]);
    if (task.repository) this.deps.cacheTrimmer?.taskFinished();
    if (prepared.status === 'rejected') throw prepared.reason;
    const workspace = prepared.value;
    try {
      if (gathered.status === 'rejected') throw gathered.reason;
      if (remembered.status === 'rejected') throw remembered.reason;
      const context = gathered.value;
      const history = remembered.value;
      const prompt = buildTaskPrompt({
        task,
        agent,
        context,
        history,
        checkout: workspace.checkout ? { repository: `${workspace.checkout.owner}/${workspace.checkout.repo}`, ...workspace.checkout } : null,
        instructions: workspace.instructions,
      });
      const spans = new RunSpans(this.tracer, { parent: trace, runner: agent.runner, model: usage.model });
      const result = await this.run(agent, workspace, prompt, log, reporter, spans, signal);
      Object.assign(usage, { model: result.model, inputTokens: result.inputTokens, outputTokens: result.outputTokens, costUsd: result.costUsd, steps: result.steps });
      if (!result.success) throw new TaskFailure(result.error ?? 'the agent failed without saying why', result.retryable);
      // What the model wrote goes to the thread, the database and the events: no credential in it.
      const text = this.deps.redact(result.output);
      let pullRequestUrl: string | null = null;
      if (agent.opens_pull_request === true && workspace.checkout) {
        const published = await publishChanges(
          { github: this.deps.clients.github, mirrors: this.deps.mirrors, gitTimeoutMs: this.deps.gitTimeoutMs, author: this.deps.gitAuthor },
          call,
          { task, agentName: agent.name, workdir: workspace.workdir, checkout: workspace.checkout },
          signal,
        );
        pullRequestUrl = published?.pullRequestUrl ?? null;
        void log.agentOutput({ type: 'message', content: published ? `opened ${published.pullRequestUrl} from ${published.branch} (${published.commit})` : 'the agent changed nothing; no pull request', details: { pull_request: published } });
      }
      await this.deps.runs.saveOutput(task.task_id, attempt, text, pullRequestUrl);
      return { text, pullRequestUrl };
    } finally {
      await workspace.remove();
    }
  }

  private async run(
    agent: AgentDefinition,
    workspace: PreparedWorkspace,
    prompt: { systemPrompt: string; prompt: string },
    log: TaskLog,
    reporter: TaskReporter,
    spans: RunSpans,
    signal?: AbortSignal,
  ): Promise<RunResult> {
    const runner = this.deps.runners.get(agent.runner);
    const disk = new AbortController();
    let diskBytes = 0;
    const stopWatching = watchDiskUsage(workspace.root, this.deps.workspaceMaxBytes, this.deps.diskCheckIntervalMs ?? 5_000, (bytes) => {
      diskBytes = bytes;
      disk.abort();
    });
    try {
      const result = await runner.run({
        ...prompt,
        workdir: workspace.workdir,
        homeDir: workspace.home,
        tmpDir: workspace.tmp,
        agent,
        limits: effectiveLimits(this.deps.limits, agent),
        onEvent: (event) => {
          spans.onEvent(event);
          void log.agentOutput(agentOutputRecord(event));
          reporter.progress(event);
        },
        signal: signal ? AbortSignal.any([signal, disk.signal]) : disk.signal,
      });
      if (disk.signal.aborted) {
        throw new TaskFailure(`the workspace grew to ${diskBytes} bytes, over its limit of ${this.deps.workspaceMaxBytes}, and the run was stopped`, false);
      }
      return result;
    } finally {
      spans.finish();
      stopWatching();
    }
  }
}
