import { useEffect } from 'react';
import { useSession } from './api/session-queries.js';
import { ErrorState, Loading } from './components/state-views.js';
import { AppShell } from './layout/app-shell.js';
import { AccountPage } from './pages/account-page.js';
import { AnalyticsPage } from './pages/analytics-page.js';
import { ChatPage } from './pages/chat-page.js';
import { ConversationPage } from './pages/conversation-page.js';
import { LedgerPage } from './pages/ledger-page.js';
import { LoginPage } from './pages/login-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { RegistryPage } from './pages/registry-page.js';
import { ServicesPage } from './pages/services-page.js';
import { TaskListPage } from './pages/task-list-page.js';
import { TaskPage } from './pages/task-page.js';
import { WebhooksPage } from './pages/webhooks-page.js';
import type { Route } from './routing/routes.js';
import { useRoute } from './routing/use-route.js';

const TITLES: Record<Route['page'], string> = {
  overview: 'Overview',
  tasks: 'Tasks',
  task: 'Task',
  analytics: 'Analytics',
  ledger: 'Ledger',
  chat: 'Chat',
  conversation: 'Conversation',
  webhooks: 'Webhooks',
  registry: 'Registry',
  services: 'Services',
  account: 'Account',
  not_found: 'Not found',
};

function Page({ route, isAdmin }: { route: Route; isAdmin: boolean }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'tasks':
      return <TaskListPage filters={route.filters} />;
    case 'task':
      return <TaskPage key={route.id} id={route.id} />;
    case 'analytics':
      return <AnalyticsPage filters={route.filters} />;
    case 'ledger':
      return <LedgerPage filters={route.filters} />;
    case 'chat':
      return <ChatPage filters={route.filters} />;
    case 'conversation':
      return <ConversationPage key={route.key} conversationKey={route.key} />;
    case 'webhooks':
      return <WebhooksPage isAdmin={isAdmin} />;
    case 'registry':
      return <RegistryPage isAdmin={isAdmin} />;
    case 'services':
      return <ServicesPage />;
    case 'account':
      return <AccountPage />;
    case 'not_found':
      return <NotFoundPage path={route.path} />;
  }
}

/** Signed in: the page of the current route in the app's frame. Otherwise: the sign-in form. */
export function App() {
  const route = useRoute();
  const session = useSession();
  const title = route.page === 'task' ? route.id : TITLES[route.page];
  useEffect(() => {
    document.title = `${title} · SWE AI Fleet`;
  }, [title]);
  // A block body: scrollTo returns a promise in recent browsers, and an effect may return only a cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [route.page]);

  if (session.isPending) return <Loading label="Loading…" />;
  if (session.isError) {
    return (
      <main className="page">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  if (!session.data) return <LoginPage />;
  return (
    <AppShell route={route} session={session.data}>
      <Page route={route} isAdmin={session.data.user.role === 'admin'} />
    </AppShell>
  );
}
