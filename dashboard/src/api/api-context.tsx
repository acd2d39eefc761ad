import { type ReactNode, createContext, useContext } from 'react';
import type { DashboardApiClient } from './dashboard-api.js';

const ApiContext = createContext<DashboardApiClient | null>(null);

/** Hands the dashboard-api client to every page (tests and later issues can hand in another). */
export function ApiProvider({ client, children }: { client: DashboardApiClient; children: ReactNode }) {
  return <ApiContext value={client}>{children}</ApiContext>;
}

export function useDashboardApi(): DashboardApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useDashboardApi needs an <ApiProvider> above it');
  return client;
}
