import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema } from './error-schema.js';
import type { AgentDefinition } from '../agents/agent-definition.js';
import { TOOL_NAMES } from '../cli/agent-request.js';


const AgentSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    runner: z.string().describe('The runner that runs it unless a task says --runner=...'),
    model: z.string().nullable().describe("null: the runner's configured model"),
    tools: z.array(z.enum(TOOL_NAMES)),
    commands: z.array(z.string()).describe('The command words it answers'),
    limits: z.object({
      max_steps: z.number().int().nullable(),
      timeout_ms: z.number().int().nullable(),
      max_tokens: z.number().int().nullable(),
      max_cost_usd: z.number().nullable(),
    }).describe("null: the worker's default"),
    opens_pull_request: z.boolean().describe('Whether its changes become a draft pull request'),
  })
  .meta({ id: 'AgentDefinition' });

const AgentListSchema = z.object({ agents: z.array(AgentSchema), default_agent: z.string() }).meta({ id: 'AgentList' });

export interface AgentRoutesDeps {
  agents: () => AgentDefinition[];
  defaultAgent: string;
}

/** The agent registry: the definitions this worker loaded from `agents/`. */
export const agentRoutes: FastifyPluginAsyncZod<AgentRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/agents',
    {
      schema: {
        tags: ['agents'],
        summary: 'The agent definitions: commands, runner, model, tools and limits',
        security: [{ serviceToken: [] }],
        response: { 200: AgentListSchema, 401: ErrorSchema },
      },
    },
    async () => ({
      default_agent: deps.defaultAgent,
      agents: deps.agents().map((agent) => ({
        name: agent.name,
        description: agent.description,
        runner: agent.runner,
        model: agent.model ?? null,
        tools: agent.tools,
        commands: agent.commands,
        limits: {
          max_steps: agent.limits?.max_steps ?? null,
          timeout_ms: agent.limits?.timeout_ms ?? null,
          max_tokens: agent.limits?.max_tokens ?? null,
          max_cost_usd: agent.limits?.max_cost_usd ?? null,
        },
        opens_pull_request: agent.opens_pull_request ?? false,
      })),
    }),
  );
};
