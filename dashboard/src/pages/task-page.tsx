import { useEffect, useRef, useState } from 'react';
import { type LiveState, useLiveTail } from '../api/live-tail.js';
import { TASK_REFRESH_MS, useTaskDetail } from '../api/queries.js';
import { AgentTimelineView } from '../components/agent-timeline-view.js';
import { MicroservicesFlowTable, QueueFlowTable, WebhookFlowTable } from '../components/flow-tables.js';
import { FinalResultView, InputView, MetadataView } from '../components/log-record-views.js';
import { Section } from '../components/section.js';
import { StageTimeline } from '../components/stage-timeline.js';
import { ErrorState, Loading } from '../components/state-views.js';
import { Badge } from '../components/status-badge.js';
import { TaskOverview } from '../components/task-overview.js';
import { isFinished } from '../format/task-status.js';
import { hrefFor } from '../routing/routes.js';
import { logStart } from '../task-log/log-start.js';

/** One task: its summary, its seven stages, then the seven parts of its log, streaming while it runs. */
export function TaskPage({ id }: { id: string }) {
  const [streaming, setStreaming] = useState(false);
  const query = useTaskDetail(id, streaming);
  // Follow the log when the task was unfinished on the first read; the stream ends by itself.
  const follow = useRef<boolean | undefined>(undefined);
  if (query.data && follow.current === undefined) follow.current = !isFinished(query.data.task.status);
  const live = useLiveTail(id, query.data?.log_position, follow.current === true);
  useEffect(() => {
    setStreaming(live === 'live' || live === 'connecting');
  }, [live]);

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
      <LiveNote state={live} finished={isFinished(task.status)} status={task.status} />
      <StageTimeline detail={query.data} start={start} />
      <div className="sections">
        <Section id="stage-metadata" title="Metadata" file="metadata.json">
          <MetadataView metadata={log.metadata} />
        </Section>
        <Section id="stage-input" title="Input" file="01-input.json">
          <InputView input={log.input} />
        </Section>
        <Section id="stage-webhook" title="Webhook flow" file="02-webhook-flow.jsonl" count={log.webhook_flow.length}>
          <WebhookFlowTable records={log.webhook_flow} start={start} />
        </Section>
        <Section id="stage-queue" title="Queue flow" file="03-queue-flow.jsonl" count={log.queue_flow.length}>
          <QueueFlowTable records={log.queue_flow} start={start} />
        </Section>
        <Section
          id="stage-agent"
          title="Agent output"
          file="04-agent-output.jsonl"
          count={log.agent_output.length}
          aside={live === 'live' ? <LiveBadge /> : undefined}
        >
          <AgentTimelineView records={log.agent_output} />
        </Section>
        <Section id="stage-services" title="Microservices flow" file="05-microservices-flow.jsonl" count={log.microservices_flow.length}>
          <MicroservicesFlowTable records={log.microservices_flow} start={start} />
        </Section>
        <Section id="stage-result" title="Final result" file="06-final-result.json">
          <FinalResultView result={log.final_result} />
        </Section>
      </div>
    </main>
  );
}

function LiveBadge() {
  return (
    <Badge tone="info" title="New records appear as the agent writes them">
      <span className="pulse" aria-hidden="true" />
      Live
    </Badge>
  );
}

function LiveNote({ state, finished, status }: { state: LiveState; finished: boolean; status: string }) {
  if (state === 'live') return <p className="muted live-note" role="status">Streaming the log live as the task runs.</p>;
  if (state === 'connecting') return <p className="muted live-note" role="status">Connecting to the live log…</p>;
  if (state === 'ended') return <p className="muted live-note" role="status">The task finished; everything it wrote is shown.</p>;
  if (!finished) {
    return (
      <p className="muted live-note" role="status">
        This task is still {status}; the live log is unavailable, so the page refreshes every {TASK_REFRESH_MS / 1000} s.
      </p>
    );
  }
  return null;
}
