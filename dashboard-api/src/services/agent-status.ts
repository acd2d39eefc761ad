import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { paths } from '../generated/agent-container.js';

/** agent-container's WorkerStatus (its openapi.json), checked when it arrives. */
export const WorkerStatusSchema = z
  .object({
    running: z.array(
      z.object({
        task_id: z.string(),
        attempt: z.number().int(),
        provider: z.string(),
        command: z.string(),
        agent: z.string(),
        runner: z.string(),
        started_at: z.string(),
      }),
    ),
    runners: z.array(z.object({ name: z.string(), available: z.boolean() })),
    agents: z.array(z.string()),
    concurrency: z.object({ agent_tasks: z.number().int(), notifications: z.number().int() }),
  })
  .meta({ id: 'WorkerStatus' });
export type WorkerStatus = z.infer<typeof WorkerStatusSchema>;

/** What the agent's status API said, or why it said nothing. */
export type AgentStatusResult = { status: WorkerStatus; error: null } | { status: null; error: string };

export type AgentStatusReader = () => Promise<AgentStatusResult>;

/**
 * Reads agent-container's `GET /api/v1/status` (running tasks, runners, agents) with the
 * service token, through the client generated from its committed openapi.json.
 */
export function agentStatusReader(options: { baseUrl: string; serviceToken?: string; timeoutMs: number; fetch?: typeof fetch }): AgentStatusReader {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  return async () => {
    if (!options.serviceToken) return { status: null, error: 'SERVICE_TOKEN is not set, so the agent cannot be asked' };
    try {
      const { data, response } = await client.GET('/api/v1/status', {
        headers: { authorization: `Bearer ${options.serviceToken}` },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) {
        return { status: null, error: response.status === 401 ? 'the agent refused SERVICE_TOKEN' : `the agent answered HTTP ${response.status}` };
      }
      const parsed = WorkerStatusSchema.safeParse(data);
      return parsed.success ? { status: parsed.data, error: null } : { status: null, error: 'the agent answered a status this version does not understand' };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return { status: null, error: timedOut ? `no answer within ${options.timeoutMs} ms` : 'the agent cannot be reached' };
    }
  };
}
