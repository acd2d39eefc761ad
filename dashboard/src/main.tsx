import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context.js';
import { createDashboardApi } from './api/dashboard-api.js';
import { App } from './app.js';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// dashboard-api is served on this origin under /api (vite's proxy in dev and preview).
const api = createDashboardApi(window.location.origin);
const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 1_000, refetchOnWindowFocus: true } } });

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={api}>
        <App />
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
