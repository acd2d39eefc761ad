import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { type Usage, usageBy } from '../read-model/usage-queries.js';
import type { AgentStatusReader } from '../services/agent-status.js';
import { commonErrors } from './schemas.js';

const EntrySchema = z
  .object({
    name: z.string(),
    available: z.boolean().nullable().describe("Whether the agent worker offers it now; null when the worker did not say"),
    tasks: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    cost_usd: z.number(),
    last_used_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'RegistryEntry' });

const RegistrySchema = z
  .object({
    agents: z.array(EntrySchema),
    runners: z.array(EntrySchema),
    commands: z.array(EntrySchema).describe('Usage of each command; their definitions are at /api/v1/commands'),
    models: z.array(EntrySchema),
    agent_status_error: z.string().nullable().describe("Why the worker's own list is missing, if it is"),
  })
  .meta({ id: 'Registry' });

type Entry = z.infer<typeof EntrySchema>;

/** What the worker offers, merged with what the tasks used: a name known to either appears once. */
function merge(usage: Usage[], offered: Map<string, boolean> | null): Entry[] {
  const entries = new Map<string, Entry>();
  for (const [name, available] of offered ?? []) {
    entries.set(name, { name, available, tasks: 0, succeeded: 0, failed: 0, cost_usd: 0, last_used_at: null });
  }
  for (const row of usage) {
    entries.set(row.name, { ...row, available: offered ? (offered.get(row.name) ?? false) : null });
  }
  return [...entries.values()].sort((a, b) => b.tasks - a.tasks || a.name.localeCompare(b.name));
}

export const registryRoutes: FastifyPluginAsyncZod<{ db: Database; agentStatus: AgentStatusReader }> = async (app, deps) => {
  app.get(
    '/api/v1/registry',
    {
      schema: {
        tags: ['registry'],
        summary: 'Agents, runners, commands and models: what the worker offers and how much each was used',
        response: { 200: RegistrySchema, ...commonErrors },
      },
    },
    async () => {
      const [agents, runners, commands, models, live] = await Promise.all([
        usageBy(deps.db, 'agent'),
        usageBy(deps.db, 'runner'),
        usageBy(deps.db, 'command'),
        usageBy(deps.db, 'model'),
        deps.agentStatus(),
      ]);
      const offeredAgents = live.status ? new Map(live.status.agents.map((name) => [name, true])) : null;
      const offeredRunners = live.status ? new Map(live.status.runners.map((runner) => [runner.name, runner.available])) : null;
      return {
        agents: merge(agents, offeredAgents),
        runners: merge(runners, offeredRunners),
        commands: merge(commands, null),
        models: merge(models, null),
        agent_status_error: live.error,
      };
    },
  );
};
