import { type FormEvent, useEffect, useState } from 'react';
import { useConversations } from '../api/chat-queries.js';
import type { ConversationSummary } from '../api/types.js';
import { RelativeTime } from '../components/relative-time.js';
import { EmptyState, ErrorState, Loading } from '../components/state-views.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatCost } from '../format/format-cost.js';
import { providerLabel } from '../format/task-status.js';
import { type ChatFilters, PROVIDERS, hrefFor, toProvider } from '../routing/routes.js';

/** Every conversation with the agent: an issue or PR, a Slack thread, a Jira or Sentry issue. */
export function ChatPage({ filters }: { filters: ChatFilters }) {
  const query = useConversations(filters);
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => {
    setQ(filters.q ?? '');
  }, [filters.q]);
  const go = (next: ChatFilters) => {
    window.location.hash = hrefFor({ page: 'chat', filters: next });
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    go({ ...filters, q: q.trim() || undefined });
  };
  const conversations = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Chat</h1>
          <p className="muted">Conversations with the agent, latest activity first.</p>
        </div>
      </header>
      <form className="filters" onSubmit={submit} aria-label="Filter conversations">
        <label className="filter-search">
          Search
          <input type="search" placeholder="Words in any question…" value={q} onChange={(event) => setQ(event.target.value)} onBlur={() => submit()} />
        </label>
        <label>
          Source
          <select value={filters.provider ?? ''} onChange={(event) => go({ ...filters, provider: toProvider(event.target.value) })}>
            <option value="">Any</option>
            {PROVIDERS.map((provider) => (
              <option key={provider} value={provider}>
                {providerLabel(provider)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {query.isPending ? (
        <Loading label="Loading conversations…" />
      ) : query.isError && conversations.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : conversations.length === 0 ? (
        <EmptyState title={filters.q || filters.provider ? 'No conversation matches' : 'No conversation yet'} />
      ) : (
        <>
          <ul className="conversation-list">
            {conversations.map((conversation) => (
              <ConversationItem key={conversation.key} conversation={conversation} />
            ))}
          </ul>
          {query.hasNextPage && (
            <div className="list-footer">
              <span />
              <button type="button" className="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </>
      )}
    </main>
  );
}

function ConversationItem({ conversation }: { conversation: ConversationSummary }) {
  return (
    <li className="conversation-item">
      <a href={hrefFor({ page: 'conversation', key: conversation.key })} className="row-link">
        <span className="conversation-title">{conversation.title || conversation.key}</span>
        <span className="muted small">
          {providerLabel(conversation.provider)} · <code>{conversation.key}</code> · {conversation.task_count} task{conversation.task_count === 1 ? '' : 's'} ·{' '}
          {formatCost(conversation.cost_usd)}
        </span>
      </a>
      <span className="conversation-end">
        <StatusBadge status={conversation.last_status} />
        <RelativeTime iso={conversation.last_at} />
      </span>
    </li>
  );
}
