import { useState } from 'react';
import { useWebhookMutations, useWebhookRoutes } from '../api/gateway-queries.js';
import type { WebhookRoute } from '../api/types.js';
import { Section } from '../components/section.js';
import { EmptyState, ErrorState, Loading } from '../components/state-views.js';
import { Badge } from '../components/status-badge.js';
import { WebhookForm } from '../components/webhook-form.js';
import { WebhookTestPanel } from '../components/webhook-test-panel.js';
import { examplePayload } from '../webhooks/example-payload.js';

type Panel = { kind: 'new' } | { kind: 'edit'; route: WebhookRoute } | { kind: 'test'; route: WebhookRoute } | null;

/** Custom webhook routes of the gateway: add, edit, disable, rotate the secret, send a test delivery. */
export function WebhooksPage({ isAdmin }: { isAdmin: boolean }) {
  const routes = useWebhookRoutes();
  const mutations = useWebhookMutations();
  const [panel, setPanel] = useState<Panel>(null);
  const [secret, setSecret] = useState<{ slug: string; secret: string } | null>(null);
  const open = (next: Panel) => {
    mutations.create.reset();
    mutations.update.reset();
    mutations.test.reset();
    setPanel(next);
  };
  const remove = (route: WebhookRoute) => {
    if (window.confirm(`Delete the route ${route.slug}? Senders posting to ${route.url} will get 404.`)) mutations.remove.mutate(route.slug);
  };
  const rotate = (route: WebhookRoute) => {
    if (!window.confirm(`Rotate the secret of ${route.slug}? The sender must be given the new one.`)) return;
    mutations.rotate.mutate(route.slug, { onSuccess: (rotated) => setSecret(rotated) });
  };
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Webhooks</h1>
          <p className="muted">
            Custom routes of the gateway: any system that can post JSON starts tasks at <code>/webhooks/custom/&lt;slug&gt;</code>, signed with the route's secret.
            GitHub, Slack, Jira and Sentry have their own routes, configured by their secrets.
          </p>
        </div>
        {isAdmin && (
          <button type="button" className="button button-primary" onClick={() => open({ kind: 'new' })}>
            New route
          </button>
        )}
      </header>
      {secret && (
        <div className="notice" role="status">
          <strong>The secret of {secret.slug}, shown this once:</strong> <code className="secret">{secret.secret}</code>
          <span className="muted"> Configure it in the sender now; it cannot be read again.</span>
          <button type="button" className="button button-quiet" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      {mutations.remove.isError && <ErrorState error={mutations.remove.error} title="Could not delete the route." />}
      {mutations.rotate.isError && <ErrorState error={mutations.rotate.error} title="Could not rotate the secret." />}
      {panel?.kind === 'new' && (
        <WebhookForm
          route={null}
          pending={mutations.create.isPending}
          error={mutations.create.error}
          onCreate={(route) =>
            mutations.create.mutate(route, {
              onSuccess: (created) => {
                setSecret({ slug: created.slug, secret: created.secret });
                setPanel(null);
              },
            })
          }
          onUpdate={() => undefined}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel?.kind === 'edit' && (
        <WebhookForm
          key={panel.route.slug}
          route={panel.route}
          pending={mutations.update.isPending}
          error={mutations.update.error}
          onCreate={() => undefined}
          onUpdate={(changes) => mutations.update.mutate({ slug: panel.route.slug, changes }, { onSuccess: () => setPanel(null) })}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel?.kind === 'test' && (
        <WebhookTestPanel
          key={panel.route.slug}
          slug={panel.route.slug}
          example={examplePayload(panel.route.mapping)}
          pending={mutations.test.isPending}
          error={mutations.test.error}
          result={mutations.test.data}
          onSend={(payload, dryRun) => mutations.test.mutate({ slug: panel.route.slug, payload, dryRun })}
          onClose={() => setPanel(null)}
        />
      )}
      <Section title="Routes" count={routes.data?.items.length}>
        {routes.isPending ? (
          <Loading label="Asking the gateway…" />
        ) : routes.isError ? (
          <ErrorState error={routes.error} onRetry={() => void routes.refetch()} />
        ) : routes.data.items.length === 0 ? (
          <EmptyState title="No custom webhook route yet">{isAdmin ? 'Add one to let another system start tasks.' : 'An admin can add one.'}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Route</th>
                  <th scope="col">Mapping</th>
                  <th scope="col">Defaults</th>
                  <th scope="col">State</th>
                  {isAdmin && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {routes.data.items.map((route) => (
                  <tr key={route.slug}>
                    <td>
                      <strong>{route.slug}</strong>
                      <div className="muted small">
                        <code>{route.url}</code>
                      </div>
                      {route.description && <div className="small">{route.description}</div>}
                    </td>
                    <td>
                      <ul className="checks">
                        {Object.entries(route.mapping).map(([field, pointer]) => (
                          <li key={field}>
                            <span className="muted">{field}</span> <code>{pointer}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="small">
                      <div>
                        command <code>{route.default_command}</code>
                      </div>
                      {route.default_repository && (
                        <div>
                          repository <code>{route.default_repository}</code>
                        </div>
                      )}
                      {route.require_mention && <div>mention required</div>}
                      {route.allowed_authors.length > 0 && <div>authors: {route.allowed_authors.join(', ')}</div>}
                    </td>
                    <td>
                      <Badge tone={route.enabled ? 'success' : 'neutral'}>{route.enabled ? 'enabled' : 'disabled'}</Badge>
                    </td>
                    {isAdmin && (
                      <td className="actions">
                        <button type="button" className="link-button" onClick={() => open({ kind: 'edit', route })}>
                          Edit
                        </button>
                        <button type="button" className="link-button" onClick={() => mutations.update.mutate({ slug: route.slug, changes: { enabled: !route.enabled } })}>
                          {route.enabled ? 'Disable' : 'Enable'}
                        </button>
                        <button type="button" className="link-button" onClick={() => open({ kind: 'test', route })}>
                          Send a test
                        </button>
                        <button type="button" className="link-button" onClick={() => rotate(route)}>
                          Rotate secret
                        </button>
                        <button type="button" className="link-button danger" onClick={() => remove(route)}>
                          Delete
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </main>
  );
}
