import type { ReactNode } from 'react';
import { useLogout } from '../api/session-queries.js';
import type { Session } from '../api/types.js';
import { type LinkableRoute, type Route, hrefFor } from '../routing/routes.js';
import { type ThemeChoice, useTheme } from '../theme/theme.js';

const NAV: Array<{ label: string; route: LinkableRoute; pages: Array<Route['page']> }> = [
  { label: 'Overview', route: { page: 'overview' }, pages: ['overview'] },
  { label: 'Tasks', route: { page: 'tasks', filters: {} }, pages: ['tasks', 'task'] },
  { label: 'Analytics', route: { page: 'analytics', filters: {} }, pages: ['analytics'] },
  { label: 'Ledger', route: { page: 'ledger', filters: {} }, pages: ['ledger'] },
  { label: 'Chat', route: { page: 'chat', filters: {} }, pages: ['chat', 'conversation'] },
  { label: 'Webhooks', route: { page: 'webhooks' }, pages: ['webhooks'] },
  { label: 'Registry', route: { page: 'registry' }, pages: ['registry'] },
  { label: 'Services', route: { page: 'services' }, pages: ['services'] },
];

const THEMES: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The frame of every page once signed in: navigation, the theme, who is signed in. */
export function AppShell({ route, session, children }: { route: Route; session: Session; children: ReactNode }) {
  const logout = useLogout();
  const [theme, setTheme] = useTheme();
  return (
    <>
      <header className="top-bar">
        <a className="brand" href={hrefFor({ page: 'overview' })}>
          SWE AI Fleet
        </a>
        <nav aria-label="Pages" className="nav">
          {NAV.map((item) => (
            <a key={item.label} href={hrefFor(item.route)} aria-current={item.pages.includes(route.page) ? 'page' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
        <div className="top-bar-end">
          <select aria-label="Theme" className="compact-select" value={theme} onChange={(event) => setTheme(THEMES.find((option) => option.value === event.target.value)?.value ?? 'system')}>
            {THEMES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <a href={hrefFor({ page: 'account' })} aria-current={route.page === 'account' ? 'page' : undefined} title={session.user.email}>
            {session.user.name}
          </a>
          {session.via === 'session' && (
            <button type="button" className="button button-quiet" onClick={() => logout.mutate()} disabled={logout.isPending}>
              Sign out
            </button>
          )}
        </div>
      </header>
      {children}
    </>
  );
}
