import { QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { ApiProvider } from '../../src/api/api-context.js';
import { createDashboardApi } from '../../src/api/dashboard-api.js';

/**
 * Renders a page with react-dom/server, its queries answered from `data`: every query whose key
 * starts with a listed prefix starts with that data, as if dashboard-api had just answered.
 */
export function renderPage(node: ReactNode, data: Array<[QueryKey, unknown]>): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  for (const [prefix, value] of data) client.setQueryDefaults(prefix, { initialData: value });
  return renderToString(
    <QueryClientProvider client={client}>
      <ApiProvider client={createDashboardApi('http://127.0.0.1:9')}>{node}</ApiProvider>
    </QueryClientProvider>,
  );
}

/** The text a reader sees, tags and React's comment markers removed. */
export const visibleText = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
