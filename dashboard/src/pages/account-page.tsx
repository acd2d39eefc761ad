import { type FormEvent, useState } from 'react';
import { useChangePassword } from '../api/account-queries.js';
import { useSession } from '../api/session-queries.js';
import { ApiTokenList } from '../components/api-token-list.js';
import { KeyValues, Section } from '../components/section.js';
import { ErrorState, Loading } from '../components/state-views.js';
import { UserAdmin } from '../components/user-admin.js';

/** Your account: who you are, your password, your API tokens; for admins, every user. */
export function AccountPage() {
  const session = useSession();
  if (!session.data) return <Loading />;
  const { user } = session.data;
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Account</h1>
          <p className="muted">
            Signed in as {user.email} ({user.role}).
          </p>
        </div>
      </header>
      <Section title="You">
        <KeyValues
          items={[
            ['Name', user.name],
            ['Email', user.email],
            ['Role', user.role === 'admin' ? 'admin: also manages users, webhooks and commands' : 'viewer'],
            ['Session ends', session.data.expires_at ? new Date(session.data.expires_at).toLocaleString() : 'signed in with an API token'],
          ]}
        />
      </Section>
      {user.has_password && session.data.via === 'session' && (
        <Section title="Password">
          <PasswordForm />
        </Section>
      )}
      <Section title="API tokens">
        <ApiTokenList />
      </Section>
      {user.role === 'admin' && (
        <Section title="Users">
          <UserAdmin selfId={user.id} />
        </Section>
      )}
    </main>
  );
}

function PasswordForm() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ current_password: current, new_password: next }, {
      onSuccess: () => {
        setCurrent('');
        setNext('');
      },
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Change password">
      <input aria-label="Current password" type="password" autoComplete="current-password" placeholder="current password" required value={current} onChange={(event) => setCurrent(event.target.value)} />
      <input aria-label="New password" type="password" autoComplete="new-password" placeholder="new password (12+ characters)" minLength={12} required value={next} onChange={(event) => setNext(event.target.value)} />
      <button type="submit" className="button button-primary" disabled={change.isPending}>
        Change password
      </button>
      {change.isSuccess && <span className="ok-text">Changed; your other sessions are signed out.</span>}
      {change.isError && <ErrorState error={change.error} title="The password was not changed." />}
    </form>
  );
}
