import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context.js';
import { ApiError } from './api/api-error.js';
import { createDashboardApi, csrfTokenFromCookie } from './api/dashboard-api.js';
import { SESSION_KEY, switchSession } from './api/session-queries.js';
import { App } from './app.js';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// dashboard-api is served on this origin under /api (vite's proxy in dev and preview).
const api = createDashboardApi(window.location.origin, { csrfToken: () => csrfTokenFromCookie(document.cookie) });
const queryClient: QueryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 1_000, refetchOnWindowFocus: true } },
  // A 401 anywhere means the session ended (expired, signed out elsewhere): back to the sign-in form.
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== SESSION_KEY[0]) switchSession(queryClient, null);
    },
  }),
});

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={api}>
        <App />
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
