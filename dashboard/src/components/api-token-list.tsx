import { type FormEvent, useState } from 'react';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../api/account-queries.js';
import { RelativeTime } from './relative-time.js';
import { EmptyState, ErrorState, Loading } from './state-views.js';
import { Badge } from './status-badge.js';

/** Your API tokens for scripts: create one (shown once), see when each was last used, revoke it. */
export function ApiTokenList() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), expires_in_days: days ? Number(days) : undefined }, { onSuccess: () => setName('') });
  };
  return (
    <>
      {create.data && (
        <div className="notice" role="status">
          <strong>Your new token, shown this once:</strong> <code className="secret">{create.data.token}</code>
          <span className="muted"> Send it as <code>Authorization: Bearer &lt;token&gt;</code>.</span>
        </div>
      )}
      <form className="inline-form" onSubmit={submit} aria-label="New API token">
        <input aria-label="Token name" placeholder="What it is for, e.g. grafana" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} className="grow" />
        <select aria-label="Expires" value={days} onChange={(event) => setDays(event.target.value)}>
          <option value="30">Expires in 30 days</option>
          <option value="90">Expires in 90 days</option>
          <option value="365">Expires in a year</option>
          <option value="">Never expires</option>
        </select>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.isError && <ErrorState error={create.error} title="Could not create the token." />}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.items.length === 0 ? (
        <EmptyState title="No API token" />
      ) : (
        <div className="table-wrap">
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((token) => (
                <tr key={token.id}>
                  <td>
                    {token.name} {token.source === 'configuration' && <Badge tone="neutral">from configuration</Badge>}
                  </td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>
                    <RelativeTime iso={token.created_at} />
                  </td>
                  <td>{token.last_used_at ? <RelativeTime iso={token.last_used_at} /> : <span className="muted">never</span>}</td>
                  <td>{token.expires_at ? new Date(token.expires_at).toLocaleDateString() : <span className="muted">never</span>}</td>
                  <td className="actions">
                    <button type="button" className="link-button danger" disabled={revoke.isPending} onClick={() => window.confirm(`Revoke ${token.name}?`) && revoke.mutate(token.id)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
