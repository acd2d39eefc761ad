import type { TaskDetail } from '../api/types.js';
import { formatOffset } from '../format/format-duration.js';
import { formatTimestamp } from '../format/format-time.js';
import { STAGE_TONES, taskStages } from '../task-log/task-stages.js';

const STATE_LABELS = { done: 'done', active: 'in progress', failed: 'failed', pending: 'pending' } as const;

/** The seven stages of the task as a timeline; each links to its part of the log below. */
export function StageTimeline({ detail, start }: { detail: TaskDetail; start: number }) {
  const stages = taskStages(detail);
  return (
    <ol className="stages" aria-label="Stages">
      {stages.map((stage, index) => (
        <li key={stage.id} className={`stage stage-${stage.state} tone-${STAGE_TONES[stage.state]}`}>
          <a href={`#${stage.id}`} onClick={(event) => scrollToSection(event, stage.id)}>
            <span className="stage-dot" aria-hidden="true">
              {stage.state === 'done' ? '✓' : stage.state === 'failed' ? '!' : index + 1}
            </span>
            <span className="stage-text">
              <span className="stage-title">{stage.title}</span>
              <span className="stage-summary">{stage.summary}</span>
              <span className="stage-at">
                {stage.at ? (
                  <time dateTime={stage.at} title={formatTimestamp(stage.at)}>
                    {Number.isNaN(start) ? formatTimestamp(stage.at) : formatOffset(Date.parse(stage.at) - start)}
                  </time>
                ) : (
                  STATE_LABELS[stage.state]
                )}
              </span>
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
}

/** The route lives in the hash, so section anchors scroll instead of navigating. */
function scrollToSection(event: { preventDefault(): void }, id: string): void {
  event.preventDefault();
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
