import type { Schemas } from '../api/types.js';
import { formatCost } from '../format/format-cost.js';
import { formatDuration } from '../format/format-duration.js';
import { formatTimestamp } from '../format/format-time.js';
import { formatTokens } from '../format/format-tokens.js';
import { describeDetails } from '../task-log/describe-details.js';
import { KeyValues, RawJson } from './section.js';
import { EmptyState } from './state-views.js';
import { Badge, StatusBadge } from './status-badge.js';

export function MetadataView({ metadata }: { metadata: Schemas['MetadataRecord'] | null }) {
  if (!metadata) return <EmptyState title="No metadata.json" />;
  return (
    <>
      <KeyValues
        items={[
          ['Status', <StatusBadge key="status" status={metadata.status} />],
          ['Source', metadata.source],
          ['Command', metadata.command],
          ['Repository', metadata.repository],
          ['Agent', metadata.agent],
          ['Runner', metadata.runner],
          ['Model', metadata.model],
          ['Created', formatTimestamp(metadata.created_at)],
          ['Started', metadata.started_at ? formatTimestamp(metadata.started_at) : null],
          ['Finished', metadata.finished_at ? formatTimestamp(metadata.finished_at) : null],
        ]}
      />
      <RawJson value={metadata} />
    </>
  );
}

export function InputView({ input }: { input: Schemas['InputRecord'] | null }) {
  if (!input) return <EmptyState title="No 01-input.json" />;
  const options = Object.entries(input.options).map(([key, value]) => `--${key}=${value}`);
  return (
    <>
      <blockquote className="message">{input.message}</blockquote>
      <KeyValues
        items={[
          ['Event', <code key="event">{input.event}</code>],
          ['Command', input.command],
          ['Options', options.length > 0 ? <code key="options">{options.join(' ')}</code> : null],
          ['Author', `${input.author.login}${input.author.association ? ` (${input.author.association})` : ''}`],
          ['Repository', input.repository],
          ['Delivery', <code key="delivery">{input.delivery_id}</code>],
          ['Source', describeDetails(input.source).join(' · ') || null],
        ]}
      />
      <RawJson value={input} />
    </>
  );
}

export function FinalResultView({ result }: { result: Schemas['FinalResultRecord'] | null }) {
  if (!result) return <EmptyState title="No final result yet">06-final-result.json is written when the run ends.</EmptyState>;
  const { metrics } = result;
  return (
    <>
      <p>
        <Badge tone={result.success ? 'success' : 'danger'}>{result.success ? 'success' : 'failure'}</Badge>
      </p>
      {result.error && <p className="error-text">{result.error}</p>}
      {result.result && <p className="prose">{result.result}</p>}
      <KeyValues
        items={[
          ['Runner', result.runner],
          ['Model', result.model],
          ['Duration', formatDuration(metrics.duration_ms)],
          ['Input tokens', formatTokens(metrics.input_tokens)],
          ['Output tokens', formatTokens(metrics.output_tokens)],
          ['Cost', formatCost(metrics.cost_usd)],
          ['Steps', metrics.steps === undefined ? null : String(metrics.steps)],
          [
            'Links',
            result.links.length > 0 ? (
              <span key="links">
                {result.links.map((link) => (
                  <a key={link.url} href={link.url} target="_blank" rel="noreferrer noopener" className="inline-link">
                    {link.kind}
                  </a>
                ))}
              </span>
            ) : null,
          ],
        ]}
      />
      <RawJson value={result} />
    </>
  );
}
