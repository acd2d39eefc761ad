import { type FormEvent, useState } from 'react';
import { useLogin } from '../api/session-queries.js';
import { ErrorState } from '../components/state-views.js';

/** The sign-in form: email and password, answered with a session cookie. */
export function LoginPage() {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password });
  };
  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-label="Sign in">
        <div className="card-body">
          <h1>SWE AI Fleet</h1>
          <p className="muted">Sign in to see what your agents do and what they cost.</p>
          {login.isError && <ErrorState error={login.error} title="Could not sign in." />}
          <label className="field">
            Email
            <input type="email" name="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} autoFocus />
          </label>
          <label className="field">
            Password
            <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
          </label>
          <button type="submit" className="button button-primary" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
          <p className="muted small">
            The first admin is set by <code>DASHBOARD_ADMIN_EMAIL</code> and <code>DASHBOARD_ADMIN_PASSWORD</code> in dashboard-api's configuration.
          </p>
        </div>
      </form>
    </main>
  );
}
