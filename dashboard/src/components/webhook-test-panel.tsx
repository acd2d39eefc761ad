import { type FormEvent, useState } from 'react';
import type { TestDeliveryResult } from '../api/types.js';
import { hrefFor } from '../routing/routes.js';
import { KeyValues } from './section.js';
import { ErrorState } from './state-views.js';
import { Badge } from './status-badge.js';

const OUTCOMES: Record<TestDeliveryResult['outcome'], { label: string; tone: 'success' | 'info' | 'warning' | 'danger' | 'neutral' }> = {
  would_create_task: { label: 'would create a task', tone: 'success' },
  task_created: { label: 'task created', tone: 'success' },
  duplicate: { label: 'duplicate delivery', tone: 'neutral' },
  not_accepted: { label: 'not accepted', tone: 'warning' },
  invalid_payload: { label: 'invalid payload', tone: 'danger' },
};

/** Posts a JSON body through a route, as its sender would: a dry run unless unchecked. */
export function WebhookTestPanel({
  slug,
  example,
  pending,
  error,
  result,
  onSend,
  onClose,
}: {
  slug: string;
  example: string;
  pending: boolean;
  error: unknown;
  result: TestDeliveryResult | undefined;
  onSend: (payload: unknown, dryRun: boolean) => void;
  onClose: () => void;
}) {
  const [body, setBody] = useState(example);
  const [dryRun, setDryRun] = useState(true);
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const payload: unknown = JSON.parse(body);
      setInvalid(null);
      onSend(payload, dryRun);
    } catch (parseError) {
      setInvalid(parseError instanceof Error ? parseError.message : 'not JSON');
    }
  };
  return (
    <form className="card form-card" onSubmit={submit} aria-label={`Test delivery to ${slug}`}>
      <header className="card-header">
        <h2>Test delivery to {slug}</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="card-body">
        <label className="field">
          JSON body
          <textarea rows={8} className="code-input" value={body} onChange={(event) => setBody(event.target.value)} spellCheck={false} />
        </label>
        {invalid && <p className="error-text">The body is not JSON: {invalid}</p>}
        <label className="checkbox">
          <input type="checkbox" checked={dryRun} onChange={(event) => setDryRun(event.target.checked)} /> Dry run: show what would happen and record nothing
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? 'Sending…' : dryRun ? 'Send a dry run' : 'Send for real'}
          </button>
        </div>
        {error ? <ErrorState error={error} title="The test delivery failed." /> : null}
        {result && (
          <div className="test-result" role="status">
            <p>
              <Badge tone={OUTCOMES[result.outcome].tone}>{OUTCOMES[result.outcome].label}</Badge> {result.reason && <span className="muted">{result.reason}</span>}
            </p>
            <KeyValues
              items={[
                ['Text', result.text ?? result.mapped.text],
                ['Command', result.command],
                ['Repository', result.repository ?? result.mapped.repository],
                ['Author', result.mapped.author],
                ['Thread', result.mapped.thread],
                ['Task', result.task_id ? <a key="task" href={hrefFor({ page: 'task', id: result.task_id })}>{result.task_id}</a> : null],
              ]}
            />
            {result.problems.length > 0 && (
              <ul className="problems">
                {result.problems.map((problem) => (
                  <li key={problem} className="error-text">
                    {problem}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
