import { TASK_REFRESH_MS, useTaskDetail } from '../api/queries.js';
import { AgentTimelineView } from '../components/agent-timeline-view.js';
import { MicroservicesFlowTable, QueueFlowTable, WebhookFlowTable } from '../components/flow-tables.js';
import { FinalResultView, InputView, MetadataView } from '../components/log-record-views.js';
import { Section } from '../components/section.js';
import { ErrorState, Loading } from '../components/state-views.js';
import { TaskOverview } from '../components/task-overview.js';
import { isFinished } from '../format/task-status.js';
import { hrefFor } from '../routing/routes.js';
import { logStart } from '../task-log/log-start.js';

/** One task: its summary, then the seven parts of its task log in the order they are written. */
export function TaskPage({ id }: { id: string }) {
  const query = useTaskDetail(id);
  const back = (
    <a className="back" href={hrefFor({ page: 'tasks', filters: {} })}>
      ← All tasks
    </a>
  );
  if (query.isPending) {
    return (
      <main className="page">
        {back}
        <Loading label="Loading the task…" />
      </main>
    );
  }
  if (query.isError && !query.data) {
    return (
      <main className="page">
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </main>
    );
  }
  const { task, log } = query.data;
  const start = logStart(query.data);
  return (
    <main className="page">
      {back}
      {query.isError && <ErrorState error={query.error} />}
      <TaskOverview task={task} />
      {!isFinished(task.status) && <p className="muted live-note">This task is still {task.status}; the page refreshes every {TASK_REFRESH_MS / 1000} s.</p>}
      <div className="sections">
        <Section title="Metadata" file="metadata.json">
          <MetadataView metadata={log.metadata} />
        </Section>
        <Section title="Input" file="01-input.json">
          <InputView input={log.input} />
        </Section>
        <Section title="Webhook flow" file="02-webhook-flow.jsonl" count={log.webhook_flow.length}>
          <WebhookFlowTable records={log.webhook_flow} start={start} />
        </Section>
        <Section title="Queue flow" file="03-queue-flow.jsonl" count={log.queue_flow.length}>
          <QueueFlowTable records={log.queue_flow} start={start} />
        </Section>
        <Section title="Agent output" file="04-agent-output.jsonl" count={log.agent_output.length}>
          <AgentTimelineView records={log.agent_output} />
        </Section>
        <Section title="Microservices flow" file="05-microservices-flow.jsonl" count={log.microservices_flow.length}>
          <MicroservicesFlowTable records={log.microservices_flow} start={start} />
        </Section>
        <Section title="Final result" file="06-final-result.json">
          <FinalResultView result={log.final_result} />
        </Section>
      </div>
    </main>
  );
}
