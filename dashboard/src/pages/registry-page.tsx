import { useRegistry } from '../api/service-queries.js';
import { CommandTable } from '../components/command-table.js';
import { RegistryTable } from '../components/registry-table.js';
import { Section } from '../components/section.js';
import { ErrorState, Loading } from '../components/state-views.js';

/** What the platform can do: its agents, runners, commands and models, and how much each was used. */
export function RegistryPage({ isAdmin }: { isAdmin: boolean }) {
  const registry = useRegistry();
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Registry</h1>
          <p className="muted">Agents and runners as the agent worker offers them, commands as the gateway defines them, and how much each was used.</p>
        </div>
      </header>
      {registry.isPending ? (
        <Loading label="Loading the registry…" />
      ) : registry.isError ? (
        <ErrorState error={registry.error} onRetry={() => void registry.refetch()} />
      ) : (
        <>
          {registry.data.agent_status_error && (
            <p className="notice muted" role="status">
              The agent worker's own list is unavailable ({registry.data.agent_status_error}); what the tasks used is shown.
            </p>
          )}
          <div className="breakdown-grid">
            <Section title="Agents" count={registry.data.agents.length}>
              <RegistryTable entries={registry.data.agents} label="Agent" showAvailability />
            </Section>
            <Section title="Runners" count={registry.data.runners.length}>
              <RegistryTable entries={registry.data.runners} label="Runner" showAvailability />
            </Section>
          </div>
          <Section title="Commands">
            <CommandTable usage={registry.data.commands} isAdmin={isAdmin} />
          </Section>
          <Section title="Models" count={registry.data.models.length}>
            <RegistryTable entries={registry.data.models} label="Model" showAvailability={false} />
          </Section>
        </>
      )}
    </main>
  );
}
