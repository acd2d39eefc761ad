import type { TaskSummary } from '../api/types.js';
import { formatCost } from '../format/format-cost.js';
import { formatDuration } from '../format/format-duration.js';
import { formatTokenPair } from '../format/format-tokens.js';
import { providerLabel } from '../format/task-status.js';
import { hrefFor } from '../routing/routes.js';
import { RelativeTime } from './relative-time.js';
import { StatusBadge } from './status-badge.js';

/** The task list: one row per task, the whole row links to its page. */
export function TaskTable({ tasks }: { tasks: readonly TaskSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="table tasks">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Task</th>
            <th scope="col">Where</th>
            <th scope="col">Author</th>
            <th scope="col">Received</th>
            <th scope="col" className="numeric">
              Duration
            </th>
            <th scope="col" className="numeric">
              Tokens
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <TaskRow key={task.id} task={task} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TaskRow({ task }: { task: TaskSummary }) {
  const href = hrefFor({ page: 'task', id: task.id });
  return (
    <tr>
      <td>
        <StatusBadge status={task.status} />
      </td>
      <td className="task-cell">
        <a href={href} className="row-link">
          <span className="command">{task.command}</span>
          <span className="preview" title={task.text_preview}>
            {task.text_preview}
          </span>
        </a>
      </td>
      <td>
        <span className="provider">{providerLabel(task.provider)}</span>
        {task.repository && <span className="repository">{task.repository}</span>}
      </td>
      <td>{task.author.login}</td>
      <td>
        <RelativeTime iso={task.received_at} />
      </td>
      <td className="numeric">{formatDuration(task.duration_ms)}</td>
      <td className="numeric">{formatTokenPair(task.input_tokens, task.output_tokens)}</td>
      <td className="numeric">{formatCost(task.cost_usd)}</td>
    </tr>
  );
}
