import { useConversation } from '../api/chat-queries.js';
import type { Conversation } from '../api/types.js';
import { RelativeTime } from '../components/relative-time.js';
import { ErrorState, Loading } from '../components/state-views.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatCost } from '../format/format-cost.js';
import { formatDuration } from '../format/format-duration.js';
import { isFinished, providerLabel } from '../format/task-status.js';
import { hrefFor } from '../routing/routes.js';

type Turn = Conversation['turns'][number];

/** One conversation as it reads in its thread: each question, then the agent's answer. */
export function ConversationPage({ conversationKey }: { conversationKey: string }) {
  const query = useConversation(conversationKey);
  const back = (
    <a className="back" href={hrefFor({ page: 'chat', filters: {} })}>
      ← All conversations
    </a>
  );
  if (query.isPending) {
    return (
      <main className="page">
        {back}
        <Loading label="Loading the conversation…" />
      </main>
    );
  }
  if (query.isError) {
    return (
      <main className="page">
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </main>
    );
  }
  const conversation = query.data;
  return (
    <main className="page narrow">
      {back}
      <header className="page-header">
        <div>
          <h1>{conversation.repository ?? providerLabel(conversation.provider)}</h1>
          <p className="muted">
            <code>{conversation.key}</code> · {conversation.task_count} task{conversation.task_count === 1 ? '' : 's'} since <RelativeTime iso={conversation.first_at} />
          </p>
        </div>
      </header>
      <ol className="chat">
        {conversation.turns.map((turn) => (
          <TurnView key={turn.task_id} turn={turn} />
        ))}
      </ol>
    </main>
  );
}

function TurnView({ turn }: { turn: Turn }) {
  return (
    <li className="turn">
      <div className="bubble bubble-question">
        <div className="bubble-meta">
          <strong>{turn.author.login}</strong> <RelativeTime iso={turn.received_at} />
        </div>
        <p className="prose">{turn.question}</p>
      </div>
      <div className={`bubble bubble-answer ${turn.error ? 'bubble-error' : ''}`}>
        <div className="bubble-meta">
          <strong>{turn.agent ?? 'agent'}</strong> <StatusBadge status={turn.status} />
          <a href={hrefFor({ page: 'task', id: turn.task_id })} className="small">
            {turn.task_id}
          </a>
        </div>
        {turn.answer && <p className="prose">{turn.answer}</p>}
        {turn.error && <p className="error-text">{turn.error}</p>}
        {!turn.answer && !turn.error && <p className="muted">{isFinished(turn.status) ? 'No answer was recorded.' : 'Working on it…'}</p>}
        {turn.links.length > 0 && (
          <p className="small">
            {turn.links.map((link) => (
              <a key={link.url} href={link.url} target="_blank" rel="noreferrer noopener" className="inline-link">
                {link.kind.replaceAll('_', ' ')}
              </a>
            ))}
          </p>
        )}
        <div className="bubble-meta muted small">
          {[turn.model, turn.duration_ms === null ? null : formatDuration(turn.duration_ms), turn.cost_usd === null ? null : formatCost(turn.cost_usd)].filter(Boolean).join(' · ')}
        </div>
      </div>
    </li>
  );
}
