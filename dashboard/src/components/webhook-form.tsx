import { COMMAND_PATTERN, SLUG_PATTERN } from '../format/input-patterns.js';
import { type FormEvent, useState } from 'react';
import type { NewWebhookRoute, WebhookRouteChanges } from '../api/gateway-queries.js';
import type { WebhookRoute } from '../api/types.js';
import { ErrorState } from './state-views.js';

interface Draft {
  slug: string;
  description: string;
  text: string;
  author: string;
  repository: string;
  thread: string;
  deliveryId: string;
  defaultCommand: string;
  defaultRepository: string;
  requireMention: boolean;
  allowedAuthors: string;
  enabled: boolean;
  secret: string;
}

function draftOf(route: WebhookRoute | null): Draft {
  return {
    slug: route?.slug ?? '',
    description: route?.description ?? '',
    text: route?.mapping.text ?? '',
    author: route?.mapping.author ?? '',
    repository: route?.mapping.repository ?? '',
    thread: route?.mapping.thread ?? '',
    deliveryId: route?.mapping.delivery_id ?? '',
    defaultCommand: route?.default_command ?? 'ask',
    defaultRepository: route?.default_repository ?? '',
    requireMention: route?.require_mention ?? false,
    allowedAuthors: route?.allowed_authors.join(', ') ?? '',
    enabled: route?.enabled ?? true,
    secret: '',
  };
}

/** The JSON pointers of a draft; an empty field is left out, as the gateway expects. */
function mappingOf(draft: Draft) {
  const optional = (value: string) => value.trim() || undefined;
  return { text: draft.text.trim(), author: optional(draft.author), repository: optional(draft.repository), thread: optional(draft.thread), delivery_id: optional(draft.deliveryId) };
}

/** Every field of a route but its slug and secret, as the draft says. */
function settingsOf(draft: Draft) {
  return {
    description: draft.description.trim(),
    mapping: mappingOf(draft),
    default_command: draft.defaultCommand.trim() || 'ask',
    default_repository: draft.defaultRepository.trim() || null,
    require_mention: draft.requireMention,
    allowed_authors: draft.allowedAuthors
      .split(',')
      .map((author) => author.trim())
      .filter(Boolean),
    enabled: draft.enabled,
  };
}

export function newRouteOf(draft: Draft): NewWebhookRoute {
  return { ...settingsOf(draft), slug: draft.slug.trim(), secret: draft.secret.trim() || undefined };
}

function changesOf(draft: Draft): WebhookRouteChanges {
  return settingsOf(draft);
}

/** Adds a route (`route` null) or edits one; the gateway checks the values and says what it refuses. */
export function WebhookForm({
  route,
  pending,
  error,
  onCreate,
  onUpdate,
  onCancel,
}: {
  route: WebhookRoute | null;
  pending: boolean;
  error: unknown;
  onCreate: (route: NewWebhookRoute) => void;
  onUpdate: (changes: WebhookRouteChanges) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(route));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (route) onUpdate(changesOf(draft));
    else onCreate(newRouteOf(draft));
  };
  const text = (key: 'slug' | 'description' | 'text' | 'author' | 'repository' | 'thread' | 'deliveryId' | 'defaultCommand' | 'defaultRepository' | 'allowedAuthors' | 'secret', label: string, hint: string, extra: { required?: boolean; pattern?: string; placeholder?: string } = {}) => (
    <label className="field">
      {label}
      <input type="text" value={draft[key]} onChange={(event) => set(key, event.target.value)} {...extra} />
      <span className="muted small">{hint}</span>
    </label>
  );
  return (
    <form className="card form-card" onSubmit={submit} aria-label={route ? `Edit ${route.slug}` : 'New webhook route'}>
      <header className="card-header">
        <h2>{route ? `Edit ${route.slug}` : 'New webhook route'}</h2>
      </header>
      <div className="card-body form-grid">
        {error ? <ErrorState error={error} title="The gateway refused it." /> : null}
        {!route && text('slug', 'Slug', 'The route is /webhooks/custom/<slug> on the gateway', { required: true, pattern: SLUG_PATTERN, placeholder: 'pagerduty' })}
        {text('description', 'Description', 'What sends to this route')}
        {text('text', 'Text pointer', 'JSON pointer to the request text in a delivery', { required: true, placeholder: '/incident/title' })}
        {text('author', 'Author pointer', 'Who asked (checked against the allowed authors)', { placeholder: '/incident/owner' })}
        {text('repository', 'Repository pointer', 'An owner/name string in the delivery')}
        {text('thread', 'Thread pointer', 'Deliveries of one thread run in order, as one conversation', { placeholder: '/incident/id' })}
        {text('deliveryId', 'Delivery id pointer', 'For dedupe; else X-Delivery-Id, else the body hash')}
        {text('defaultCommand', 'Default command', 'When the text names none', { pattern: COMMAND_PATTERN })}
        {text('defaultRepository', 'Default repository', 'When the delivery names none', { placeholder: 'owner/name' })}
        {text('allowedAuthors', 'Allowed authors', 'Comma-separated; empty allows every author')}
        {!route && text('secret', 'Secret', 'Leave empty to have the gateway generate one (16 characters at least)')}
        <label className="checkbox">
          <input type="checkbox" checked={draft.requireMention} onChange={(event) => set('requireMention', event.target.checked)} /> Only texts that mention the agent start a task
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => set('enabled', event.target.checked)} /> Enabled
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? 'Saving…' : route ? 'Save' : 'Add route'}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </form>
  );
}
