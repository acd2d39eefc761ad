import { type FormEvent, useState } from 'react';
import { useCreateUser, useUpdateUser, useUsers } from '../api/account-queries.js';
import { RelativeTime } from './relative-time.js';
import { ErrorState, Loading } from './state-views.js';
import { Badge } from './status-badge.js';

/** The dashboard's accounts, for admins: add one, change a role, disable or enable. */
export function UserAdmin({ selfId }: { selfId: string }) {
  const users = useUsers(true);
  const create = useCreateUser();
  const update = useUpdateUser();
  const [draft, setDraft] = useState({ email: '', name: '', role: 'viewer' as 'admin' | 'viewer', password: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...draft, name: draft.name || undefined }, { onSuccess: () => setDraft({ email: '', name: '', role: 'viewer', password: '' }) });
  };
  if (users.isPending) return <Loading />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <>
      {update.isError && <ErrorState error={update.error} title="Could not change the user." />}
      <div className="table-wrap">
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((user) => (
              <tr key={user.id}>
                <td>
                  <strong>{user.name}</strong>
                  <div className="muted small">{user.email}</div>
                </td>
                <td>{user.role}</td>
                <td>
                  <Badge tone={user.disabled ? 'neutral' : 'success'}>{user.disabled ? 'disabled' : 'active'}</Badge>
                </td>
                <td>
                  <RelativeTime iso={user.created_at} />
                </td>
                <td className="actions">
                  {user.id !== selfId && (
                    <>
                      <button type="button" className="link-button" onClick={() => update.mutate({ id: user.id, role: user.role === 'admin' ? 'viewer' : 'admin' })}>
                        Make {user.role === 'admin' ? 'viewer' : 'admin'}
                      </button>
                      <button type="button" className="link-button" onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}>
                        {user.disabled ? 'Enable' : 'Disable'}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="inline-form" onSubmit={submit} aria-label="New user">
        <input aria-label="Email" type="email" placeholder="email" required value={draft.email} onChange={(event) => setDraft({ ...draft, email: event.target.value })} />
        <input aria-label="Name" placeholder="name" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        <select aria-label="Role" value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value === 'admin' ? 'admin' : 'viewer' })}>
          <option value="viewer">viewer</option>
          <option value="admin">admin</option>
        </select>
        <input aria-label="Password" type="password" placeholder="password (12+ characters)" minLength={12} required autoComplete="new-password" value={draft.password} onChange={(event) => setDraft({ ...draft, password: event.target.value })} />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Add user
        </button>
      </form>
      {create.isError && <ErrorState error={create.error} title="Could not add the user." />}
    </>
  );
}
